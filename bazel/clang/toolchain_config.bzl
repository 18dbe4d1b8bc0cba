"""clang-14 toolchain configurations (see BUILD.bazel)."""

load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")

# The settings the toolchains share; they differ only in the compiler driver.
_CLANG_CONFIG = dict(
    abi_libc_version = "local",
    abi_version = "local",
    compile_flags = [
        "-U_FORTIFY_SOURCE",
        "-fstack-protector",
        "-Wall",
        "-fno-omit-frame-pointer",
    ],
    compiler = "clang",
    coverage_compile_flags = ["--coverage"],
    coverage_link_flags = ["--coverage"],
    cpu = "k8",
    cxx_builtin_include_directories = [
        "/usr/lib/llvm-14/lib/clang/14.0.6/include",
        "/usr/lib/llvm-14/lib/clang/14.0.6/share",
        "/usr/local/include",
        "/usr/include/x86_64-linux-gnu",
        "/usr/include",
        "/usr/include/c++/12",
        "/usr/include/x86_64-linux-gnu/c++/12",
        "/usr/include/c++/12/backward",
    ],
    cxx_flags = ["-std=c++17"],
    dbg_compile_flags = ["-g"],
    host_system_name = "local",
    link_flags = [
        "-fuse-ld=gold",
        "-Wl,-no-as-needed",
        "-Wl,-z,relro,-z,now",
        "-B/usr/bin",
    ],
    link_libs = [
        "-lstdc++",
        "-lm",
    ],
    opt_compile_flags = [
        "-g0",
        "-O2",
        "-D_FORTIFY_SOURCE=1",
        "-DNDEBUG",
        "-ffunction-sections",
        "-fdata-sections",
    ],
    opt_link_flags = ["-Wl,--gc-sections"],
    target_libc = "local",
    target_system_name = "local",
    toolchain_identifier = "clang14",
    unfiltered_compile_flags = [
        "-Wno-builtin-macro-redefined",
        "-D__DATE__=\"redacted\"",
        "-D__TIMESTAMP__=\"redacted\"",
        "-D__TIME__=\"redacted\"",
    ],)

_TOOL_PATHS = {
    "ar": "/usr/bin/ar",
    "cpp": "/usr/bin/cpp",
    "dwp": "/usr/bin/dwp",
    "gcc": "/usr/bin/clang-14",
    "gcov": "/usr/bin/gcov",
    "ld": "/usr/bin/ld",
    "llvm-cov": "/usr/bin/llvm-cov-14",
    "nm": "/usr/bin/nm",
    "objcopy": "/usr/bin/objcopy",
    "objdump": "/usr/bin/objdump",
    "strip": "/usr/bin/strip",
}

def clang_toolchain_config(name, compiler_driver):
    """A cc_toolchain_config for clang-14 with `compiler_driver` as "gcc"."""
    cc_toolchain_config(
        name = name,
        tool_paths = dict(_TOOL_PATHS, gcc = compiler_driver),
        **_CLANG_CONFIG
    )

def clang_toolchain(name, compiler_driver, driver_files = None, supports_param_files = True):
    """A clang-14 toolchain suite `name` for k8 (select it with --crosstool_top).

    Args:
      name: the cc_toolchain_suite; its cc_toolchain is `<name>-k8` and its
        configuration `<name>_config`.
      compiler_driver: the program run as "gcc" (compiles and links).
      driver_files: a label with the files the driver needs in the sandbox
        (None: an absolute path that needs none).
      supports_param_files: whether the driver reads @file arguments.
    """
    files = driver_files or "//bazel/clang:empty"
    native.cc_toolchain_suite(
        name = name,
        toolchains = {
            "k8|clang": ":%s-k8" % name,
            "k8": ":%s-k8" % name,
        },
    )
    native.cc_toolchain(
        name = name + "-k8",
        all_files = files,
        ar_files = "//bazel/clang:empty",
        as_files = "//bazel/clang:empty",
        compiler_files = files,
        dwp_files = "//bazel/clang:empty",
        linker_files = files,
        objcopy_files = "//bazel/clang:empty",
        strip_files = "//bazel/clang:empty",
        supports_param_files = 1 if supports_param_files else 0,
        toolchain_config = ":%s_config" % name,
        toolchain_identifier = "clang14",
    )
    clang_toolchain_config(
        name = name + "_config",
        compiler_driver = compiler_driver,
    )
