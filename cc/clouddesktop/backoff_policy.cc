#include "clouddesktop/backoff_policy.h"

#include <algorithm>

#include "absl/random/random.h"
#include "clouddesktop/internal/random.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

ExponentialBackoffPolicy::ExponentialBackoffPolicy(absl::Duration initial_delay,
                                                   absl::Duration maximum_delay,
                                                   double multiplier)
    : initial_delay_(std::max(initial_delay, absl::ZeroDuration())),
      maximum_delay_(std::max(maximum_delay, initial_delay_)),
      multiplier_(std::max(multiplier, 1.0)),
      current_(initial_delay_) {}

std::unique_ptr<BackoffPolicy> ExponentialBackoffPolicy::clone() const {
  return std::make_unique<ExponentialBackoffPolicy>(
      initial_delay_, maximum_delay_, multiplier_);
}

absl::Duration ExponentialBackoffPolicy::OnCompletion() {
  absl::Duration bound = current_;
  current_ = std::min(maximum_delay_, current_ * multiplier_);
  if (bound <= absl::ZeroDuration()) return absl::ZeroDuration();
  return absl::Nanoseconds(absl::Uniform<int64_t>(
      absl::IntervalClosedClosed, internal::ThreadBitGen(), 0,
      absl::ToInt64Nanoseconds(bound)));
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
