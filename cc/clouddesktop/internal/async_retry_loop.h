// The one retry loop of the library: a logical call over any Stub method
// (stub_macros.h), used by every unary RPC, by each poll of the operation
// waiter and by endpoint discovery. It knows nothing of the transport or
// of headers: the Stub's decorators add those per attempt.
//
// Life of a call (no thread is blocked at any point):
//   Start -> [a slot of the connection's RpcLimiter, queued in FIFO order
//   as the request alone while none is free] -> attempt: RpcContext
//   (ids, deadline, idempotency key) -> Stub (decorators, transport)
//   -> its callback: either deliver the result there (success: the
//      caller's future is completed from the transport's thread, and any
//      user continuation on it is posted to the executor) or hop to the
//      executor (errors, or a caller that asks for it) to decide on a retry
//      -> backoff timer -> next attempt.
// The call object (request, policies) is released before the result is
// delivered; the last attempt's transport state (e.g. gRPC's ClientContext)
// after it, so its teardown is off the path to the caller; then the call's
// Transport reference, so that a channel's last reference is never the
// transport state's (transport.h); the CallRegistry entry last, so a
// connection destructor that waits for its registry sees every result
// delivered and every attempt's transport state gone. (When the attempt
// ended before the thread that started it let go of the call, all of it
// goes with the call, after the delivery, on whichever thread lets go
// last.)

#ifndef CLOUDDESKTOP_INTERNAL_ASYNC_RETRY_LOOP_H_
#define CLOUDDESKTOP_INTERNAL_ASYNC_RETRY_LOOP_H_

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/rpc_limiter.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// One logical call's settings: CallOptions over the connection's defaults.
struct CallSettings {
  absl::string_view method;  // `Service.Method`; a static string
  bool idempotent = false;
  absl::Duration attempt_timeout;
  absl::Time deadline = absl::InfiniteFuture();
  Headers metadata;
  std::string trace_id;
  std::string idempotency_key;  // mutating calls only
  // The policies' prototypes (null: a single attempt). The call clones them
  // on its first failure, so a call that succeeds at once allocates no
  // policy state.
  std::shared_ptr<const RetryPolicy> retry;
  std::shared_ptr<const BackoffPolicy> backoff;
  // Deliver the result on the executor even when it could be delivered on
  // the transport's thread (for callers whose `done` is not a promise).
  bool hop_completion = false;
  // Response headers the caller wants in AttemptInfo (static strings).
  absl::Span<const char* const> wanted_headers;
};

CallSettings MakeCallSettings(const ConnectionOptions& options,
                              absl::string_view method, bool idempotent,
                              const CallOptions& call);

// What the last attempt learned besides the response.
struct AttemptInfo {
  CallIds ids;
  int attempts = 0;
  Headers response_headers;  // the wanted ones the server sent
};

class RetryLoopBase : public Cancellable,
                      public std::enable_shared_from_this<RetryLoopBase> {
 public:
  ~RetryLoopBase() override = default;
  void Cancel(Reason reason) override;

  // Registers with `registry` (completing at once with CANCELLED if it is
  // closed) and starts the first attempt.
  static void Start(std::shared_ptr<RetryLoopBase> self,
                    CallRegistry& registry);

 protected:
  RetryLoopBase(std::shared_ptr<Transport> transport, CallSettings settings)
      : transport_(std::move(transport)), settings_(std::move(settings)) {}

  // Starts the Stub method with `context`; its callback must call
  // OnRpcDone(this, status) once the response (if OK) is stored.
  virtual void StartRpc(RpcContext& context) = 0;
  // Delivers the final outcome (OK: the last attempt's response). Called
  // once. With `release_first` (`self` holds the last reference to the
  // call) it releases `self` (the call, its request and policies) before it
  // delivers, else after. It touches no member after the release.
  virtual void Complete(std::shared_ptr<RetryLoopBase> self,
                        absl::Status status, AttemptInfo info,
                        bool release_first) = 0;
  // The request's serialized size (to tell whose size limit a
  // RESOURCE_EXHAUSTED is about; message_size.h).
  virtual size_t RequestBytes() const = 0;

  static void OnRpcDone(RetryLoopBase* call, absl::Status status);

 private:
  static void StartAttempt(std::shared_ptr<RetryLoopBase> self);
  // Waits for a slot of the connection's RpcLimiter: a queue entry and a
  // timer at the attempt's deadline, nothing else.
  static void Queue(std::shared_ptr<RetryLoopBase> self);
  static void OnSlot(std::shared_ptr<RetryLoopBase> self);
  static void OnQueueTimer(std::shared_ptr<RetryLoopBase> self, bool fired);
  // Gives the slot back (to the next queued call, if any).
  void ReleaseSlot();
  static void SendAttempt(std::shared_ptr<RetryLoopBase> self);
  static void OnAttemptResult(std::shared_ptr<RetryLoopBase> self,
                              absl::Status status);
  static void Finish(std::shared_ptr<RetryLoopBase> self, absl::Status status);
  absl::Status CancelledError();
  // The logical call's trace id: in the settings until the first attempt
  // takes it into its context, where it stays for every later attempt.
  const std::string& trace_id() const {
    return attempts_ == 0 ? settings_.trace_id : context_.ids.client_trace_id;
  }

  // First member: destroyed last (see CallRegistry::Entry).
  CallRegistry::Entry entry_;
  // Moved out by Finish when it holds the last reference (see there).
  std::shared_ptr<Transport> transport_;
  CallSettings settings_;
  // The current attempt's context; its cancellation hook is thread-safe,
  // the rest is touched only by the one step of the call running at a
  // time, handed from step to step under mu_ or by the executor
  // (ThreadSanitizer cannot see the transport's own synchronization: the
  // Tsan annotations in StartRpc and OnRpcDone stand in for it).
  RpcContext context_;
  int attempts_ = 0;
  bool retried_at_once_ = false;
  // Cloned from settings_'s prototypes on the first failure.
  std::unique_ptr<RetryPolicy> retry_;
  std::unique_ptr<BackoffPolicy> backoff_;
  absl::Time attempt_deadline_;
  bool holds_slot_ = false;
  // The call's own reference while an RPC is in flight, taken back by
  // OnRpcDone. The transport may copy the completion callback (gRPC does,
  // and destroys the copies on the starting thread whenever it likes), so
  // the callback itself holds only a raw pointer.
  std::shared_ptr<RetryLoopBase> in_flight_;

  Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  Reason reason_ ABSL_GUARDED_BY(mu_) = Reason::kCaller;
  // The backoff timer, or the deadline timer while queued for a slot.
  Executor::TimerId timer_ ABSL_GUARDED_BY(mu_);
  RpcLimiter::Ticket ticket_ ABSL_GUARDED_BY(mu_) = 0;  // queued for a slot
};

