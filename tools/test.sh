#!/usr/bin/env bash
# Runs the whole test suite: installs missing Debian packages, then
# `bazel test //...`, then the consumer workspaces (tests/consumers/run.sh:
# the library used from a second workspace and from a monorepo with its own
# gRPC), then prints one line `N passed, N failed` counting the test cases
# (from each test's XML report) plus one per consumer check, so CI and people
# read the same figure. Extra arguments go to `bazel test` (e.g.
# --config=asan), not to the consumers.
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/install_deps.sh || exit 1

bazel test //... "$@"
bazel_status=$?

passed=0
failed=0
while read -r label; do
  [[ -n "$label" ]] || continue
  path=${label#//}
  xml="bazel-testlogs/${path/://}/test.xml"
  if [[ ! -f "$xml" ]]; then
    echo "no test report for $label" >&2
    failed=$((failed + 1))
    continue
  fi
  # The first <testsuites ...> element holds the totals of the target.
  header=$(grep -m1 -o '<testsuites [^>]*>' "$xml" || grep -m1 -o '<testsuite [^>]*>' "$xml")
  total=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
  failures=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$header")
  errors=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$header")
  total=${total:-0} failures=${failures:-0} errors=${errors:-0}
  bad=$((failures + errors))
  passed=$((passed + total - bad))
  failed=$((failed + bad))
done < <(bazel query 'tests(//...) except attr(tags, manual, //...)' 2>/dev/null)

if [[ $bazel_status -ne 0 && $failed -eq 0 ]]; then
  failed=1  # a build failure leaves no report to count
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

echo "$passed passed, $failed failed"
[[ $bazel_status -eq 0 && $consumers_status -eq 0 && $failed -eq 0 ]]
