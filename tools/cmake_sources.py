#!/usr/bin/env python3
"""Keeps cmake/sources.cmake, the CMake build's source lists, equal to the
Bazel BUILD files: the BUILD files are the one source of truth.

    python3 tools/cmake_sources.py           # check (tools/test.sh runs it)
    python3 tools/cmake_sources.py --write   # regenerate cmake/sources.cmake

One list per Bazel rule that names files of this repository:
  cc_library / cc_binary / cc_test //pkg:name -> `pkg/name.srcs`, `pkg/name.hdrs`
  proto_library //pkg:name outside //proto    -> `pkg/name.srcs`
  every proto_library under //proto           -> `proto/api.protos`
  their cc_grpc_library stubs                 -> `proto/api.grpc_protos`
and CLOUDDESKTOP_BAZEL_TARGETS, the keys of the cc and proto rules: the CMake
build fails at configure time when one of them has no CMake target (a new
Bazel target), this script when a file is in one build and not the other.
Generated files (e.g. internal/version_info.h) are not listed.
"""

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = "cmake/sources.cmake"
QUERY = 'kind("cc_library|cc_binary|cc_test|proto_library|_grpc_sources", //...)'
CC_KINDS = ("cc_library", "cc_binary", "cc_test")
HEADER = """\
# The CMake build's source lists, generated from the Bazel BUILD files by
#   python3 tools/cmake_sources.py --write
# Do not edit: change the BUILD.bazel file and regenerate. tools/test.sh
# fails when this file and the BUILD files differ (see that script).
"""


def query(xml_file):
    if xml_file:
        with open(xml_file, "rb") as f:
            return f.read()
    cmd = ["bazel", "query", "--output=xml", QUERY]
    return subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout


def file_path(label):
    """`//pkg:a/b.cc` -> `pkg/a/b.cc` if it is a file of the source tree."""
    if not label.startswith("//"):
        return None
    pkg, _, name = label[2:].partition(":")
    path = f"{pkg}/{name}" if pkg else name
    return path if os.path.isfile(os.path.join(ROOT, path)) else None


def key(label):
    pkg, _, name = label[2:].partition(":")
    return f"{pkg}/{name}"


def bazel_lists(xml):
    """{list name: (Bazel label, attribute, sorted files)}, target keys."""
    rules = {}
    for rule in ET.fromstring(xml).iter("rule"):
        attrs = {}
        for lst in rule.findall("list"):
            attrs[lst.get("name")] = [e.get("value") for e in lst.findall("label")]
        for lab in rule.findall("label"):
            attrs[lab.get("name")] = [lab.get("value")]
        rules[rule.get("name")] = (rule.get("class"), attrs)

    lists, targets = {}, set()
    api_protos, api_grpc = set(), set()

    def files(attrs, name):
        return sorted(p for p in map(file_path, attrs.get(name, [])) if p)

    for label, (kind, attrs) in sorted(rules.items()):
        if label.startswith("//tests/consumers/"):
            continue  # their own workspaces, not this build
        if label.startswith(("//tools/codegen", "//tests/codegen")):
            continue  # the code generator: a Bazel-only developer tool
        under_proto = label.startswith("//proto/") or label.startswith("//proto:")
        if kind in CC_KINDS:
            for attr in ("srcs", "hdrs"):
                fs = files(attrs, attr)
                if fs:
                    lists[f"{key(label)}.{attr}"] = (label, attr, fs)
                    targets.add(key(label))
        elif kind == "proto_library":
            fs = files(attrs, "srcs")
            if under_proto:
                api_protos.update(fs)
            elif fs:
                lists[f"{key(label)}.srcs"] = (label, "srcs", fs)
                targets.add(key(label))
        elif kind == "_grpc_sources" and under_proto:
            for proto in attrs.get("proto", []):
                api_grpc.update(files(rules.get(proto, (None, {}))[1], "srcs"))
    lists["proto/api.protos"] = ("every proto_library under //proto", "srcs",
                                 sorted(api_protos))
    lists["proto/api.grpc_protos"] = (
        "every cc_grpc_library under //proto", "proto srcs", sorted(api_grpc))
    targets.add("proto/api")
    return lists, sorted(targets)


def render(lists, targets):
    out = [HEADER]
    for name, (label, attr, fs) in sorted(lists.items()):
        out.append(f"\n# {label} {attr}\nset({name}\n")
        out.extend(f"  {f}\n" for f in fs)
        out.append(")\n")
    out.append("\n# Every Bazel target above: each needs a CMake target.\n"
               "set(CLOUDDESKTOP_BAZEL_TARGETS\n")
    out.extend(f"  {t}\n" for t in targets)
    out.append(")\n")
    return "".join(out)


def parse(text):
    """The lists of a sources.cmake file: {name: [files]}."""
    lists = {}
    for m in re.finditer(r"^set\(([^\s)]+)\n((?:  [^\n]*\n)*)\)", text, re.M):
        lists[m.group(1)] = [line.strip() for line in m.group(2).splitlines()]
    return lists


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="regenerate the file instead of checking it")
    parser.add_argument("--sources", default=os.path.join(ROOT, SOURCES),
                        help="the file to check or write (default: %(default)s)")
    parser.add_argument("--query-xml",
                        help="saved `bazel query --output=xml` output to use "
                             "instead of running bazel")
    args = parser.parse_args()

    lists, targets = bazel_lists(query(args.query_xml))
    want = render(lists, targets)
    if args.write:
        with open(args.sources, "w") as f:
            f.write(want)
        print(f"wrote {args.sources}: {len(lists)} lists")
        return 0

    try:
        with open(args.sources) as f:
            have_text = f.read()
    except OSError as e:
        print(f"FAIL: cannot read {args.sources}: {e.strerror}", file=sys.stderr)
        return 1
    if have_text == want:
        n = sum(len(fs) for _, _, fs in lists.values())
        print(f"PASS: {SOURCES} matches the BUILD files ({len(lists)} lists, {n} files)")
        return 0

    have = parse(have_text)
    have_targets = have.pop("CLOUDDESKTOP_BAZEL_TARGETS", [])
    problems = []
    for name in sorted(set(lists) | set(have)):
        label, attr, bazel = lists.get(name, (None, None, []))
        cmake = have.get(name, [])
        for f in sorted(set(bazel) - set(cmake)):
            problems.append(f"{f}: in Bazel {label} {attr}, missing from the "
                            f"CMake list `{name}` in {SOURCES}")
        for f in sorted(set(cmake) - set(bazel)):
            where = f"Bazel {label} {attr}" if label else "any Bazel target"
            problems.append(f"{f}: in the CMake list `{name}` in {SOURCES}, "
                            f"not in {where}")
    for t in sorted(set(targets) - set(have_targets)):
        problems.append(f"Bazel target //{t.rsplit('/', 1)[0]}:{t.rsplit('/', 1)[1]} "
                        f"is not in CLOUDDESKTOP_BAZEL_TARGETS in {SOURCES}")
    if not problems:
        problems.append(f"{SOURCES} differs from what the BUILD files generate "
                        "(order or formatting)")
    print(f"FAIL: the CMake and Bazel source lists differ:", file=sys.stderr)
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    print("Fix: add the file to (or remove it from) the BUILD.bazel target, "
          "then run `python3 tools/cmake_sources.py --write`; for a new Bazel "
          "target also add its CMake target (CMakeLists.txt, tests/CMakeLists.txt "
          "or examples/CMakeLists.txt; cmake stops at configure time until you do).",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
