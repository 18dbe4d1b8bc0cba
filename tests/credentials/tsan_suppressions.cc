// ThreadSanitizer suppressions, built into each credentials test binary
// (the sanitizer asks the executable for them at start-up, so they apply
// under any TSAN_OPTIONS).
//
// Debian's gRPC, abseil, protobuf, OpenSSL, libcurl and cpp-httplib are not
// built with -fsanitize=thread: their own synchronization (absl::Mutex,
// atomics, completion queues) is invisible to TSAN, which then reports what
// those libraries do between their own threads (epoll_wait, memmove in
// absl's deadlock graph) as races. Ignored: accesses made *from* these
// libraries, races whose innermost frame is gRPC's header-only plumbing
// instantiated in our objects, races on messages and metadata while gRPC's
// call ops (de)serialize them on its own threads (handed over inside
// libgrpc), as in tests/client and tests/emulator. Nothing of the
// project's own code is suppressed: the credentials code (and the
// emulator, the IAM peer of iam_exchange_test) uses std::mutex, which TSAN
// sees, and stays fully checked. Only iam_exchange_test matches any of the
// race patterns (TSAN_OPTIONS=print_suppressions=1 lists them).
extern "C" const char* __tsan_default_suppressions() {
  // Each pattern must match exactly one loaded library.
  return "called_from_lib:libgrpc.so.\n"
         "called_from_lib:libgrpc++.so.\n"
         "called_from_lib:libgrpc++_reflection.so.\n"
         "called_from_lib:libgpr.so.\n"
         "called_from_lib:libabsl_synchronization.so.\n"
         "called_from_lib:libabsl_graphcycles_internal.so.\n"
         "called_from_lib:libabsl_spinlock_wait.so.\n"
         "called_from_lib:libabsl_base.so.\n"
         "called_from_lib:libabsl_malloc_internal.so.\n"
         "called_from_lib:libabsl_strings.so.\n"
         "called_from_lib:libabsl_status.so.\n"
         "called_from_lib:libabsl_cord.so.\n"
         "called_from_lib:libabsl_cord_internal.so.\n"
         "called_from_lib:libprotobuf.so.\n"
         "called_from_lib:libcrypto.so.\n"
         "called_from_lib:libssl.so.\n"
         "called_from_lib:libcurl.so.\n"
         "called_from_lib:libcpp-httplib.so.\n"
         "race_top:grpc::internal::\n"
         "race_top:^grpc::\n"
         "race:grpc::Server::\n"
         "race:CallbackUnaryHandler\n"
         "race:grpc::internal::CallbackUnaryCallImpl\n"
         "race:grpc::internal::CallOpSendMessage\n"
         "race:grpc::internal::CallOpRecvMessage\n"
         "race:grpc::internal::CallOpRecvInitialMetadata\n"
         "race:grpc::internal::CallOpClientRecvStatus\n"
         "race:grpc::SerializationTraits\n"
         // gRPC's thread pool moving its own absl::AnyInvocable tasks runs
         // the inline manager function the dynamic linker resolved to an
         // instrumented copy in one of our libraries; the synchronization
         // around it is in libgrpc. Our AnyInvocables move under std::mutex.
         "race_top:absl::debian3::internal_any_invocable::"
         "LocalManagerTrivial\n"
         // gRPC's own short-lived worker threads, which it does not join.
         "thread:grpc_core::Thread::Thread\n";
}
