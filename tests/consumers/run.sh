#!/usr/bin/env bash
# Builds and runs the consumer workspaces under tests/consumers/, each a
# separate Bazel workspace (own server, own output base) that uses
# clouddesktop-cpp as a user does:
#   plain/     the README's snippet; a program on the emulator and a test
#              with the mocks;
#   monorepo/  its own protobuf, gRPC, abseil, RE2, BoringSSL, googleapis, ...
#              declared before clouddesktop_deps(); the checks prove that the
#              library compiled and linked against those and none of the
#              project's stand-ins.
# Prints one line per check and ends with `consumers: N passed, N failed`
# (tools/test.sh adds those to its totals). Usage: run.sh [plain|monorepo]...
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

check() {  # check NAME COMMAND...: runs COMMAND, counts and reports it.
  local name=$1
  shift
  local start=$SECONDS
  if "$@" >"$log/out" 2>&1; then
    passed=$((passed + 1))
    echo "PASS consumer $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL consumer $name ($((SECONDS - start)) s)"
    tail -40 "$log/out" | sed 's/^/    /'
  fi
}

# The program prints `copied: <name> <id>`.
runs_program() {
  bazel run //:copy_image >"$log/run" 2>&1
  local status=$?
  cat "$log/run"
  [[ $status -eq 0 ]] && grep -q '^copied: ' "$log/run"
}

# The repositories a public target of the library reaches, other than the
# library itself and Bazel's own.
library_repos() {
  bazel query --noshow_progress \
    'deps(@clouddesktop_cpp//:client) + deps(@clouddesktop_cpp//:credentials) + deps(@clouddesktop_cpp//:emulator_lib) + deps(@clouddesktop_cpp//:client_mocks)' |
    sed -n 's|^@\([^/]*\)//.*|\1|p' | sort -u |
    grep -vxE 'clouddesktop_cpp|bazel_tools|local_config_.*|rules_cc|rules_java|rules_proto|platforms|bazel_skylib|remote_coverage_tools'
}

# Every one of `names` is declared by the monorepo's WORKSPACE itself, none
# by clouddesktop_deps(): `bazel query --output=build` names the file of the
# top-level call and, for a rule a macro declared, the macro
# (`generator_function`, and the call stack).
declared_by_monorepo() {
  local ok=0 name rule where
  for name in "$@"; do
    rule=$(bazel query --noshow_progress --output=build "//external:$name" 2>&1)
    where=$(sed -n 's|^# \(/[^ ]*\):[0-9]*:[0-9]*$|\1|p' <<<"$rule" | head -1)
    if [[ "$where" != "$root/monorepo/WORKSPACE" ]] || grep -q 'clouddesktop_deps' <<<"$rule"; then
      echo "$name: NOT the monorepo's own:"
      echo "$rule"
      ok=1
    else
      echo "$name: $(grep -m1 -o '^[a-z_]*(' <<<"$rule") in $where"
    fi
  done
  return $ok
}

every_library_repo_is_the_monorepos() {
  local repos
  repos=$(library_repos) || return 1
  echo "repositories the library reaches:" $repos
  [[ -n "$repos" ]] && declared_by_monorepo $repos
}

# The library's own compile actions carry the monorepo's markers.
library_compiled_against_monorepo() {
  local target=$1
  shift
  local defines
  defines=$(bazel aquery --noshow_progress "mnemonic(CppCompile, $target)" 2>&1 |
    grep -o -- '-DMONOREPO_[A-Z]*=1' | sort | uniq -c)
  echo "$target:" "$defines"
  local marker
  for marker in "$@"; do
    grep -q -- "-DMONOREPO_$marker=1" <<<"$defines" || return 1
  done
}

consumer() {
  local name=$1
  echo "== tests/consumers/$name"
  cd "$root/$name" || return
  local start=$SECONDS
  check "$name: bazel build //..." bazel build //...
  echo "   $name: build took $((SECONDS - start)) s"
  check "$name: program copies an image on the emulator" runs_program
  check "$name: bazel test //..." bazel test //...
  if [[ $name == monorepo ]]; then
    check "$name: clouddesktop_deps() declared none of the monorepo's repositories" \
      declared_by_monorepo com_google_protobuf com_github_grpc_grpc \
      com_google_absl com_googlesource_code_re2 boringssl \
      com_google_googleapis com_github_curl_curl com_github_nlohmann_json \
      com_github_yhirose_cpp_httplib com_google_googletest
    check "$name: deps() of the library's public targets reach only the monorepo's repositories" \
      every_library_repo_is_the_monorepos
    check "$name: //:client compiled with the monorepo's protobuf, gRPC and abseil" \
      library_compiled_against_monorepo @clouddesktop_cpp//cc/clouddesktop:client \
      PROTOBUF GRPC ABSL
    check "$name: //:credentials compiled with the monorepo's BoringSSL, libcurl and JSON" \
      library_compiled_against_monorepo @clouddesktop_cpp//cc/clouddesktop/credentials \
      BORINGSSL CURL JSON
  fi
  # One Bazel server per consumer: free its memory before the next one.
  bazel shutdown >/dev/null 2>&1
  cd "$root" || return
}

if [[ $# -eq 0 ]]; then
  set -- plain monorepo
fi
for name in "$@"; do
  consumer "$name"
done
echo "consumers: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
