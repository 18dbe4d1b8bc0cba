#!/usr/bin/env bash
# `clouddesktop --version` prints the version of the VERSION file: the build
# reads it, nothing restates it.
#
# Usage: cli_version_test.sh VERSION_FILE CLOUDDESKTOP_BINARY
set -euo pipefail
want="clouddesktop $(tr -d '[:space:]' <"$1")"
got=$("$2" --version)
if [[ "$got" != "$want" ]]; then
  echo "FAIL: --version printed '$got', want '$want'" >&2
  exit 1
fi
echo "PASS: $got"
