#!/bin/bash
# The compiler driver of --config=thread_safety (see BUILD.bazel): a compile
# (`-c ... -o X.o`) runs clang-14 with -fsyntax-only, which still runs every
# diagnostic (-Wthread-safety among them) and still writes the -MD
# dependency file Bazel checks includes with, then leaves an empty X.o so
# the action has its output. The objects are good for nothing else: the
# thread-safety build asks only for compilation outputs and never links.
# Anything that is not a compile goes to clang-14 as it is.
set -u
original=("$@")
args=()
out=
compile=0
while (($#)); do
  case "$1" in
    -c) compile=1 ;;
    -o) out=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if ((compile)) && [[ -n "$out" ]]; then
  /usr/bin/clang-14 -fsyntax-only "${args[@]}" && : >"$out"
else
  exec /usr/bin/clang-14 "${original[@]}"
fi
