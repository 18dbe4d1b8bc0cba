// LeakSanitizer suppressions, read from the executable at start-up, so
// `bazel test --config=asan` checks the CLI's own memory without flagging
// what it cannot fix: Debian's libcares (gRPC's DNS resolver, not built
// with -fsanitize) keeps a few bytes per resolution until exit. Only that
// library is named; a leak in any code built here still fails. Without
// ASan the function is never called.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcares.so\n";
}
