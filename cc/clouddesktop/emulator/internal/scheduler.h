// One thread that runs callbacks at given times: the emulator's timers for
// injected latency and operation completion. A min-heap ordered by due time
// and a condition variable; no thread per timer, so tens of thousands of
// pending timers cost only their callbacks' memory.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_SCHEDULER_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_SCHEDULER_H_

#include <cstdint>
#include <queue>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {

// Thread-safe. Callbacks run one at a time on the scheduler thread, without
// any scheduler lock held, so they may schedule or cancel other callbacks;
// they must not block.
class Scheduler {
 public:
  // The argument is true when the callback runs because of Shutdown rather
  // than because it is due: it should then release what it holds (finish a
  // call with UNAVAILABLE) instead of doing its work.
  using Callback = absl::AnyInvocable<void(bool shutting_down) &&>;
  using TaskId = uint64_t;

  // Starts the thread.
  Scheduler();
  // Calls Shutdown().
  ~Scheduler();

  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `callback(false)` at `when` (at once if `when` has passed), or
  // `callback(true)` during Shutdown if it has not run by then. After
  // Shutdown, runs `callback(true)` inline and returns 0. Cost: O(log n).
  TaskId RunAt(absl::Time when, Callback callback);
  TaskId RunAfter(absl::Duration delay, Callback callback) {
    return RunAt(absl::Now() + delay, std::move(callback));
  }

  // Drops a callback that has not started; returns whether it was dropped.
  // The callback is destroyed outside the scheduler's lock.
  bool Cancel(TaskId id);

  // Stops the thread, then runs every pending callback with `true`, in due
  // order, on the calling thread. Idempotent; concurrent callers wait for
  // the first to finish.
  void Shutdown();

  // Callbacks not yet run.
  size_t pending() const;

 private:
  struct Entry {
    absl::Time when;
    TaskId id;
    bool operator>(const Entry& other) const {
      return when != other.when ? when > other.when : id > other.id;
    }
  };

  void Loop();

  mutable clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar wakeup_;
  // Cancelled tasks stay in the heap until they reach its top; `callbacks_`
  // is the truth about what is pending.
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<TaskId, Callback> callbacks_ ABSL_GUARDED_BY(mu_);
  TaskId next_id_ ABSL_GUARDED_BY(mu_) = 1;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  clouddesktop::internal::Mutex shutdown_mu_;  // serializes Shutdown callers
  std::thread thread_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_SCHEDULER_H_