// A protobuf request's serialized size; zero for a plain request type (a
// non-protobuf Stub's, e.g. an HTTP GET that sends nothing), which no size
// limit is about.
template <typename Request, typename = void>
struct HasByteSizeLong : std::false_type {};
template <typename Request>
struct HasByteSizeLong<
    Request,
    std::void_t<decltype(std::declval<const Request&>().ByteSizeLong())>>
    : std::true_type {};
template <typename Request>
size_t RequestBytesOf(const Request& request) {
  if constexpr (HasByteSizeLong<Request>::value) {
    return request.ByteSizeLong();
  } else {
    return 0;
  }
}

// The typed part: request, response, the Stub method, and `done`.
template <typename Stub, typename Request, typename Response>
class AsyncRetryLoop final : public RetryLoopBase {
 public:
  using Method = void (Stub::*)(RpcContext&, const Request&,
                                StubCallback<Response>);
  using Done =
      absl::AnyInvocable<void(absl::StatusOr<Response>, const AttemptInfo&)>;

  // `stub` is owned by `transport`.
  AsyncRetryLoop(std::shared_ptr<Transport> transport, CallSettings settings,
                 Stub* stub, Method method, const Request& request)
      : RetryLoopBase(std::move(transport), std::move(settings)),
        stub_(stub),
        method_(method),
        request_(request) {}

  void set_done(Done done) { done_ = std::move(done); }

  // Runs on the request when the call is destroyed: for a request that
  // carries a secret, which the credentials' exchange cleanses from memory.
  // Before Start only.
  using RequestWiper = void (*)(Request&);
  void set_request_wiper(RequestWiper wipe) { wipe_ = wipe; }

  ~AsyncRetryLoop() override {
    if (wipe_ != nullptr) wipe_(request_);
  }

 private:
  void StartRpc(RpcContext& context) override {
    // Read every member needed here before the release: once it is made,
    // the callback may free the call (the transport's hand-over is
    // invisible to TSAN; the callback acquires).
    Stub* const stub = stub_;
    const Method method = method_;
    const Request* const request = &request_;
    AsyncRetryLoop* call = this;
    TsanRelease(call);
    (stub->*method)(context, *request, [call](absl::StatusOr<Response> result) {
      TsanAcquire(call);
      absl::Status status = result.status();
      if (result.ok()) call->response_ = *std::move(result);
      OnRpcDone(call, std::move(status));
    });
  }

  void Complete(std::shared_ptr<RetryLoopBase> self, absl::Status status,
                AttemptInfo info, bool release_first) override {
    Done done = std::move(done_);
    absl::StatusOr<Response> result =
        status.ok() ? absl::StatusOr<Response>(std::move(response_))
                    : absl::StatusOr<Response>(std::move(status));
    if (release_first) self.reset();  // `this` may be gone from here on
    done(std::move(result), info);
  }

  size_t RequestBytes() const override { return RequestBytesOf(request_); }

  Stub* const stub_;
  const Method method_;
  Request request_;  // not modified but by wipe_
  Response response_;
  Done done_;
  RequestWiper wipe_ = nullptr;
};

// Starts a logical call; the future completes with its outcome.
template <typename Stub, typename Request, typename Response>
Future<absl::StatusOr<Response>> AsyncRetry(
    std::shared_ptr<Transport> transport, CallRegistry& registry,
    CallSettings settings, Stub* stub,
    void (Stub::*method)(RpcContext&, const Request&, StubCallback<Response>),
    const Request& request) {
  auto promise = FutureAccess::MakePromise<absl::StatusOr<Response>>(
      transport->executor());
  auto call = std::make_shared<AsyncRetryLoop<Stub, Request, Response>>(
      std::move(transport), std::move(settings), stub, method, request);
  std::weak_ptr<RetryLoopBase> weak = call;
  promise.SetCancel([weak] {
    if (auto c = weak.lock()) c->Cancel(Cancellable::Reason::kCaller);
  });
  auto future = promise.GetFuture();
  call->set_done([promise = std::move(promise)](absl::StatusOr<Response> result,
                                                const AttemptInfo&) mutable {
    promise.SetValue(std::move(result));
  });
  RetryLoopBase::Start(std::move(call), registry);
  return future;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_ASYNC_RETRY_LOOP_H_
