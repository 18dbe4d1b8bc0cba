// One logical unary call over the gRPC callback API: per-attempt headers
// and deadline, the retry loop with backoff, request ids in every error,
// cancellation, and the per-attempt log record.
//
// Life of a call (no thread is blocked at any point):
//   Start -> [a slot of the connection's RpcLimiter, queued in FIFO order
//   as the request alone while none is free] -> [auth token] -> attempt:
//   ClientContext + headers, stub->async()
//   -> gRPC callback: harvest server ids, free the ClientContext, then
//      either deliver the result there (success, no log sink: the caller's
//      future is completed from the gRPC thread, and any user continuation
//      on it is posted to the executor) or hop to the executor (errors,
//      log sink) to decide on a retry -> timer -> next attempt.
// The call object (request, policies, its Transport reference) is released
// before the result is delivered; its CallRegistry entry is released after,
// so a connection destructor that waits for its registry sees every result
// delivered.

#ifndef CLOUDDESKTOP_INTERNAL_UNARY_CALL_H_
#define CLOUDDESKTOP_INTERNAL_UNARY_CALL_H_

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
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
#include "clouddesktop/internal/rpc_limiter.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Request headers the library sends, and response headers it reads.
inline constexpr char kClientRequestIdHeader[] = "x-client-request-id";
inline constexpr char kClientTraceIdHeader[] = "x-client-trace-id";
inline constexpr char kIdempotencyKeyHeader[] = "idempotency-key";
inline constexpr char kAuthorizationHeader[] = "authorization";
inline constexpr char kRequestIdHeader[] = "x-request-id";
inline constexpr char kServerTraceIdHeader[] = "x-server-trace-id";
inline constexpr char kPollIntervalHeader[] = "x-operation-poll-interval";

// One logical call's settings: CallOptions over the connection's defaults.
struct CallSettings {
  absl::string_view method;  // `Service.Method`; a static string
  bool idempotent = false;
  absl::Duration attempt_timeout;
  absl::Time deadline = absl::InfiniteFuture();
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string trace_id;
  std::string idempotency_key;         // mutating calls only
  std::unique_ptr<RetryPolicy> retry;  // null: a single attempt
  std::unique_ptr<BackoffPolicy> backoff;
  // Deliver the result on the executor even when it could be delivered on
  // the gRPC thread (for callers whose `done` is not a promise).
  bool hop_completion = false;
};

CallSettings MakeCallSettings(const ConnectionOptions& options,
                              absl::string_view method, bool idempotent,
                              const CallOptions& call);

// What the last attempt learned besides the response.
struct AttemptInfo {
  CallIds ids;
  int attempts = 0;
  std::string peer;  // only with a log sink
  absl::Time start;
  absl::Duration duration;
  absl::Duration poll_hint;  // x-operation-poll-interval, zero if absent
};

// Parses x-operation-poll-interval: integer seconds (what the service and
// the Go SDK use), decimal seconds, or an absl duration ("500ms").
absl::Duration ParsePollInterval(absl::string_view value);

// Fills `ids->request_id` and `ids->server_trace_id` from the server's
// headers or, failing those, its trailers (the first value wins). Only after
// the call has finished.
void CopyServerIds(const grpc::ClientContext& ctx, CallIds* ids);

