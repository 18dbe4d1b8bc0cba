// The bound on RPCs in flight per connection (ConnectionOptions::
// max_rpcs_in_flight): calls beyond it wait in a FIFO queue as their request
// alone, without any gRPC call state.

#ifndef CLOUDDESKTOP_INTERNAL_RPC_LIMITER_H_
#define CLOUDDESKTOP_INTERNAL_RPC_LIMITER_H_

#include <cstdint>
#include <map>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Thread-safe. A counting semaphore whose waiters are callbacks, handed a
// slot in the order they queued. Cost: one map node per queued waiter.
class RpcLimiter {
 public:
  using Ticket = uint64_t;  // 0: none
  using Waiter = absl::AnyInvocable<void() &&>;

  // `limit` <= 0: no limit.
  explicit RpcLimiter(int limit) : limit_(limit) {}

  // Takes a slot if one is free and nobody is queued (FIFO: no overtaking).
  bool TryAcquire();
  // Queues `waiter`; Release runs it (or rather returns it to run) when a
  // slot is handed to it. The caller must have failed TryAcquire.
  Ticket Enqueue(Waiter waiter);
  // Takes a queued waiter out of the queue (deadline, cancellation): true
  // if it was still queued; it will never be handed a slot and is
  // destroyed here, outside the lock. False once the slot was handed over.
  bool Withdraw(Ticket ticket);
  // Gives a slot back. If someone is queued the slot passes to the first
  // waiter, returned for the caller to run (outside any lock of its own);
  // otherwise returns an empty waiter.
  Waiter Release();

  int in_flight();
  size_t queued();

 private:
  const int limit_;
  internal::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  Ticket next_ ABSL_GUARDED_BY(mu_) = 1;
  // Ordered by ticket: the first entry queued first.
  std::map<Ticket, Waiter> queue_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_RPC_LIMITER_H_
