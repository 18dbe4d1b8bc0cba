"""Declares every external repository clouddesktop-cpp needs, all local.

Nothing here downloads. Debian ships Bazel 4.2.3 together with rules_proto,
rules_cc, skylib and platforms under /usr/share/bazel, and protobuf, gRPC and
abseil as system libraries under /usr. A consumer's WORKSPACE needs only:

    local_repository(name = "clouddesktop_cpp", path = "...")
    load("@clouddesktop_cpp//bazel:deps.bzl", "clouddesktop_deps")
    clouddesktop_deps()

Each repository is declared only if the consumer has not declared it already,
so a monorepo that brings its own protobuf or rules_cc keeps them.
"""

_BAZEL_SHARE = "/usr/share/bazel"

def _rules_cc_impl(repository_ctx):
    # Debian's rules_cc targets a newer Bazel: it loads `use_cpp_toolchain`,
    # which @bazel_tools of 4.2.3 lacks. Copy it and name the toolchain type
    # directly, which is what `use_cpp_toolchain()` returns there.
    src = repository_ctx.path(_BAZEL_SHARE + "/rules/cc")
    result = repository_ctx.execute(["cp", "-RL", str(src) + "/.", "."])
    if result.return_code != 0:
        fail("cannot copy %s: %s" % (src, result.stderr))
    for rel in [
        "cc/private/rules_impl/compiler_flag.bzl",
        "cc/private/rules_impl/cc_flags_supplier.bzl",
    ]:
        text = repository_ctx.read(rel)
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace(
            "use_cpp_toolchain()",
            '["@bazel_tools//tools/cpp:toolchain_type"]',
        )
        repository_ctx.file(rel, text, executable = False)

_rules_cc = repository_rule(implementation = _rules_cc_impl, local = True)

def _rules_java_impl(repository_ctx):
    # @bazel_tools//tools/jdk is parsed during toolchain resolution of every
    # target and loads @rules_java. Java is never built here, so each rule is
    # forwarded to its native twin.
    repository_ctx.file("WORKSPACE", 'workspace(name = "rules_java")\n')
    repository_ctx.file("BUILD.bazel", "")
    repository_ctx.file("java/BUILD.bazel", "")
    rules = [
        "java_binary",
        "java_import",
        "java_library",
        "java_lite_proto_library",
        "java_package_configuration",
        "java_plugin",
        "java_proto_library",
        "java_runtime",
        "java_test",
        "java_toolchain",
    ]
    lines = ['"""Forwards to the native Java rules (offline stand-in)."""', ""]
    for rule in rules:
        lines.append("def %s(**attrs):" % rule)
        lines.append("    native.%s(**attrs)" % rule)
        lines.append("")
    repository_ctx.file("java/defs.bzl", "\n".join(lines))

_rules_java = repository_rule(implementation = _rules_java_impl)

def _remote_coverage_tools_impl(repository_ctx):
    # Every cc_test depends on these; coverage itself needs the network.
    repository_ctx.file("WORKSPACE", 'workspace(name = "remote_coverage_tools")\n')
    repository_ctx.file(
        "unavailable.sh",
        "#!/bin/sh\necho 'coverage tools unavailable offline' >&2\nexit 1\n",
        executable = True,
    )
    repository_ctx.file("BUILD.bazel", """
package(default_visibility = ["//visibility:public"])

sh_binary(name = "coverage_report_generator", srcs = ["unavailable.sh"])

sh_binary(name = "lcov_merger", srcs = ["unavailable.sh"])
""")

_remote_coverage_tools = repository_rule(implementation = _remote_coverage_tools_impl)

def clouddesktop_deps():
    """Declares the external repositories of clouddesktop-cpp (all local)."""
    existing = native.existing_rules()

    if "rules_cc" not in existing:
        _rules_cc(name = "rules_cc")
    if "rules_java" not in existing:
        _rules_java(name = "rules_java")
    if "remote_coverage_tools" not in existing:
        _remote_coverage_tools(name = "remote_coverage_tools")
    if "rules_proto" not in existing:
        native.local_repository(
            name = "rules_proto",
            path = _BAZEL_SHARE + "/rules/proto",
        )
    if "bazel_skylib" not in existing:
        native.local_repository(
            name = "bazel_skylib",
            path = _BAZEL_SHARE + "/tools/skylib",
        )
    if "platforms" not in existing:
        native.local_repository(
            name = "platforms",
            path = _BAZEL_SHARE + "/tools/platforms",
        )
    if "com_google_protobuf" not in existing:
        # proto_library and cc_proto_library look for protoc, the C++ runtime
        # and the well-known types under exactly this name.
        native.new_local_repository(
            name = "com_google_protobuf",
            path = "/usr",
            build_file = str(Label("//bazel:com_google_protobuf.BUILD")),
        )
