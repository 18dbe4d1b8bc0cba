// A fixed pool of threads with a timer heap: what runs every completion,
// retry, poll and continuation of a set of connections.

#ifndef CLOUDDESKTOP_INTERNAL_EXECUTOR_H_
#define CLOUDDESKTOP_INTERNAL_EXECUTOR_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/time/time.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

class SimulatedClock;

// Threads are created once, in Create, and never per task or per timer: a
// timer is a node in an ordered map (O(log n) to add or cancel), so tens of
// thousands of pending timers cost memory only.
//
// Shutdown: pending timers fire at once with `fired = false`, queued tasks
// and outstanding work (RPCs in flight, counted with Add/RemovePendingWork)
// drain, then the threads are joined. Called from one of its own threads,
// Shutdown drains on that thread and detaches it instead of joining it.
// After Shutdown, Post runs tasks inline and timers fire (false) inline.
//
// Timers are due by the executor's Clock. With an internal::SimulatedClock
// the executor moves that clock to the next timer whenever it is idle (no
// task queued or running, no pending work): virtual time for tests.
//
// Thread-safe. Held by shared_ptr; the worker threads hold a reference too,
// so the object outlives a detached worker.
class Executor final : public ContinuationRunner,
                       public std::enable_shared_from_this<Executor> {
 public:
  // `fired` is false when the timer was cancelled or the executor shut down.
  using TimerCallback = absl::AnyInvocable<void(bool fired)>;
  struct TimerId {
    absl::Time when;
    uint64_t seq = 0;  // 0: no timer
    bool operator<(const TimerId& o) const {
      return when < o.when || (when == o.when && seq < o.seq);
    }
  };

  // The name of every worker thread (at most 15 characters).
  static constexpr char kThreadName[] = "clouddesktop";

  // `clock`: null for SystemClock().
  static std::shared_ptr<Executor> Create(
      int thread_count, std::shared_ptr<const Clock> clock = nullptr);
  ~Executor() override;

  void Post(absl::AnyInvocable<void()> fn) override;

  TimerId ScheduleAt(absl::Time when, TimerCallback fn);
  // Fires the timer's callback (with false) soon, if it is still pending.
  void CancelTimer(TimerId id);

  // Work the executor must wait for before its threads can stop (an RPC in
  // flight whose completion will be posted here).
  void AddPendingWork();
  void RemovePendingWork();

  void Shutdown();

  // True on one of this executor's threads.
  bool IsWorkerThread() const;

  int thread_count() const { return thread_count_; }
  // What its timers are due by (never null).
  const std::shared_ptr<const Clock>& clock() const { return clock_; }
  // Timers pending now (for tests and benchmarks).
  size_t pending_timers();

 private:
  Executor(int thread_count, std::shared_ptr<const Clock> clock);
  static void WorkerMain(std::shared_ptr<Executor> self);
  // Runs one task or due timer, waiting for one; false once shut down and
  // drained.
  bool RunOne();
  bool Drained() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const int thread_count_;
  const std::shared_ptr<const Clock> clock_;
  // clock_, when it is a SimulatedClock.
  const SimulatedClock* const simulated_;
  internal::Mutex mu_;
  internal::CondVar cv_;
  std::deque<absl::AnyInvocable<void()>> queue_ ABSL_GUARDED_BY(mu_);
  std::map<TimerId, TimerCallback> timers_ ABSL_GUARDED_BY(mu_);
  uint64_t next_seq_ ABSL_GUARDED_BY(mu_) = 1;
  int64_t pending_work_ ABSL_GUARDED_BY(mu_) = 0;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;  // threads gone
  int busy_ ABSL_GUARDED_BY(mu_) = 0;  // tasks running (simulated time only)
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_EXECUTOR_H_
