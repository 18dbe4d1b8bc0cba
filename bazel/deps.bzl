"""Declares every external repository clouddesktop-cpp needs, all local.

Nothing here downloads. Debian ships Bazel 4.2.3 together with rules_proto,
rules_cc, skylib and platforms under /usr/share/bazel, and protobuf, gRPC,
abseil, RE2, OpenSSL, libcurl, nlohmann-json, GoogleTest and Benchmark as
system packages under /usr. A consumer's WORKSPACE needs only:

    local_repository(name = "clouddesktop_cpp", path = "...")
    load("@clouddesktop_cpp//bazel:deps.bzl", "clouddesktop_deps")
    clouddesktop_deps()

The project's BUILD files name only the canonical repositories a Bazel
monorepo builds from source (gRPC's own deps use the same names):
com_google_protobuf, com_github_grpc_grpc, com_google_absl,
com_googlesource_code_re2, boringssl, com_google_googleapis, ... Each one is
declared here only if the workspace has not declared it already, as a
stand-in over the Debian package with the real repository's package paths and
target names (link options only: the headers are in /usr/include). A monorepo
that declares its own keeps them, and the library compiles and links against
those alone.
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

def _standin_impl(repository_ctx):
    """A stand-in repository: BUILD files and sources copied from this
    project (`files`: label -> path in the repository) plus generated text
    (`content`: path -> text; paths ending in `.sh` are executable)."""
    repository_ctx.file(
        "WORKSPACE",
        "workspace(name = \"%s\")\n" % repository_ctx.name,
    )
    for label, path in repository_ctx.attr.files.items():
        repository_ctx.symlink(label, path)
    for path, text in repository_ctx.attr.content.items():
        repository_ctx.file(path, text, executable = path.endswith(".sh"))

_standin = repository_rule(
    implementation = _standin_impl,
    attrs = {
        "files": attr.label_keyed_string_dict(allow_files = True),
        "content": attr.string_dict(),
    },
    local = True,
)

def _file(path):
    return Label("//bazel/third_party:" + path)

# The abseil libraries of Debian's libabsl-dev (20220623) the project's code
# reaches, most dependent first (they are shared libraries, so the order is
# for readers, not for the linker).
_ABSL_LIBS = [
    "absl_flags_parse",
    "absl_flags_usage",
    "absl_flags_usage_internal",
    "absl_flags_internal",
    "absl_flags_marshalling",
    "absl_flags_reflection",
    "absl_flags_config",
    "absl_flags_program_name",
    "absl_flags_private_handle_accessor",
    "absl_flags_commandlineflag",
    "absl_flags_commandlineflag_internal",
    "absl_statusor",
    "absl_status",
    "absl_cord",
    "absl_cord_internal",
    "absl_cordz_info",
    "absl_cordz_handle",
    "absl_cordz_functions",
    "absl_str_format_internal",
    "absl_strings",
    "absl_strings_internal",
    "absl_synchronization",
    "absl_time",
    "absl_time_zone",
    "absl_civil_time",
    "absl_hash",
    "absl_city",
    "absl_low_level_hash",
    "absl_raw_hash_set",
    "absl_random_distributions",
    "absl_random_seed_sequences",
    "absl_random_internal_pool_urbg",
    "absl_random_internal_randen",
    "absl_random_internal_randen_hwaes",
    "absl_random_internal_randen_hwaes_impl",
    "absl_random_internal_randen_slow",
    "absl_random_internal_platform",
    "absl_random_internal_seed_material",
    "absl_random_seed_gen_exception",
    "absl_symbolize",
    "absl_stacktrace",
    "absl_debugging_internal",
    "absl_demangle_internal",
    "absl_malloc_internal",
    "absl_graphcycles_internal",
    "absl_int128",
    "absl_throw_delegate",
    "absl_raw_logging_internal",
    "absl_spinlock_wait",
    "absl_base",
    "absl_log_severity",
]

# abseil's packages and (a subset of) their targets, as in abseil's own BUILD
# files; a package's default target has the package's name.
_ABSL_TARGETS = {
    "algorithm": ["algorithm", "container"],
    "base": ["base", "core_headers", "log_severity"],
    "cleanup": ["cleanup"],
    "container": [
        "btree",
        "fixed_array",
        "flat_hash_map",
        "flat_hash_set",
        "inlined_vector",
        "node_hash_map",
        "node_hash_set",
    ],
    "debugging": ["failure_signal_handler", "stacktrace", "symbolize"],
    "flags": ["flag", "parse", "usage"],
    "functional": ["any_invocable", "bind_front", "function_ref"],
    "hash": ["hash"],
    "memory": ["memory"],
    "meta": ["type_traits"],
    "numeric": ["bits", "int128"],
    "random": ["bit_gen_ref", "distributions", "random"],
    "status": ["status", "statusor"],
    "strings": ["cord", "str_format", "strings"],
    "synchronization": ["synchronization"],
    "time": ["time"],
    "types": ["any", "optional", "span", "variant"],
    "utility": ["utility"],
}

def _absl_content():
    """BUILD files of the com_google_absl stand-in: each real package path
    and target name, every target linking the one set of -labsl_* above."""
    content = {
        "BUILD.bazel": "\n".join([
            "# Stand-in for @com_google_absl over Debian's libabsl-dev 20220623,",
            "# generated by clouddesktop_deps() (bazel/deps.bzl).",
            "cc_library(",
            "    name = \"system_abseil\",",
            "    linkopts = [%s, \"-pthread\"]," % ", ".join(
                ["\"-l%s\"" % lib for lib in _ABSL_LIBS],
            ),
            "    visibility = [\"//absl:__subpackages__\"],",
            ")",
            "",
        ]),
        "absl/BUILD.bazel": "",
    }
    for package, targets in _ABSL_TARGETS.items():
        lines = ["package(default_visibility = [\"//visibility:public\"])", ""]
        for target in targets:
            lines.append(
                "cc_library(name = \"%s\", deps = [\"//:system_abseil\"])" % target,
            )
        content["absl/%s/BUILD.bazel" % package] = "\n".join(lines) + "\n"
    return content

def _declare(existing, name, **kwargs):
    if name not in existing:
        _standin(name = name, **kwargs)

def clouddesktop_deps():
    """Declares the external repositories of clouddesktop-cpp (all local).

    A repository the workspace already declared (a monorepo's own protobuf,
    gRPC, abseil, ...) is left alone: the library then compiles and links
    against it, and its gRPC's plugin generates the stubs.
    """
    existing = native.existing_rules()

    # Bazel's own rule sets (Debian's copies under /usr/share/bazel).
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

    # The libraries, under the names a monorepo uses for the real thing.
    if "com_google_protobuf" not in existing:
        # proto_library and cc_proto_library look for protoc, the C++ runtime
        # and the well-known types under exactly this name; the stand-in needs
        # /usr/bin/protoc and /usr/include/google/protobuf/*.proto, so it is a
        # repository over /usr itself.
        native.new_local_repository(
            name = "com_google_protobuf",
            path = "/usr",
            build_file = str(_file("com_google_protobuf.BUILD")),
        )
    _declare(
        existing,
        "com_github_grpc_grpc",
        files = {
            _file("com_github_grpc_grpc.BUILD"): "BUILD.bazel",
            _file("com_github_grpc_grpc.src_compiler.BUILD"): "src/compiler/BUILD.bazel",
        },
        content = {
            "src/compiler/grpc_cpp_plugin.sh": "#!/bin/sh\nexec /usr/bin/grpc_cpp_plugin \"$@\"\n",
        },
    )
    _declare(existing, "com_google_absl", content = _absl_content())
    for name in [
        "boringssl",
        "com_github_cliutils_cli11",
        "com_github_curl_curl",
        "com_github_google_benchmark",
        "com_github_nlohmann_json",
        "com_github_yhirose_cpp_httplib",
        "com_google_googletest",
        "com_googlesource_code_re2",
    ]:
        _declare(existing, name, files = {_file(name + ".BUILD"): "BUILD.bazel"})
    _declare(
        existing,
        "com_google_googleapis",
        files = {
            _file("com_google_googleapis.google_api.BUILD"): "google/api/BUILD.bazel",
            _file("com_google_googleapis.google_rpc.BUILD"): "google/rpc/BUILD.bazel",
            _file("googleapis/google/api/annotations.proto"): "google/api/annotations.proto",
            _file("googleapis/google/api/http.proto"): "google/api/http.proto",
            _file("googleapis/google/rpc/error_details.proto"): "google/rpc/error_details.proto",
            _file("googleapis/google/rpc/status.proto"): "google/rpc/status.proto",
        },
    )
