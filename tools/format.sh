#!/usr/bin/env bash
# Applies .clang-format (Google style) to every tracked C++ and proto file;
# with --check, changes nothing and lists the files that differ (exit 1).
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "clang-format is missing: apt-get install -y clang-format" >&2
  exit 2
}
mapfile -t files < <(git ls-files '*.cc' '*.h' '*.proto')
if [[ "${1:-}" == "--check" ]]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
      echo "needs formatting: $f"
      bad=1
    fi
  done
  exit $bad
fi
clang-format -i "${files[@]}"
