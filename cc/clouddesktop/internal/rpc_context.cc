#include "clouddesktop/internal/rpc_context.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

absl::StatusOr<absl::Time> TransportDeadline(RpcContext& context,
                                             const Clock& clock) {
  const absl::Duration left = context.deadline - clock.Now();
  if (left <= absl::ZeroDuration()) {
    context.final_failure = true;
    return absl::DeadlineExceededError("the call's deadline passed");
  }
  return left == absl::InfiniteDuration() ? absl::InfiniteFuture()
                                          : absl::Now() + left;
}

absl::Status AttemptError(const RpcContext& context, const absl::Status& raw) {
  absl::Status out = CallError(context.method, raw.code(), raw.message(),
                               context.ids, context.attempt);
  raw.ForEachPayload([&out](absl::string_view url, const absl::Cord& value) {
    if (url != kCallInfoPayloadUrl) out.SetPayload(url, value);
  });
  return out;
}

void RpcContext::ResetForAttempt() {
  ids = CallIds();
  metadata.clear();
  want_peer = false;
  response_headers.clear();
  peer.clear();
  retry_at_once = false;
  final_failure = false;
  transport_state.reset();
}

absl::string_view RpcContext::ResponseHeader(absl::string_view name) const {
  for (const auto& [key, value] : response_headers) {
    if (key == name) return value;
  }
  return absl::string_view();
}

void RpcContext::Cancel() {
  std::shared_ptr<RpcCanceller> canceller;
  {
    MutexLock lock(&mu_);
    cancelled_ = true;
    canceller = canceller_;
  }
  // Outside the lock: a transport may complete the call inline.
  if (canceller) canceller->TryCancel();
}

void RpcContext::AttachCanceller(std::shared_ptr<RpcCanceller> canceller) {
  bool cancelled;
  {
    MutexLock lock(&mu_);
    cancelled = cancelled_;
    canceller_ = canceller;
  }
  if (cancelled) canceller->TryCancel();
}

void RpcContext::DetachCanceller() {
  std::shared_ptr<RpcCanceller> canceller;
  {
    MutexLock lock(&mu_);
    canceller = std::move(canceller_);
  }
  // Released outside the lock.
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