class CallBase : public Cancellable,
                 public std::enable_shared_from_this<CallBase> {
 public:
  ~CallBase() override = default;
  void Cancel(Reason reason) override;

  // Registers with `registry` (completing at once with CANCELLED if it is
  // closed) and starts the first attempt.
  static void Start(std::shared_ptr<CallBase> self, CallRegistry& registry);

 protected:
  CallBase(std::shared_ptr<Transport> transport, CallSettings settings)
      : transport_(std::move(transport)), settings_(std::move(settings)) {}

  // Starts the RPC on `ctx`; its callback must call OnRpcDone(this).
  virtual void StartRpc(grpc::ClientContext* ctx) = 0;
  // Packs the final outcome (OK: the last attempt's response) into a
  // closure that delivers it. Called once.
  virtual absl::AnyInvocable<void()> TakeCompletion(absl::Status status,
                                                    AttemptInfo info) = 0;
  // The request's serialized size (to tell whose size limit a
  // RESOURCE_EXHAUSTED is about; message_size.h).
  virtual size_t RequestBytes() const = 0;

  static void OnRpcDone(CallBase* call, grpc::Status status);

 private:
  static void StartAttempt(std::shared_ptr<CallBase> self);
  // Waits for a slot of the connection's RpcLimiter: a queue entry and a
  // timer at the attempt's deadline, nothing else.
  static void Queue(std::shared_ptr<CallBase> self);
  static void OnSlot(std::shared_ptr<CallBase> self);
  static void OnQueueTimer(std::shared_ptr<CallBase> self, bool fired);
  static void GetToken(std::shared_ptr<CallBase> self);
  // Gives the slot back (to the next queued call, if any).
  void ReleaseSlot();
  static void ContinueAttempt(std::shared_ptr<CallBase> self,
                              absl::StatusOr<std::string> token);
  static void OnAttemptResult(std::shared_ptr<CallBase> self,
                              absl::Status status, AttemptInfo info);
  static void Finish(std::shared_ptr<CallBase> self, absl::Status status,
                     AttemptInfo info);
  absl::Status CancelledError(const AttemptInfo& info);

  // First member: destroyed last (see CallRegistry::Entry).
  CallRegistry::Entry entry_;
  const std::shared_ptr<Transport> transport_;
  CallSettings settings_;
  // Touched only by the one step of the call running at a time; handed
  // from step to step under mu_ (ThreadSanitizer cannot see gRPC's own
  // synchronization).
  int attempts_ = 0;
  AttemptInfo current_;
  std::string token_;  // the current attempt's; never logged
  bool auth_retried_ = false;
  absl::Time attempt_deadline_;
  bool holds_slot_ = false;
  // The call's own reference while an RPC is in flight, taken back by
  // OnRpcDone. gRPC copies the completion callback (and destroys the copies
  // on the starting thread whenever it likes), so the callback itself holds
  // only a raw pointer: no copy can end up owning the call.
  std::shared_ptr<CallBase> in_flight_;

  internal::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  Reason reason_ ABSL_GUARDED_BY(mu_) = Reason::kCaller;
  // Shared so that Cancel can TryCancel outside the lock while the
  // callback frees it.
  std::shared_ptr<grpc::ClientContext> ctx_ ABSL_GUARDED_BY(mu_);
  // The backoff timer, or the deadline timer while queued for a slot.
  Executor::TimerId timer_ ABSL_GUARDED_BY(mu_);
  RpcLimiter::Ticket ticket_ ABSL_GUARDED_BY(mu_) = 0;  // queued for a slot
};

// The typed part: request, response, the stub method, and `done`.
template <typename Async, typename Request, typename Response>
class UnaryCall final : public CallBase {
 public:
  using Method = void (Async::*)(grpc::ClientContext*, const Request*,
                                 Response*, std::function<void(grpc::Status)>);
  using Done =
      absl::AnyInvocable<void(absl::StatusOr<Response>, const AttemptInfo&)>;

  UnaryCall(std::shared_ptr<Transport> transport, CallSettings settings,
            Async* async, Method method, const Request& request)
      : CallBase(std::move(transport), std::move(settings)),
        async_(async),
        method_(method),
        request_(request) {}

  void set_done(Done done) { done_ = std::move(done); }

 private:
  void StartRpc(grpc::ClientContext* ctx) override {
    response_.Clear();
    // Read every member needed here before the release: once it is made,
    // the callback may free the call (gRPC's hand-over is invisible to
    // TSAN; OnRpcDone acquires).
    Async* const async = async_;
    const Method method = method_;
    const Request* const request = &request_;
    Response* const response = &response_;
    CallBase* call = this;
    TsanRelease(call);
    (async->*method)(ctx, request, response, [call](grpc::Status status) {
      OnRpcDone(call, std::move(status));
    });
  }

  absl::AnyInvocable<void()> TakeCompletion(absl::Status status,
                                            AttemptInfo info) override {
    absl::StatusOr<Response> result =
        status.ok() ? absl::StatusOr<Response>(std::move(response_))
                    : absl::StatusOr<Response>(std::move(status));
    return
        [done = std::move(done_), result = std::move(result),
         info = std::move(info)]() mutable { done(std::move(result), info); };
  }

  size_t RequestBytes() const override { return request_.ByteSizeLong(); }

  Async* const async_;
  const Method method_;
  const Request request_;
  Response response_;
  Done done_;
};

// Starts a logical call; the future completes with its outcome.
template <typename Async, typename Request, typename Response>
Future<absl::StatusOr<Response>> AsyncUnary(
    std::shared_ptr<Transport> transport, CallRegistry& registry,
    CallSettings settings, Async* async,
    void (Async::*method)(grpc::ClientContext*, const Request*, Response*,
                          std::function<void(grpc::Status)>),
    const Request& request) {
  auto promise = FutureAccess::MakePromise<absl::StatusOr<Response>>(
      transport->executor());
  auto call = std::make_shared<UnaryCall<Async, Request, Response>>(
      std::move(transport), std::move(settings), async, method, request);
  std::weak_ptr<CallBase> weak = call;
  promise.SetCancel([weak] {
    if (auto c = weak.lock()) c->Cancel(Cancellable::Reason::kCaller);
  });
  auto future = promise.GetFuture();
  call->set_done([promise = std::move(promise)](absl::StatusOr<Response> result,
                                                const AttemptInfo&) mutable {
    promise.SetValue(std::move(result));
  });
  CallBase::Start(std::move(call), registry);
  return future;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_UNARY_CALL_H_
