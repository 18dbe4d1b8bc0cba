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
