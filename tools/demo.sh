#!/usr/bin/env bash
# Quick start command 1: installs the Debian packages that are missing (with
# sudo when not run as root), builds the `clouddesktop` command and runs its
# demo (an in-process emulator, a realistic scenario through the client
# library, a timed summary). Extra arguments go to the demo (e.g.
# --operation-delay 1s).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bash tools/install_deps.sh; then
  if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then
    echo "demo.sh: installing the missing packages with sudo" >&2
    sudo bash tools/install_deps.sh
  else
    exit 1
  fi
fi
exec bazel run //:clouddesktop -- demo "$@"
