#include "clouddesktop/polling_policy.h"

#include <algorithm>

#include "absl/random/random.h"
#include "clouddesktop/internal/random.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

absl::Duration NonNegative(absl::Duration d) {
  return std::max(d, absl::ZeroDuration());
}

// Uniform in [(1 - jitter) * upper, upper].
absl::Duration Jitter(absl::Duration upper, double jitter) {
  if (upper <= absl::ZeroDuration() || jitter <= 0) return upper;
  int64_t hi = absl::ToInt64Nanoseconds(upper);
  auto lo = static_cast<int64_t>(static_cast<double>(hi) * (1.0 - jitter));
  return absl::Nanoseconds(absl::Uniform<int64_t>(
      absl::IntervalClosedClosed, internal::ThreadBitGen(), lo, hi));
}

}  // namespace

ProportionalPollingPolicy::ProportionalPollingPolicy(
    ProportionalPollingSettings settings)
    : settings_(settings), errors_(settings.not_found_tolerance) {
  settings_.first_delay = NonNegative(settings_.first_delay);
  settings_.minimum_interval = NonNegative(settings_.minimum_interval);
  settings_.maximum_interval =
      std::max(settings_.maximum_interval, settings_.minimum_interval);
  settings_.age_fraction = std::max(settings_.age_fraction, 0.0);
  settings_.jitter = std::clamp(settings_.jitter, 0.0, 0.99);
}

std::unique_ptr<PollingPolicy> ProportionalPollingPolicy::clone() const {
  return std::make_unique<ProportionalPollingPolicy>(settings_);
}

absl::Duration ProportionalPollingPolicy::FirstDelay() {
  return Jitter(settings_.first_delay, settings_.jitter);
}

absl::Duration ProportionalPollingPolicy::UpperDelay(absl::Duration age) const {
  return std::clamp(NonNegative(age) * settings_.age_fraction,
                    settings_.minimum_interval, settings_.maximum_interval);
}

absl::StatusOr<absl::Duration> ProportionalPollingPolicy::OnPoll(
    const absl::Status& poll_status, absl::Duration server_hint,
    absl::Duration age) {
  absl::Status verdict = errors_.Check(poll_status);
  if (!verdict.ok()) return verdict;
  return std::max(Jitter(UpperDelay(age), settings_.jitter), server_hint);
}

absl::Duration ProportionalPollingPolicy::MaximumDuration() const {
  return settings_.maximum_duration;
}

FixedIntervalPollingPolicy::FixedIntervalPollingPolicy(
    FixedIntervalPollingSettings settings)
    : settings_(settings), errors_(settings.not_found_tolerance) {
  settings_.interval = NonNegative(settings_.interval);
  settings_.jitter = std::clamp(settings_.jitter, 0.0, 0.99);
}

std::unique_ptr<PollingPolicy> FixedIntervalPollingPolicy::clone() const {
  return std::make_unique<FixedIntervalPollingPolicy>(settings_);
}

absl::Duration FixedIntervalPollingPolicy::Next() const {
  return Jitter(settings_.interval, settings_.jitter);
}

absl::Duration FixedIntervalPollingPolicy::FirstDelay() { return Next(); }

absl::StatusOr<absl::Duration> FixedIntervalPollingPolicy::OnPoll(
    const absl::Status& poll_status, absl::Duration server_hint,
    absl::Duration /*age*/) {
  absl::Status verdict = errors_.Check(poll_status);
  if (!verdict.ok()) return verdict;
  return std::max(Next(), server_hint);
}

absl::Duration FixedIntervalPollingPolicy::MaximumDuration() const {
  return settings_.maximum_duration;
}

ExponentialPollingPolicy::ExponentialPollingPolicy(PollingSettings settings)
    : settings_(settings), errors_(settings.not_found_tolerance) {
  settings_.first_delay = NonNegative(settings_.first_delay);
  settings_.initial_interval = NonNegative(settings_.initial_interval);
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
    const absl::Status& poll_status, absl::Duration server_hint,
    absl::Duration /*age*/) {
  absl::Status verdict = errors_.Check(poll_status);
  if (!verdict.ok()) return verdict;
  absl::Duration bound = current_;
  current_ =
      std::min(settings_.maximum_interval, current_ * settings_.multiplier);
  return std::max(Jitter(bound, 0.5), server_hint);
}

absl::Duration ExponentialPollingPolicy::MaximumDuration() const {
  return settings_.maximum_duration;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
