#!/usr/bin/env bash
# The checked-in generated files (clients, connections, implementations,
# Stub tables, mocks, CLI commands) are exactly what tools/codegen/generate
# makes of tools/codegen/services.textproto, formatted as tools/generate.sh
# formats them; and the generator refuses, naming the method, a table that
# disagrees with the .proto. Runs in Bazel's runfiles tree (the workspace's
# files at their repository paths).
set -uo pipefail
generate=tools/codegen/generate
table=tools/codegen/services.textproto
tmp=${TEST_TMPDIR:-$(mktemp -d)}
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

command -v clang-format >/dev/null || {
  echo "FAIL: clang-format is missing (tools/install_deps.sh installs it)"
  exit 1
}

# 1. No drift.
out=$tmp/generated
mkdir -p "$out"
cp .clang-format "$out/"
if ! "$generate" --table="$table" --out="$out" >"$tmp/files" 2>"$tmp/err"; then
  cat "$tmp/err"
  fail "the generator refused the checked-in table"
fi
count=0
while read -r f; do
  count=$((count + 1))
  case "$f" in
  *.h | *.cc) (cd "$out" && clang-format -i "$f") ;;
  esac
  if [[ ! -f "$f" ]]; then
    fail "$f is generated but not a data dependency of this test (add it to //cc/clouddesktop:generated_files)"
  elif ! diff -u "$f" "$out/$f" >"$tmp/diff"; then
    head -40 "$tmp/diff"
    fail "$f differs from the generator's output: run \`bash tools/generate.sh\` (never edit it by hand)"
  fi
done <"$tmp/files"
# Three services, seven files each, and the CLI's rows.
[[ $count -eq 22 ]] || fail "the generator wrote $count files, expected 22"

# 2. A table that disagrees with the .proto is refused, naming the method.
expect_refused() {  # expect_refused NAME EXPECTED_MESSAGE < TABLE
  local name=$1 expected=$2
  cat >"$tmp/$name.textproto"
  mkdir -p "$tmp/$name"
  if "$generate" --table="$tmp/$name.textproto" --out="$tmp/$name" \
    >/dev/null 2>"$tmp/$name.err"; then
    fail "$name: the generator accepted it"
  elif ! grep -qF -- "$expected" "$tmp/$name.err"; then
    fail "$name: expected \"$expected\" in: $(cat "$tmp/$name.err")"
  fi
  if [[ -n "$(ls -A "$tmp/$name")" ]]; then
    fail "$name: files were written for a refused table"
  fi
}
# A method of the .proto without its row: a new RPC must be added here.
perl -0pe 's/  rpcs \{\n    method: "Delete"\n.*?\n  \}\n//s' "$table" |
  expect_refused missing_row \
    "DesktopImageService.Delete: in the .proto but has no row in the table"
# A row for a method the service does not have.
sed 's/method: "GetRdpFile"/method: "GetRdp"/' "$table" |
  expect_refused unknown_method \
    "DesktopService.GetRdp: the table has a row for it, but yandex.cloud.clouddesktop.v1.api.DesktopService has no such method"
# A service that is not linked into the generator.
sed 's/DesktopGroupService"/DesktopPoolService"/' "$table" |
  expect_refused unknown_service \
    "yandex.cloud.clouddesktop.v1.api.DesktopPoolService: no such service"
# A syntax error names its line.
printf 'services {\n  name: "X"\n  nonsense: 1\n}\n' |
  expect_refused syntax ":3:"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "PASS: 22 generated files match; 4 bad tables refused"
