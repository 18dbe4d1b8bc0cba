// What one attempt of an RPC carries through a Stub and its decorators,
// independent of the transport: the headers to send, the deadline, the ids,
// and a cancellation hook. A gRPC stub turns it into a grpc::ClientContext;
// a REST stub would turn it into HTTP headers. Nothing here names gRPC.

#ifndef CLOUDDESKTOP_INTERNAL_RPC_CONTEXT_H_
#define CLOUDDESKTOP_INTERNAL_RPC_CONTEXT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/internal/mutex.h"
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

using Headers = std::vector<std::pair<std::string, std::string>>;

// What a transport cancels: its in-flight call.
class RpcCanceller {
 public:
  virtual ~RpcCanceller() = default;
  // Asks the transport to end the call soon (it then completes with
  // CANCELLED, or with its result if that came first). Any thread.
  virtual void TryCancel() = 0;
};

// One attempt's context. The caller (the retry loop) fills the inputs, the
// decorators add headers, the transport fills the outputs before it calls
// the attempt's callback. Only one step touches it at a time, except the
// cancellation hook, which is thread-safe.
class RpcContext {
 public:
  // --- Inputs (the retry loop) ---
  absl::string_view method;  // `Service.Method`; a static string
  absl::Time deadline = absl::InfiniteFuture();
  int attempt = 0;              // 1 for the first
  CallIds ids;                  // client ids in; server ids out
  std::string idempotency_key;  // mutating calls only; empty otherwise
  // The caller's own headers (CallOptions::metadata); sent after the
  // library's.
  const Headers* call_metadata = nullptr;
  // Response headers (or trailers) the caller wants back, besides the ids:
  // static strings, e.g. the poll loop's x-operation-poll-interval.
  absl::Span<const char* const> wanted_headers;
  // Whether the retry loop still allows one immediate re-attempt at no
  // cost to the retry budget (see retry_at_once).
  bool may_retry_at_once = false;
  // The call this attempt belongs to (the retry loop sets it), for a step
  // that continues the attempt on another thread, as the auth decorator
  // does once a token arrives: holding it until the step returns keeps the
  // call, and through it the stubs and the channel, alive, and dropping it
  // orders the step's reads before the call's destruction where
  // ThreadSanitizer can see it (gRPC's hand-over of the call is invisible
  // to it). Empty for a context no loop owns.
  std::weak_ptr<void> owner;

  // --- Added by decorators, sent by the transport ---
  Headers metadata;
  bool want_peer = false;  // the logging decorator's

  // --- Outputs (the transport and the decorators) ---
  Headers response_headers;  // the first value of each wanted header
  std::string peer;          // only if want_peer
  // A decorator's verdict on a failed attempt: try again at once (the auth
  // decorator after the server refused a token the provider then dropped).
  bool retry_at_once = false;
  // Another attempt cannot succeed (e.g. a token no header can carry).
  bool final_failure = false;
  // The transport's per-attempt state, handed over with the result so that
  // its teardown runs after the caller has been woken: the retry loop drops
  // it after delivering the call's outcome (before the call leaves its
  // CallRegistry), or when the next attempt starts.
  std::shared_ptr<void> transport_state;

  // Resets everything but the cancellation state, for the next attempt.
  void ResetForAttempt();

  // The value of a wanted response header, or an empty view.
  absl::string_view ResponseHeader(absl::string_view name) const;

  // --- Cancellation (thread-safe) ---
  // Cancels the transport's call, now or as soon as one is attached. Once
  // cancelled, a context stays cancelled.
  void Cancel();
  // The transport's hook for this attempt; TryCancel'ed at once if the
  // context is already cancelled.
  void AttachCanceller(std::shared_ptr<RpcCanceller> canceller);
  // The attempt is over: the hook is dropped (after this returns, Cancel
  // no longer reaches it, but a TryCancel already under way may still run).
  void DetachCanceller();

 private:
  Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  std::shared_ptr<RpcCanceller> canceller_ ABSL_GUARDED_BY(mu_);
};

// The attempt's deadline for a transport that measures time by the real
// clock (gRPC, libcurl): the time `context.deadline` leaves on `clock`,
// counted from absl::Now(); InfiniteFuture when unbounded. When none is
// left, DEADLINE_EXCEEDED and `context.final_failure` set: the transport
// fails the attempt with it, unsent, and the loop does not retry it.
absl::StatusOr<absl::Time> TransportDeadline(RpcContext& context,
                                             const Clock& clock);

// A failed attempt's error as the caller sees it: `<method>: <CODE>:
// <message> [ids, attempts]` with the transport's payloads (details) and
// the CallInfo record (see CallError).
absl::Status AttemptError(const RpcContext& context, const absl::Status& raw);

// How a Stub method delivers its result.
template <typename Response>
using StubCallback = absl::AnyInvocable<void(absl::StatusOr<Response>)>;

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_RPC_CONTEXT_H_
