#include "clouddesktop/internal/simulated_clock.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex_lock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

SimulatedClock::SimulatedClock(absl::Time start) : now_(start) {}
SimulatedClock::SimulatedClock() : SimulatedClock(absl::Now()) {}

absl::Time SimulatedClock::Now() const {
  VisibleMutexLock lock(&mu_);
  return now_;
}

void SimulatedClock::AdvanceTo(absl::Time t) const {
  VisibleMutexLock lock(&mu_);
  now_ = std::max(now_, t);
}

void SimulatedClock::Advance(absl::Duration d) const {
  VisibleMutexLock lock(&mu_);
  now_ += std::max(d, absl::ZeroDuration());
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
