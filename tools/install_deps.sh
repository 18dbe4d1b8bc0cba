#!/usr/bin/env bash
# Installs the Debian 12 packages clouddesktop-cpp builds with, if any is
# missing. As root it runs apt-get; otherwise it prints the exact command and
# fails. Safe to run again: it does nothing when everything is present.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap bazel-rules-proto bazel-rules-cc bazel-skylib bazel-platforms
  g++ protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev
  libabsl-dev libre2-dev libgtest-dev libgmock-dev libbenchmark-dev
  libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libcli11-dev
  libcpp-httplib-dev cmake ninja-build pkg-config doxygen python3 openssl
  # curl: //tests/cli:curl_test runs the README's curl commands.
  curl
  # clang-format: tools/format.sh, tools/generate.sh and
  # //tests/codegen:generated_code_test (the generated files' format).
  clang-format
  # Fuzzing (--config=fuzz, tools/fuzz.sh): clang and libFuzzer + sanitizer
  # runtimes; clang uses Debian's libstdc++, so it links the system libraries.
  clang-14 libclang-rt-14-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "run as root: apt-get update && $command" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
