"""clouddesktop_cc_test: a cc_test with the deps every test of the project shares.

    clouddesktop_cc_test(
        name = "facade_test",
        size = "medium",
        srcs = ["facade_test.cc"],
        deps = [":fake_cloud", "//cc/clouddesktop:client"],
    )

adds the sanitizer suppressions (//cc/sanitizers:suppressions: the LSan and
TSan suppressions of the system libraries, and LSan's options, linked into
every test binary) and a main: GoogleTest's by default, `main = "//x:y"`
for another (the fuzz targets' replay program), `main = None` for none.
"""

load("@rules_cc//cc:defs.bzl", "cc_test")

SHARED_TEST_DEPS = ["//cc/sanitizers:suppressions"]

def clouddesktop_cc_test(
        name,
        deps = [],
        main = "@com_google_googletest//:gtest_main",
        **kwargs):
    cc_test(
        name = name,
        deps = deps + [
            d
            for d in SHARED_TEST_DEPS + ([main] if main else [])
            if d not in deps
        ],
        **kwargs
    )
