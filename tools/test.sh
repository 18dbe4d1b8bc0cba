#!/usr/bin/env bash
# Runs the whole test suite: installs missing Debian packages, then
# `bazel test //...`, the same under --config=asan, and under --config=tsan
# (but the CLI's tests), each fuzz target for
# 20 s (tools/fuzz.sh: clang-14, libFuzzer + ASan + UBSan), clang's
# thread-safety analysis (tools/thread_safety.sh), then the consumer
# workspaces (tests/consumers/run.sh:
# the library used from a second workspace and from a monorepo with its own
# gRPC), then prints one line `N passed, N failed` counting the test cases
# (from each test's XML report) plus one per fuzz target and per consumer
# check, plus the CMake build's checks and ctest tests (tools/cmake_ci.sh),
# so CI and people read the same figure. Extra arguments go
# to every `bazel test` run (e.g. --runs_per_test=5), not to the consumers.
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/install_deps.sh || exit 1

passed=0
failed=0
suites_ok=1

# run_suite NAME TARGETS ARGS...: `bazel test ARGS -- TARGETS` (TARGETS a
# query expression: `//...`, or `//... except //pkg/...`), then adds the
# test cases of its XML reports (bazel-testlogs points at the run just
# made) to the totals. A build failure leaves no report: it counts as one
# failure.
run_suite() {
  local name=$1 targets=$2
  shift 2
  local start=$SECONDS suite_passed=0 suite_failed=0
  # shellcheck disable=SC2086 # the patterns are words
  bazel test "$@" -- ${targets// except / -}
  local status=$?
  while read -r label; do
    [[ -n "$label" ]] || continue
    local path=${label#//}
    local xml="bazel-testlogs/${path/://}/test.xml"
    if [[ ! -f "$xml" ]]; then
      echo "no test report for $label ($name)" >&2
      suite_failed=$((suite_failed + 1))
      continue
    fi
    # The first <testsuites ...> element holds the totals of the target.
    local header total failures errors
    header=$(grep -m1 -o '<testsuites [^>]*>' "$xml" || grep -m1 -o '<testsuite [^>]*>' "$xml")
    total=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
    failures=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$header")
    errors=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$header")
    total=${total:-0} failures=${failures:-0} errors=${errors:-0}
    suite_passed=$((suite_passed + total - failures - errors))
    suite_failed=$((suite_failed + failures + errors))
  done < <(bazel query "tests($targets) except attr(tags, manual, //...)" 2>/dev/null)
  if [[ $status -ne 0 && $suite_failed -eq 0 ]]; then
    suite_failed=1  # a build failure leaves no report to count
  fi
  [[ $status -eq 0 ]] || suites_ok=0
  echo "suite $name: $suite_passed passed, $suite_failed failed ($((SECONDS - start)) s)"
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
}

# grpcurl, for //tests/cli:grpcurl_test (the README's grpcurl commands run
# against the emulator). It is no Debian package: where Go is installed it
# comes from the Go module proxy (about 1.5 min the first time, then
# cached); elsewhere that test skips, and this says so.
GRPCURL_VERSION=v1.9.1
grpcurl_bin="${XDG_CACHE_HOME:-$HOME/.cache}/clouddesktop-cpp/grpcurl-$GRPCURL_VERSION"
go_cmd=$(command -v go || { [[ -x /usr/local/go/bin/go ]] && echo /usr/local/go/bin/go; })
if [[ ! -x "$grpcurl_bin/grpcurl" && -n "$go_cmd" ]]; then
  echo "installing grpcurl $GRPCURL_VERSION into $grpcurl_bin (go install)"
  GOBIN="$grpcurl_bin" "$go_cmd" install \
    "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION" ||
    echo "grpcurl: go install failed" >&2
fi
grpcurl_args=()
if [[ -x "$grpcurl_bin/grpcurl" ]]; then
  grpcurl_args=(--test_env=GRPCURL="$grpcurl_bin/grpcurl")
elif command -v grpcurl >/dev/null; then
  grpcurl_args=(--test_env=GRPCURL="$(command -v grpcurl)")
else
  echo "grpcurl: not installed (no Go toolchain here): //tests/cli:grpcurl_test skips" >&2
fi

run_suite plain //... "${grpcurl_args[@]}" "$@"
# The same suite under AddressSanitizer + LeakSanitizer + UBSan (its own
# output tree); CLOUDDESKTOP_TEST_ASAN=0 skips it for a quick local run.
# Only the tests and what they run are built (the plain suite has built
# every target, benchmarks included, already).
if [[ "${CLOUDDESKTOP_TEST_ASAN:-1}" != 0 ]]; then
  run_suite asan //... --config=asan --build_tests_only "${grpcurl_args[@]}" "$@"
fi
# Under ThreadSanitizer (--config=tsan): every test but the CLI's, which
# drive the same library through instrumented subprocesses at ten times
# the cost (about 11 of the suite's 13 minutes under TSAN; `bazel test
# --config=tsan //tests/...` runs them too). CLOUDDESKTOP_TEST_TSAN=0 skips
# it.
if [[ "${CLOUDDESKTOP_TEST_TSAN:-1}" != 0 ]]; then
  run_suite tsan "//... except //tests/cli/..." --config=tsan \
    --build_tests_only "$@"
fi

# Each fuzz target briefly; CLOUDDESKTOP_TEST_FUZZ=0 skips it.
fuzz_status=0
if [[ "${CLOUDDESKTOP_TEST_FUZZ:-1}" != 0 ]]; then
  fuzz_start=$SECONDS
  bash tools/fuzz.sh 20 | tee "${TMPDIR:-/tmp}/fuzz.$$"
  fuzz_status=${PIPESTATUS[0]}
  counts=$(sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed.*$/\1 \2/p' "${TMPDIR:-/tmp}/fuzz.$$")
  rm -f "${TMPDIR:-/tmp}/fuzz.$$"
  if [[ -n "$counts" ]]; then
    passed=$((passed + ${counts% *}))
    failed=$((failed + ${counts#* }))
  elif [[ $fuzz_status -ne 0 ]]; then
    failed=$((failed + 1))
  fi
  echo "fuzzing: $((SECONDS - fuzz_start)) s"
fi

# clang's thread-safety analysis over every source (tools/thread_safety.sh:
# --config=thread_safety, objects only) and the snippets proving it fails
# on a lock mistake; CLOUDDESKTOP_TEST_THREAD_SAFETY=0 skips it.
thread_safety_status=0
if [[ "${CLOUDDESKTOP_TEST_THREAD_SAFETY:-1}" != 0 ]]; then
  start=$SECONDS
  bash tools/thread_safety.sh | tee "${TMPDIR:-/tmp}/thread_safety.$$"
  thread_safety_status=${PIPESTATUS[0]}
  counts=$(sed -n 's/^thread-safety: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "${TMPDIR:-/tmp}/thread_safety.$$")
  rm -f "${TMPDIR:-/tmp}/thread_safety.$$"
  if [[ -n "$counts" ]]; then
    passed=$((passed + ${counts% *}))
    failed=$((failed + ${counts#* }))
  elif [[ $thread_safety_status -ne 0 ]]; then
    failed=$((failed + 1))
  fi
  echo "thread-safety analysis: $((SECONDS - start)) s"
fi

bash tests/consumers/run.sh | tee "${TMPDIR:-/tmp}/consumers.$$"
consumers_status=${PIPESTATUS[0]}
counts=$(sed -n 's/^consumers: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "${TMPDIR:-/tmp}/consumers.$$")
rm -f "${TMPDIR:-/tmp}/consumers.$$"
if [[ -n "$counts" ]]; then
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
elif [[ $consumers_status -ne 0 ]]; then
  failed=$((failed + 1))  # run.sh died before its summary
fi

# The CMake build: source lists, build, ctest (the same tests and the
# examples), install + find_package / pkg-config consumers, the API
# reference (tools/cmake_ci.sh). CLOUDDESKTOP_TEST_CMAKE=0 skips it.
cmake_status=0
if [[ "${CLOUDDESKTOP_TEST_CMAKE:-1}" != 0 ]]; then
  start=$SECONDS
  bash tools/cmake_ci.sh | tee "${TMPDIR:-/tmp}/cmake.$$"
  cmake_status=${PIPESTATUS[0]}
  counts=$(sed -n 's/^cmake: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "${TMPDIR:-/tmp}/cmake.$$")
  rm -f "${TMPDIR:-/tmp}/cmake.$$"
  if [[ -n "$counts" ]]; then
    passed=$((passed + ${counts% *}))
    failed=$((failed + ${counts#* }))
  elif [[ $cmake_status -ne 0 ]]; then
    failed=$((failed + 1))  # cmake_ci.sh died before its summary
  fi
  echo "suite cmake: $((SECONDS - start)) s"
fi

echo "$passed passed, $failed failed"
[[ $suites_ok -eq 1 && $fuzz_status -eq 0 && $thread_safety_status -eq 0 &&
   $consumers_status -eq 0 &&
   $cmake_status -eq 0 && $failed -eq 0 ]]
