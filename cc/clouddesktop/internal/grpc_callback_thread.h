// Whether this thread is inside one of gRPC's completion callbacks for the
// library. gRPC forbids releasing a channel there: with its callback thread
// pool (gRPC 1.51 on Linux, which runs callbacks on "nexting_thread"s), the
// last channel's destruction shuts the pool down from one of its own
// threads, which cannot join itself, and the process crashes
// (grpc/grpc#32584; later gRPCs abort at once instead). So what owns a
// channel (a Transport) is never destroyed while this is true.
//
// Not InCallbackThread (future_state.h): the retry loop sets that one in
// every transport's completion, REST's and test fakes' too, where a
// Transport is still destroyed at once (the HTTP client detaches its own
// thread); only gRPC's callback threads need the hand-off.

#ifndef CLOUDDESKTOP_INTERNAL_GRPC_CALLBACK_THREAD_H_
#define CLOUDDESKTOP_INTERNAL_GRPC_CALLBACK_THREAD_H_

#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Marks the current thread as inside a gRPC callback while it lives (the
// gRPC stubs put one around each completion). Nests. Costs a thread-local
// increment and decrement.
class GrpcCallbackScope {
 public:
  GrpcCallbackScope();
  ~GrpcCallbackScope();
  GrpcCallbackScope(const GrpcCallbackScope&) = delete;
  GrpcCallbackScope& operator=(const GrpcCallbackScope&) = delete;
};

// True on a thread inside a GrpcCallbackScope.
bool InGrpcCallback();

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_GRPC_CALLBACK_THREAD_H_
