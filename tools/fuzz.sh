#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang-14, --config=fuzz) and
# runs each for SECONDS (default 20) on a scratch copy of its committed
# corpus, so new inputs never touch the tree. A crash, a sanitizer report,
# a timeout or a leak fails that target; its input is copied to
# tests/fuzz/corpus/<target>/ ready to commit as a regression input, and the
# report is printed. Ends with `fuzz: N passed, N failed`.
#   bash tools/fuzz.sh                 # every target, 20 s each (CI)
#   bash tools/fuzz.sh 600 validation_fuzzer   # one target, ten minutes
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(cli_flags_fuzzer filter_fuzzer metadata_token_fuzzer
           operation_fuzzer page_token_fuzzer service_account_key_fuzzer
           validation_fuzzer)
fi

if ! bazel build --config=fuzz //tests/fuzz:fuzzers; then
  echo "fuzz: 0 passed, ${#targets[@]} failed (build)"
  exit 1
fi
bin=$(bazel info --config=fuzz bazel-bin 2>/dev/null)/tests/fuzz
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for target in "${targets[@]}"; do
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
  cp tests/fuzz/corpus/"$target"/* "$work/$target/corpus/"
  # -timeout: one input taking over 10 s is a hang; rss limit: a leak or a
  # blow-up. The wall-clock guard covers a fuzzer that wedges outright.
  timeout $((seconds + 120)) "$bin/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/" \
    "$work/$target/corpus" >"$work/$target/log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target/log")
  if [[ $status -eq 0 ]]; then
    echo "fuzz $target: ok, ${runs:-?} inputs in ${seconds} s"
    passed=$((passed + 1))
  else
    echo "fuzz $target: FAILED (exit $status)"
    grep -v '^#[0-9]' "$work/$target/log" | tail -40
    for input in "$work/$target/artifacts"/*; do
      [[ -f "$input" ]] || continue
      cp "$input" "tests/fuzz/corpus/$target/"
      echo "  input saved as tests/fuzz/corpus/$target/$(basename "$input")"
    done
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
