"""public_header_check: compiles one public header alone and checks whether gRPC's headers reach it.

For a header `clouddesktop/x.h` it generates `x_alone.cc`, which includes only
that header and then tests whether gRPC's headers came with it (the
include guards of gRPC's platform and config headers, which every grpcpp
header includes, in gRPC 1.51's layout and the newer one): with `grpc = False` the
compile fails if it did; with `grpc = True` it fails if it did not, so the
list of headers allowed to carry gRPC stays exact. The result is a
cc_library: `bazel build //tests/public_headers/...` (part of `bazel test
//...`) is the check.
"""

load("@rules_cc//cc:defs.bzl", "cc_library")

_GRPC_SEEN = " || ".join(["defined(%s)" % guard for guard in [
    "GRPC_SUPPORT_PORT_PLATFORM_H",
    "GRPC_IMPL_CODEGEN_PORT_PLATFORM_H",
    "GRPCPP_SUPPORT_CONFIG_H",
    "GRPCPP_IMPL_CODEGEN_CONFIG_H",
]])

def public_header_check(header, grpc, deps):
    name = header.replace("/", "_").replace(".h", "")
    if grpc:
        check = [
            "#if !(%s)" % _GRPC_SEEN,
            "#error \"%s no longer includes gRPC: move it to NO_GRPC in tests/public_headers/BUILD.bazel\"" % header,
            "#endif",
        ]
    else:
        check = [
            "#if %s" % _GRPC_SEEN,
            "#error \"%s includes gRPC headers: forward-declare, or move the gRPC part to internal/ (see tests/public_headers/BUILD.bazel)\"" % header,
            "#endif",
        ]
    lines = ["// Generated: %s compiled alone." % header, "#include \"%s\"" % header] + check
    native.genrule(
        name = name + "_src",
        outs = [name + "_alone.cc"],
        cmd = " && ".join(["echo '%s' >> $@" % line for line in lines]),
    )
    cc_library(
        name = name,
        testonly = True,
        srcs = [name + "_alone.cc"],
        deps = deps,
    )
