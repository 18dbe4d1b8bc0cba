// ThreadSanitizer suppressions, built into each emulator test binary (the
// sanitizer asks the executable for them at start-up, so they apply under
// any TSAN_OPTIONS).
//
// Debian's gRPC, abseil, protobuf and OpenSSL are not built with
// -fsanitize=thread: their own synchronization (absl::Mutex, atomics,
// completion queues) is invisible to TSAN, which then reports what those
// libraries do between their own threads (epoll_wait, memcpy in StrCat,
// absl's deadlock graph) as races. Ignored: accesses made *from* these
// libraries (called_from_lib), and races whose innermost frame is gRPC's
// header-only plumbing instantiated in our objects (race_top: the call
// state it hands between its threads through the uninstrumented core).
// Everything else compiled in this workspace, the emulator included, stays
// fully checked. (The emulator uses std::mutex, which TSAN does see, for
// the same reason.)
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libgrpc.so\n"
         "called_from_lib:libgrpc++.so\n"
         "called_from_lib:libgrpc++_reflection.so\n"
         "called_from_lib:libgpr.so\n"
         // Each pattern must name exactly one library.
         "called_from_lib:libabsl_synchronization.so\n"
         "called_from_lib:libabsl_graphcycles_internal.so\n"
         "called_from_lib:libabsl_spinlock_wait.so\n"
         "called_from_lib:libabsl_base.so\n"
         "called_from_lib:libabsl_malloc_internal.so\n"
         "called_from_lib:libabsl_strings.so\n"
         "called_from_lib:libcrypto.so\n"
         "called_from_lib:libssl.so\n"
         "called_from_lib:libabsl_status.so\n"
         "called_from_lib:libabsl_cord.so\n"
         "called_from_lib:libabsl_time.so\n"
         "called_from_lib:libupb.so\n"
         "race_top:grpc::internal::\n"
         "race_top:grpc::ByteBuffer\n"
         // The status message the server set, read by the in-process client:
         // handed over by gRPC core without copying.
         "race:grpc::internal::CallOpClientRecvStatus::FinishOp\n"
         // Messages of a call: written by the handler (or the client) on one
         // thread, then serialized, parsed or destroyed by gRPC on another,
         // the hand-off happening inside gRPC core.
         "race:grpc::internal::DefaultMessageHolder\n"
         "race:grpc::internal::CallOpSendMessage\n"
         "race:grpc::internal::CallOpRecvMessage\n"
         "race:grpc::GenericSerialize\n"
         "race:grpc::GenericDeserialize\n"
         // A client callback handed to gRPC on one thread and run on another.
         "race:grpc::internal::CallbackWithStatusTag\n"
         // gRPC freeing a finished call's state (metadata, messages) after
         // Finish was called on another thread.
         "race:ServerCallbackUnaryImpl::CallOnDone\n"
         // gRPC's event engine threads handing work to each other.
         "race:grpc_event_engine::\n"
         // The validation engine's plan cache sits behind an absl::Mutex,
         // which TSAN cannot see (cc/clouddesktop/internal/validation_plan.cc);
         // drop this line once it uses a std:: mutex.
         "race:clouddesktop::internal::PlanFor\n";
}
