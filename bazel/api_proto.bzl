"""One macro per .proto file of the public API, so every file gets the same
set of targets under predictable names."""

load("@rules_proto//proto:defs.bzl", "proto_library")
load("//bazel:cc_grpc_library.bzl", "cc_grpc_library")

def api_proto(name, deps = [], services = False, visibility = ["//visibility:public"]):
    """Targets for `<name>.proto` in the current package.

    Defines:
      `<name>_proto`: the proto_library (import path relative to proto/), the
        target other repositories and other languages' rules build on;
      `<name>_cc_proto`: the C++ messages;
      with `services`: `<name>_cc_grpc` (C++ gRPC stubs) and
        `<name>_cc_grpc_mocks` (testonly gmock stubs).

    Args:
      name: the file name without `.proto`.
      deps: proto_library targets of the files it imports.
      services: whether the file declares services.
      visibility: of every target.
    """
    proto_library(
        name = name + "_proto",
        srcs = [name + ".proto"],
        strip_import_prefix = "/proto",
        deps = deps,
        visibility = visibility,
    )
    native.cc_proto_library(
        name = name + "_cc_proto",
        deps = [":" + name + "_proto"],
        visibility = visibility,
    )
    if services:
        cc_grpc_library(
            name = name + "_cc_grpc",
            proto = ":" + name + "_proto",
            cc_proto = ":" + name + "_cc_proto",
            visibility = visibility,
        )
