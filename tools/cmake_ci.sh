#!/usr/bin/env bash
# The CMake side of the suite (tools/test.sh runs it; it can run alone):
#   1. cmake/sources.cmake matches the BUILD files (tools/cmake_sources.py),
#      and that check catches a file missing from a list;
#   2. configure + build everything (libraries, binaries, tests, examples,
#      benchmarks) with Ninja;
#   3. ctest: every test and example, the same set as `bazel test //...`
#      (checked; CLOUDDESKTOP_CTEST_ARGS adds ctest arguments, e.g.
#      "-R examples");
#   4. cmake --install into a temporary prefix, then tests/consumers/cmake
#      (find_package(clouddesktop)) built against it and run, and the same
#      program built through pkg-config and run;
#   5. the API reference (Doxygen, warnings are errors).
# One pass/fail per step (ctest: one per test); the last line is
# `cmake: N passed, N failed`.
#
# Environment: CLOUDDESKTOP_CMAKE_BUILD_DIR (default build/cmake),
# CLOUDDESKTOP_CMAKE_JOBS (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${CLOUDDESKTOP_CMAKE_BUILD_DIR:-$root/build/cmake}
jobs=${CLOUDDESKTOP_CMAKE_JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
# check NAME COMMAND...: one pass/fail, output kept in $tmp/NAME.log and
# shown on failure.
check() {
  local name=$1 start=$SECONDS
  shift
  if "$@" >"$tmp/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "cmake: PASS $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "cmake: FAIL $name ($((SECONDS - start)) s):"
    tail -40 "$tmp/$name.log" | sed 's/^/    /'
  fi
}

# 1. The source lists, and proof that the check fails when a file is missing
# from one of them (a copy without cc/clouddesktop/internal/future_state.cc).
check sources python3 tools/cmake_sources.py
drift_catches_a_missing_file() {
  local copy=$tmp/sources.cmake out
  grep -v '^  cc/clouddesktop/internal/future_state.cc$' cmake/sources.cmake >"$copy"
  if out=$(python3 tools/cmake_sources.py --sources "$copy" 2>&1); then
    echo "the check passed on a list without cc/clouddesktop/internal/future_state.cc"
    return 1
  fi
  echo "$out"
  grep -q 'cc/clouddesktop/internal/future_state.cc: in Bazel //cc/clouddesktop:client srcs, missing from the CMake list `cc/clouddesktop/client.srcs`' <<<"$out"
}
check sources_drift_detected drift_catches_a_missing_file

# 2. Configure and build. Like Bazel's default (fastbuild): no optimization,
# no debug info: the quickest to compile, and what the Bazel suite tests.
check configure cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
  -DCMAKE_INSTALL_PREFIX="$tmp/prefix"
check build cmake --build "$build" -j "$jobs"

# ctest has exactly the tests of `bazel test //...`, under their labels,
# except the code generator's drift test: the generator is a Bazel-only
# developer tool (tools/codegen), not part of what CMake builds.
same_tests_as_bazel() {
  diff <(ctest --test-dir "$build" -N | sed -n 's/.*Test *#[0-9]*: //p' | sort) \
    <(bazel query 'tests(//...) except //tests/codegen/...' 2>/dev/null | sort)
}
check same_tests_as_bazel same_tests_as_bazel

# 3. ctest, one count per test.
start=$SECONDS
# shellcheck disable=SC2086
ctest --test-dir "$build" --output-on-failure -j "$jobs" ${CLOUDDESKTOP_CTEST_ARGS:-} \
  >"$tmp/ctest.log" 2>&1
ctest_status=$?
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$tmp/ctest.log")
if [[ -n "$summary" ]]; then
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
  bad=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$summary")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
  echo "cmake: ctest $summary ($((SECONDS - start)) s)"
  [[ $ctest_status -eq 0 ]] || grep -A3 -E '^The following tests FAILED' "$tmp/ctest.log" | head -40
else
  failed=$((failed + 1))
  echo "cmake: FAIL ctest (no summary):"
  tail -40 "$tmp/ctest.log" | sed 's/^/    /'
fi

# 4. Install, then use the installed package as another project would.
check install cmake --install "$build"
check consumer_configure cmake -S tests/consumers/cmake -B "$tmp/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0
check consumer_build cmake --build "$tmp/consumer" -j "$jobs"
check consumer_copy_image "$tmp/consumer/copy_image"
check consumer_mocks_test "$tmp/consumer/mocks_test"
pkg_config_build() {
  local flags
  local pc
  pc=$(dirname "$(find "$tmp/prefix" -name clouddesktop.pc | head -1)")
  flags=$(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs clouddesktop_emulator) || return 1
  echo "flags: $flags"
  # shellcheck disable=SC2086
  c++ -std=c++17 tests/consumers/plain/copy_image.cc -o "$tmp/copy_image_pc" $flags &&
    "$tmp/copy_image_pc"
}
check consumer_pkg_config pkg_config_build

# 5. The API reference.
api_reference() {
  rm -rf build/docs && mkdir -p build/docs &&
    CLOUDDESKTOP_VERSION=$(tr -d '[:space:]' <VERSION) doxygen docs/Doxyfile
}
check doxygen api_reference

echo "cmake: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
