#!/usr/bin/env bash
# Quick start command 1: installs the Debian packages that are missing, builds
# the `clouddesktop` command and runs its demo (an in-process emulator, a
# realistic scenario through the client library, a timed summary). Extra
# arguments go to the demo (e.g. --operation-delay 1s).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install_deps.sh
exec bazel run //:clouddesktop -- demo "$@"
