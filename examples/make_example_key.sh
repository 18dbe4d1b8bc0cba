#!/usr/bin/env bash
# Writes a throwaway service-account key for the credentials example, in the
# format `yc iam key create --output key.json` uses, and its public half:
#   DIR/key.json      (mode 0600)
#   DIR/key.pub.pem
# The ids are the ones credentials.cc registers with its emulator.
# Usage: make_example_key.sh DIR
set -euo pipefail
dir=${1:?usage: make_example_key.sh DIR}
mkdir -p "$dir"
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/key.pem" 2>/dev/null
openssl pkey -in "$dir/key.pem" -pubout -out "$dir/key.pub.pem"
json_string() { awk 'BEGIN { ORS = "\\n" } { print }' "$1"; }
cat >"$dir/key.json" <<JSON
{
  "id": "example-key-id",
  "service_account_id": "example-service-account",
  "key_algorithm": "RSA_2048",
  "public_key": "$(json_string "$dir/key.pub.pem")",
  "private_key": "$(json_string "$dir/key.pem")"
}
JSON
rm -f "$dir/key.pem"
