// ThreadSanitizer suppressions for the client's tests, built into each test
// binary (the sanitizer asks the executable for them at startup, so they
// work under any TSAN_OPTIONS).
//
// Debian's gRPC and abseil are not built with -fsanitize=thread: their own
// synchronization (absl::Mutex, atomics) is invisible to TSAN, which then
// reports the interceptor calls (memmove, epoll_wait, ...) those libraries
// make as races between their own threads. Accesses made *from* these
// libraries are ignored, and so are races whose *top* frame is gRPC's
// header-only internals (compiled here, synchronized inside libgrpc),
// races on messages and metadata while gRPC's call ops (de)serialize them
// on its own threads (handed over inside libgrpc), and
// races on the server side of the in-process test servers (stacks under
// gRPC's server call handlers). The client library stays fully checked: it
// uses std::mutex, which TSAN does see, for this very reason.
//
// Two components built here guard their state with absl::Mutex, which TSAN
// cannot see either: the validation plan cache and the emulator (server
// side of emulator_test). Races with their frames on the stack are
// suppressed; neither runs on the client's threads.
extern "C" const char* __tsan_default_suppressions() {
  // Each pattern must match exactly one loaded library.
  return "called_from_lib:libgrpc.so.\n"
         "called_from_lib:libgrpc++.so.\n"
         "called_from_lib:libgpr.so.\n"
         "called_from_lib:libabsl_synchronization.so.\n"
         "called_from_lib:libabsl_graphcycles_internal.so.\n"
         "called_from_lib:libabsl_base.so.\n"
         "called_from_lib:libabsl_spinlock_wait.so.\n"
         "called_from_lib:libabsl_malloc_internal.so.\n"
         "called_from_lib:libabsl_cord.so.\n"
         "called_from_lib:libabsl_cord_internal.so.\n"
         "called_from_lib:libabsl_strings.so.\n"
         "called_from_lib:libabsl_status.so.\n"
         "called_from_lib:libabsl_str_format_internal.so.\n"
         "called_from_lib:libprotobuf.so.\n"
         "race_top:^grpc::\n"
         "race:CallbackUnaryHandler\n"
         "race:grpc::internal::CallbackUnaryCallImpl\n"
         "race:grpc::internal::CallOpSendMessage\n"
         "race:grpc::internal::CallOpRecvMessage\n"
         "race:grpc::internal::CallOpRecvInitialMetadata\n"
         "race:grpc::internal::CallOpClientRecvStatus\n"
         "race:grpc::SerializationTraits\n"
         "race:grpc::Server::\n"
         "race:cc/clouddesktop/internal/validation_plan.cc\n"
         "race:cc/emulator/\n";
}
