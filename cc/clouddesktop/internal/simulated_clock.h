// A clock that moves only when told, for tests that would otherwise sleep.
// An Executor made with it (see executor.h) advances it to its next timer
// whenever it is idle: no task queued or running, no RPC in flight. So
// backoff, poll intervals and deadlines take no real time, while every
// RPC, callback and task still runs for real and in order. A thread
// outside the executor that schedules several timers holds time still
// meanwhile with Executor::AddPendingWork / RemovePendingWork.

#ifndef CLOUDDESKTOP_INTERNAL_SIMULATED_CLOCK_H_
#define CLOUDDESKTOP_INTERNAL_SIMULATED_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Thread-safe. Starts at `start` (default: the real time when made), so
// absolute deadlines a test computes from either clock stay comparable.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(absl::Time start);
  SimulatedClock();

  absl::Time Now() const override;
  // Moves to `t` if that is later (time never goes back).
  void AdvanceTo(absl::Time t) const;
  void Advance(absl::Duration d) const;

 private:
  mutable Mutex mu_;
  mutable absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_SIMULATED_CLOCK_H_
