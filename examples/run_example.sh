#!/usr/bin/env bash
# Runs one example as a test: it passes when the example exits 0.
#   run_example.sh BINARY               quickstart, fan_out
#   run_example.sh --with-key BINARY    credentials: a throwaway key first
set -euo pipefail
here=$(dirname "$0")
if [[ "${1:-}" == --with-key ]]; then
  binary=$2
  dir=${TEST_TMPDIR:-$(mktemp -d)}/example-key
  bash "$here/make_example_key.sh" "$dir"
  exec "$binary" "$dir/key.json" "$dir/key.pub.pem"
fi
exec "$1"
