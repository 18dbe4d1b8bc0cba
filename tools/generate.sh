#!/usr/bin/env bash
# Regenerates each service's client, connection, connection implementation,
# Stub table, gmock connection and CLI commands from
# tools/codegen/services.textproto and the .proto files, formatted as
# tools/format.sh formats. Run it after adding an RPC (a row in the table)
# or changing the generator; //tests/codegen:generated_code_test fails
# while the checked-in files differ from its output.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "clang-format is missing: apt-get install -y clang-format" >&2
  exit 2
}
bazel build --noshow_progress //tools/codegen:generate
mapfile -t files < <(bazel-bin/tools/codegen/generate \
  --table=tools/codegen/services.textproto --out=.)
for f in "${files[@]}"; do
  case "$f" in
  *.h | *.cc) clang-format -i "$f" ;;
  esac
done
printf 'generated: %s\n' "${files[@]}"
