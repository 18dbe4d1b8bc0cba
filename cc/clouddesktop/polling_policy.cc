#include "clouddesktop/polling_policy.h"

#include <algorithm>

#include "absl/random/random.h"
#include "clouddesktop/internal/random.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

ExponentialPollingPolicy::ExponentialPollingPolicy(PollingSettings settings)
    : settings_(settings) {
  settings_.first_delay = std::max(settings_.first_delay, absl::ZeroDuration());
  settings_.initial_interval =
      std::max(settings_.initial_interval, absl::ZeroDuration());
  settings_.maximum_interval =
      std::max(settings_.maximum_interval, settings_.initial_interval);
  settings_.multiplier = std::max(settings_.multiplier, 1.0);
  current_ = settings_.initial_interval;
}

std::unique_ptr<PollingPolicy> ExponentialPollingPolicy::clone() const {
  return std::make_unique<ExponentialPollingPolicy>(settings_);
}

absl::Duration ExponentialPollingPolicy::FirstDelay() {
  return settings_.first_delay;
}

absl::StatusOr<absl::Duration> ExponentialPollingPolicy::OnPoll(
    const absl::Status& poll_status, absl::Duration server_hint) {
  if (poll_status.ok()) found_ = true;
  if (!poll_status.ok()) {
    bool tolerated = false;
    switch (poll_status.code()) {
      case absl::StatusCode::kNotFound:
        // Only NOT_FOUNDs count, and only before the operation was found:
        // transient errors in between say nothing about its existence.
        tolerated =
            !found_ && ++not_found_polls_ <= settings_.not_found_tolerance;
        break;
      case absl::StatusCode::kUnavailable:
      case absl::StatusCode::kResourceExhausted:
      case absl::StatusCode::kDeadlineExceeded:
        tolerated = true;
        break;
      default:
        break;
    }
    if (!tolerated) return poll_status;
  }
  absl::Duration bound = current_;
  current_ =
      std::min(settings_.maximum_interval, current_ * settings_.multiplier);
  absl::Duration delay = bound;
  if (bound > absl::ZeroDuration()) {
    int64_t hi = absl::ToInt64Nanoseconds(bound);
    delay = absl::Nanoseconds(absl::Uniform<int64_t>(
        absl::IntervalClosedClosed, internal::ThreadBitGen(), hi / 2, hi));
  }
  return std::max(delay, server_hint);
}

absl::Duration ExponentialPollingPolicy::MaximumDuration() const {
  return settings_.maximum_duration;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
