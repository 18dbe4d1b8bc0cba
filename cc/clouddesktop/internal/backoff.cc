#include "clouddesktop/internal/backoff.h"

#include <algorithm>
#include <cstdint>

#include "absl/random/random.h"
#include "clouddesktop/internal/random.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

absl::Duration JitterBelow(absl::Duration upper, double jitter) {
  if (upper <= absl::ZeroDuration() || jitter <= 0) {
    return std::max(upper, absl::ZeroDuration());
  }
  jitter = std::min(jitter, 1.0);
  const int64_t hi = absl::ToInt64Nanoseconds(upper);
  const auto lo =
      static_cast<int64_t>(static_cast<double>(hi) * (1.0 - jitter));
  return absl::Nanoseconds(absl::Uniform<int64_t>(absl::IntervalClosedClosed,
                                                  ThreadBitGen(), lo, hi));
}

Backoff::Backoff(Settings settings) : settings_(settings) {
  settings_.initial = std::max(settings_.initial, absl::ZeroDuration());
  settings_.maximum = std::max(settings_.maximum, settings_.initial);
  settings_.multiplier = std::max(settings_.multiplier, 1.0);
  current_ = settings_.initial;
}

absl::Duration Backoff::Next() {
  const absl::Duration bound = current_;
  current_ = std::min(settings_.maximum, current_ * settings_.multiplier);
  return JitterBelow(bound, settings_.jitter);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
