#include "clouddesktop/internal/rpc_limiter.h"

#include <utility>

#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

bool RpcLimiter::TryAcquire() {
  internal::MutexLock lock(&mu_);
  if (limit_ > 0 && (in_flight_ >= limit_ || !queue_.empty())) return false;
  ++in_flight_;
  return true;
}

RpcLimiter::Ticket RpcLimiter::Enqueue(Waiter waiter) {
  internal::MutexLock lock(&mu_);
  Ticket ticket = next_++;
  queue_.emplace(ticket, std::move(waiter));
  return ticket;
}

bool RpcLimiter::Withdraw(Ticket ticket) {
  Waiter waiter;
  {
    internal::MutexLock lock(&mu_);
    auto it = queue_.find(ticket);
    if (it == queue_.end()) return false;
    waiter = std::move(it->second);
    queue_.erase(it);
  }
  return true;  // `waiter` is destroyed here, unlocked
}

RpcLimiter::Waiter RpcLimiter::Release() {
  internal::MutexLock lock(&mu_);
  if (queue_.empty()) {
    --in_flight_;
    return Waiter();
  }
  // The slot passes on: in_flight_ stays.
  Waiter next = std::move(queue_.begin()->second);
  queue_.erase(queue_.begin());
  return next;
}

int RpcLimiter::in_flight() {
  internal::MutexLock lock(&mu_);
  return in_flight_;
}

size_t RpcLimiter::queued() {
  internal::MutexLock lock(&mu_);
  return queue_.size();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
