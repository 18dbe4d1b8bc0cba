#!/usr/bin/env bash
# clang's thread-safety analysis over the project (--config=thread_safety:
# clang-14, -Wthread-safety as errors): compiles every source of //cc/...
# and //tests/... (objects only, no link), then proves the check bites:
# each snippet of //tests/thread_safety that makes a lock mistake must fail
# to compile with the analysis' error naming it, and the correct one must
# compile. Ends with `thread-safety: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
objects=(--config=thread_safety --output_groups=compilation_outputs)

if bazel build "${objects[@]}" //cc/... //tests/...; then
  echo "thread-safety //cc/... //tests/...: ok"
  passed=$((passed + 1))
else
  echo "thread-safety //cc/... //tests/...: FAILED (see the errors above)"
  failed=$((failed + 1))
fi

# expect TARGET OUTCOME [PATTERN]: OUTCOME is ok or error; PATTERN is what
# clang must say for an error.
expect() {
  local target=$1 outcome=$2 pattern=${3:-}
  local log
  log=$(bazel build "${objects[@]}" "//tests/thread_safety:$target" 2>&1)
  local status=$?
  if [[ $outcome == ok && $status -eq 0 ]]; then
    echo "thread-safety $target: compiles, as it must"
    passed=$((passed + 1))
  elif [[ $outcome == error && $status -ne 0 ]] &&
       grep -q -- "$pattern.*\[-Werror,-Wthread-safety" <<<"$log"; then
    echo "thread-safety $target: rejected, as it must ($pattern)"
    passed=$((passed + 1))
  else
    echo "thread-safety $target: FAILED (expected $outcome${pattern:+: $pattern})"
    grep -E 'error|warning' <<<"$log" | head -20
    failed=$((failed + 1))
  fi
}

expect correct ok
expect unguarded_read error "reading variable 'count_' requires holding mutex 'mu_'"
expect write_after_release error "writing variable 'count_' requires holding mutex 'mu_' exclusively"
expect locked_helper_without_lock error "calling function 'AddLocked' requires holding mutex 'mu_' exclusively"
expect wait_without_lock error "calling function 'Wait' requires holding mutex 'mu_' exclusively"

echo "thread-safety: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
