#include "clouddesktop/polling_policy.h"

#include <algorithm>

#include "clouddesktop/internal/backoff.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

absl::Duration NonNegative(absl::Duration d) {
  return std::max(d, absl::ZeroDuration());
}

// Uniform in [(1 - jitter) * upper, upper] (the library's one backoff).
absl::Duration Jitter(absl::Duration upper, double jitter) {
  return internal::JitterBelow(upper, jitter);
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
    : settings_(settings),
      // Half jitter: [bound / 2, bound].
      backoff_({settings.initial_interval, settings.maximum_interval,
                settings.multiplier, 0.5}),
      errors_(settings.not_found_tolerance) {
  settings_.first_delay = NonNegative(settings_.first_delay);
  settings_.initial_interval = backoff_.settings().initial;
  settings_.maximum_interval = backoff_.settings().maximum;
  settings_.multiplier = backoff_.settings().multiplier;
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
  return std::max(backoff_.Next(), server_hint);
}

absl::Duration ExponentialPollingPolicy::MaximumDuration() const {
  return settings_.maximum_duration;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
