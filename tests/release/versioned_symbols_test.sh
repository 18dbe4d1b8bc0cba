#!/usr/bin/env bash
# Every symbol the library's archives define in namespace clouddesktop is in
# the versioned inline namespace clouddesktop::v<MAJOR>, MAJOR read from the
# VERSION file: what lets two major versions link into one binary. A file
# that opens `namespace clouddesktop {` without
# CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN fails this test.
#
# Usage: versioned_symbols_test.sh VERSION_FILE LIBRARY_FILE...
set -euo pipefail
version_file=$1
shift
version=$(tr -d '[:space:]' <"$version_file")
ns="v${version%%.*}"

total=0
unversioned=""
for lib in "$@"; do
  case "$lib" in
    *.a | *.so) ;;
    *) continue ;;
  esac
  # Demangled names of the defined symbols (the name is everything after the
  # address and type columns); `clouddesktop::` at the start of a name
  # component, not the proto package yandex::cloud::clouddesktop::v1.
  names=$(nm -C --defined-only "$lib" 2>/dev/null | cut -d' ' -f3- |
    grep -P '(?<![:\w])clouddesktop::' || true)
  [[ -z "$names" ]] && continue
  total=$((total + $(printf '%s\n' "$names" | wc -l)))
  bad=$(printf '%s\n' "$names" | grep -P "(?<![:\\w])clouddesktop::(?!${ns}::)" || true)
  [[ -n "$bad" ]] && unversioned+="$lib:"$'\n'"$(printf '%s\n' "$bad" | head -5)"$'\n'
done

# Guard against a vacuous pass (no archives found, nm missing, a renamed
# namespace): the library defines thousands of such symbols.
if ((total < 500)); then
  echo "FAIL: only $total clouddesktop symbols found in: $*" >&2
  exit 1
fi
if [[ -n "$unversioned" ]]; then
  echo "FAIL: symbols outside clouddesktop::$ns (first 5 per library):" >&2
  printf '%s' "$unversioned" >&2
  exit 1
fi
echo "PASS: $total symbols, all in clouddesktop::$ns"
