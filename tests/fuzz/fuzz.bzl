"""clouddesktop_fuzz_test: one fuzz target, two builds.

For each `name` (whose seed corpus is corpus/<name>/):
  <name>_replay  a cc_test (gcc, part of `bazel test //...`, plain and asan)
                 that runs the target's code on every committed input
                 (seeds and the inputs of past crashes) with replay_main.cc;
  <name>         the libFuzzer binary under --config=fuzz (clang-14; see
                 README.md); tagged manual, so `//...` never builds it, and
                 without the fuzz config it is the replay program.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary")
load("//tests/testing_util:defs.bzl", "clouddesktop_cc_test")

def clouddesktop_fuzz_test(name, srcs, deps = [], size = "small"):
    corpus = native.glob(["corpus/%s/*" % name])
    if not corpus:
        fail("%s: commit a seed corpus under corpus/%s/" % (name, name))
    corpus_dir = "%s/corpus/%s" % (native.package_name(), name)
    clouddesktop_cc_test(
        name = name + "_replay",
        size = size,
        srcs = srcs,
        args = [corpus_dir],
        data = corpus,
        deps = deps,
        main = "//tests/fuzz:replay_main",
    )
    cc_binary(
        name = name,
        testonly = True,
        srcs = srcs,
        linkopts = select({
            "//tests/fuzz:fuzzing": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        tags = ["manual"],
        deps = deps + select({
            "//tests/fuzz:fuzzing": [],
            "//conditions:default": ["//tests/fuzz:replay_main"],
        }),
    )
