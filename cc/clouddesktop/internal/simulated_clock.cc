#include "clouddesktop/internal/simulated_clock.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

SimulatedClock::SimulatedClock(absl::Time start) : now_(start) {}
SimulatedClock::SimulatedClock() : SimulatedClock(absl::Now()) {}

absl::Time SimulatedClock::Now() const {
  MutexLock lock(&mu_);
  return now_;
}

void SimulatedClock::AdvanceTo(absl::Time t) const {
  MutexLock lock(&mu_);
  now_ = std::max(now_, t);
}

void SimulatedClock::Advance(absl::Duration d) const {
  MutexLock lock(&mu_);
  now_ += std::max(d, absl::ZeroDuration());
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
