// The project's mutex: std::mutex with abseil's thread-safety annotations,
// so clang's -Wthread-safety (`--config=thread_safety`, run by
// tools/test.sh) checks every ABSL_GUARDED_BY and
// ABSL_EXCLUSIVE_LOCKS_REQUIRED against the locks actually held.
//
// Why not absl::Mutex, which is annotated too: Debian's abseil is built
// without ThreadSanitizer, so TSan cannot see its locks and reports every
// access they guard as a race. std::mutex is pthread underneath, which TSan
// intercepts. The names and signatures follow absl::Mutex / MutexLock /
// ReleasableMutexLock / CondVar, so a reader (or a later switch) needs no
// translation.
//
// Thread safety: what a mutex is for. Cost: that of std::mutex and
// std::condition_variable; the annotations are compile-time only.

#ifndef CLOUDDESKTOP_INTERNAL_MUTEX_H_
#define CLOUDDESKTOP_INTERNAL_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

class CondVar;

class ABSL_LOCKABLE Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  // Tells the analysis the lock is held where it cannot see it (a callback
  // invoked under the lock). No run-time check, as std::mutex has no owner.
  void AssertHeld() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// Holds `mu` for its scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    mu_->Lock();
  }
  ~MutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

// Holds `mu` until Release() or the end of its scope, whichever is first.
class ABSL_SCOPED_LOCKABLE ReleasableMutexLock {
 public:
  explicit ReleasableMutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->Lock();
  }
  ~ReleasableMutexLock() ABSL_UNLOCK_FUNCTION() {
    if (mu_ != nullptr) mu_->Unlock();
  }
  // Unlocks early; call it at most once.
  void Release() ABSL_UNLOCK_FUNCTION() {
    mu_->Unlock();
    mu_ = nullptr;
  }
  ReleasableMutexLock(const ReleasableMutexLock&) = delete;
  ReleasableMutexLock& operator=(const ReleasableMutexLock&) = delete;

 private:
  Mutex* mu_;
};

// A condition variable over Mutex. As with absl::CondVar, wait in a loop on
// the condition (wake-ups may be spurious):
//   MutexLock lock(&mu_);
//   while (!done_) cv_.Wait(&mu_);
// The loop, unlike a predicate lambda, is checked by -Wthread-safety.
class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // Unlocks `mu`, waits for a signal, locks `mu` again.
  void Wait(Mutex* mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // `mu` stays locked, owned by the caller
  }

  // As Wait, for at most `timeout`; true if it timed out (absl's meaning).
  bool WaitWithTimeout(Mutex* mu, absl::Duration timeout)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    // wait_for measures on the steady clock: wall-clock jumps do not count.
    bool timed_out = cv_.wait_for(lock, absl::ToChronoNanoseconds(timeout)) ==
                     std::cv_status::timeout;
    lock.release();
    return timed_out;
  }

  // As Wait, until `deadline` (absl::InfiniteFuture(): no deadline); true if
  // it passed.
  bool WaitWithDeadline(Mutex* mu, absl::Time deadline)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (deadline == absl::InfiniteFuture()) {
      Wait(mu);
      return false;
    }
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    bool timed_out = cv_.wait_until(lock, absl::ToChronoTime(deadline)) ==
                     std::cv_status::timeout;
    lock.release();
    return timed_out;
  }

  // As Wait, until the steady clock reaches `deadline`; true if it did. For
  // a wait with a timeout over a loop of wake-ups:
  //   auto deadline = CondVar::SteadyDeadline(timeout);
  //   while (!done_) if (cv_.WaitWithDeadline(&mu_, deadline)) break;
  bool WaitWithDeadline(Mutex* mu,
                        std::chrono::steady_clock::time_point deadline)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    bool timed_out = cv_.wait_until(lock, deadline) == std::cv_status::timeout;
    lock.release();
    return timed_out;
  }
  static std::chrono::steady_clock::time_point SteadyDeadline(
      absl::Duration timeout) {
    if (timeout == absl::InfiniteDuration()) {
      return std::chrono::steady_clock::time_point::max();
    }
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               absl::ToChronoNanoseconds(timeout));
  }

  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_MUTEX_H_
