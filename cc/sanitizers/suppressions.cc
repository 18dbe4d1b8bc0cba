// ThreadSanitizer and LeakSanitizer suppressions, built into each binary and
// test (the sanitizer runtime asks the executable for them at start-up, so
// they apply under any TSAN_OPTIONS / LSAN_OPTIONS).
//
// Debian's gRPC, abseil, protobuf, OpenSSL and c-ares are not built with
// sanitizers. Their own synchronization (absl::Mutex, atomics, completion
// queues, event engine threads) is invisible to TSAN, which then reports
// what they do between their own threads as races. Suppressed here, and
// nothing else:
//  - accesses made *from* those libraries (called_from_lib; each pattern
//    must match at most one loaded library);
//  - gRPC's header-only plumbing, compiled into our objects but
//    synchronized inside libgrpc: the call ops that (de)serialize messages
//    and metadata, callback tags, server handlers;
//  - protobuf's map fields, whose sync mutex is taken inside libprotobuf and
//    released by inline header code;
//  - c-ares (gRPC's DNS resolver) and libcrypto (a TLS session) keeping a
//    few bytes until a short-lived process exits (LSAN).
// The project's own code locks with internal::Mutex (a std::mutex, which
// TSAN sees) wherever threads meet (see CONTRIBUTING.md), and no pattern
// names it.

extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libgrpc.so.\n"
         "called_from_lib:libgrpc++.so.\n"
         "called_from_lib:libgrpc++_reflection.so.\n"
         "called_from_lib:libgpr.so.\n"
         "called_from_lib:libupb.so.\n"
         "called_from_lib:libabsl_base.so.\n"
         "called_from_lib:libabsl_cord.so.\n"
         "called_from_lib:libabsl_cord_internal.so.\n"
         "called_from_lib:libabsl_graphcycles_internal.so.\n"
         "called_from_lib:libabsl_malloc_internal.so.\n"
         "called_from_lib:libabsl_spinlock_wait.so.\n"
         "called_from_lib:libabsl_status.so.\n"
         "called_from_lib:libabsl_str_format_internal.so.\n"
         "called_from_lib:libabsl_strings.so.\n"
         "called_from_lib:libabsl_synchronization.so.\n"
         "called_from_lib:libabsl_time.so.\n"
         "called_from_lib:libabsl_time_zone.so.\n"
         "called_from_lib:libprotobuf.so.\n"
         "called_from_lib:libcrypto.so.\n"
         "called_from_lib:libssl.so.\n"
         "called_from_lib:libcurl.so.\n"
         "called_from_lib:libcpp-httplib.so.\n"
         // gRPC's header-only internals at the top of the stack.
         "race_top:^grpc::\n"
         "race_top:absl::debian3::internal_any_invocable::LocalManagerTrivial\n"
         // Messages and metadata of a call: written on one thread, then
         // serialized, parsed or destroyed by gRPC on another, the hand-off
         // happening inside gRPC core.
         "race:grpc::internal::CallOpSendMessage\n"
         "race:grpc::internal::CallOpRecvMessage\n"
         "race:grpc::internal::CallOpRecvInitialMetadata\n"
         "race:grpc::internal::CallOpClientRecvStatus\n"
         "race:grpc::internal::DefaultMessageHolder\n"
         "race:grpc::internal::CallbackUnaryCallImpl\n"
         "race:grpc::SerializationTraits\n"
         "race:grpc::GenericSerialize\n"
         "race:grpc::GenericDeserialize\n"
         // Client callbacks and server handlers: the edge from the thread
         // that starts a call to the thread that runs its callback (or from
         // the handler to gRPC finishing the call) is inside libgrpc, which
         // TSAN cannot see. The library's own calls carry that edge
         // explicitly (cc/clouddesktop/internal/tsan.h) so the checks still
         // see their state; these patterns cover test code and handlers,
         // and are the price of an uninstrumented gRPC: they also hide a race
         // whose stack runs through a callback.
         "race:grpc::internal::CallbackWithStatusTag\n"
         "race:CallbackUnaryHandler\n"
         "race:grpc::Server::\n"
         // gRPC core freeing a subchannel's arguments through an
         // instantiation of shared_ptr compiled into our objects.
         "race:grpc_core::Subchannel::~Subchannel\n"
         "race:grpc_event_engine::\n"
         "thread:grpc_core::Thread::Thread\n"
         "mutex:google::protobuf::internal::MapField\n";
}

extern "C" const char* __lsan_default_suppressions() {
  // libcrypto: a TLS session (~900 bytes) that gRPC's handshaker sometimes
  // still holds when a short-lived process (the CLI) exits. Allocations
  // there unwind no further than libcrypto, so this also covers OpenSSL
  // objects of our own; those are all owned by unique_ptr/shared_ptr with
  // their *_free deleters.
  return "leak:libcares.so\n"
         "leak:libcrypto.so\n";
}

extern "C" const char* __lsan_default_options() {
  // A process that used a suppression prints a "Suppressions used:" table
  // on stderr at exit; the CLI's stderr is part of its interface (tests
  // compare it), so the table stays out. Leaks themselves are still
  // reported and still fail the process.
  return "print_suppressions=0";
}
