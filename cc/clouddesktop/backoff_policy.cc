#include "clouddesktop/backoff_policy.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

ExponentialBackoffPolicy::ExponentialBackoffPolicy(absl::Duration initial_delay,
                                                   absl::Duration maximum_delay,
                                                   double multiplier)
    // Full jitter: [0, bound].
    : backoff_({initial_delay, maximum_delay, multiplier, 1.0}) {}

std::unique_ptr<BackoffPolicy> ExponentialBackoffPolicy::clone() const {
  return std::make_unique<ExponentialBackoffPolicy>(
      initial_delay(), maximum_delay(), multiplier());
}

absl::Duration ExponentialBackoffPolicy::OnCompletion() {
  return backoff_.Next();
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
