// How the operation waiter spaces its polls and which poll errors it rides
// out.

#ifndef CLOUDDESKTOP_POLLING_POLICY_H_
#define CLOUDDESKTOP_POLLING_POLICY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/backoff.h"
#include "clouddesktop/internal/poll_errors.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// A prototype cloned for every wait; the clone sees that wait's polls.
//
// Thread safety: clone() is const and may be called concurrently; a clone
// is used by one wait at a time.
class PollingPolicy {
 public:
  virtual ~PollingPolicy() = default;
  // A fresh policy with the same settings and no history.
  virtual std::unique_ptr<PollingPolicy> clone() const = 0;
  // The delay before the first poll.
  virtual absl::Duration FirstDelay() = 0;
  // Called after every poll that did not end the wait. `poll_status` is OK
  // when the poll worked and the operation is still running, otherwise the
  // poll's own error. `server_hint` is the server's x-operation-poll-interval
  // (zero if it sent none); `age` is how long the wait has been running
  // when the poll's answer came. Returns the delay before the next poll, or
  // the error to end the wait with.
  virtual absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                                absl::Duration server_hint,
                                                absl::Duration age) = 0;
  // The longest one wait may take, from its start.
  virtual absl::Duration MaximumDuration() const = 0;
};

// Every policy below rides out the same poll errors: UNAVAILABLE,
// RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED (of the poll itself), CANCELLED
// of a poll that neither the caller nor the connection's owner cancelled
// (the server cancelled it, e.g. while shutting down), and NOT_FOUND up to
// `not_found_tolerance` times before any poll has found the operation (a
// fresh operation may not have reached every replica yet; transient errors
// in between do not count; once found, NOT_FOUND ends the wait). Every other
// error ends the wait. No delay is ever shorter than the server's
// x-operation-poll-interval.

// Settings of ProportionalPollingPolicy, with its defaults.
struct ProportionalPollingSettings {
  // The delay before the first poll (a fresh operation is rarely done at
  // once).
  absl::Duration first_delay = absl::Milliseconds(800);
  // After a poll at wait age `a`, the next comes after
  //   u(a) = clamp(a * age_fraction, minimum_interval, maximum_interval),
  // drawn uniformly from [(1 - jitter) * u(a), u(a)] (jitter, so that many
  // waits do not poll in lockstep). The first delay is jittered alike.
  double age_fraction = 0.25;
  absl::Duration minimum_interval = absl::Seconds(1);
  absl::Duration maximum_interval = absl::Seconds(9);
  double jitter = 0.1;  // in [0, 1)
  // The whole wait ends with DEADLINE_EXCEEDED after this long.
  absl::Duration maximum_duration = absl::Hours(1);
  int not_found_tolerance = 3;
};

// The default polling policy: the next poll is never later than a quarter of
// the time the wait has been running, within a floor (1 s) and a cap (9 s).
// Lag (from the operation's end until a poll sees it) and poll count are
// then bounded for an operation of any duration D (measured from the start
// of the wait, server hint absent; add one poll round trip to the lag):
//
//   lag(D)   <= clamp(D / 4, 1 s, 9 s)          (D >= 0.8 s)
//   polls(D) <= 1 + ceil((min(D, 4 s) - 0.72 s) / 0.9 s)
//                 + ceil(ln(min(D, 36 s) / 4 s) / ln 1.225)   (if D > 4 s)
//                 + ceil((D - 36 s) / 8.1 s)                  (if D > 36 s)
//
// Why: a finished operation is seen by the first poll after its end, and
// that poll follows one before the end (age a < D) by at most u(a) <= u(D).
// Below 4 s of age the delay is the floor (>= 0.9 s with jitter); from 4 s
// to 36 s each delay is >= 0.9 * a / 4, so ages grow by >= 1.225x per poll;
// from 36 s on the delay is >= 8.1 s. The "1 +" is the poll that sees done.
//
//   D        2 s   10 s   60 s   300 s
//   lag <=   1 s  2.5 s    9 s     9 s
//   polls <=   3     10     19      49   (a fixed 1 s interval: ~D + 1)
//
// The waiter ends every delay on a 100 ms slot boundary (so the polls of
// many waits go out in batches), which adds less than 0.1 s to the lag.
//
// Cost per wait: its parked state (a timer) between polls; see
// BENCHMARKS.md for measured figures.
class ProportionalPollingPolicy final : public PollingPolicy {
 public:
  ProportionalPollingPolicy()
      : ProportionalPollingPolicy(ProportionalPollingSettings()) {}
  // Out-of-range settings are clamped: negative durations to zero,
  // maximum_interval to at least minimum_interval, jitter into [0, 0.99],
  // age_fraction to at least 0.
  explicit ProportionalPollingPolicy(ProportionalPollingSettings settings);

  std::unique_ptr<PollingPolicy> clone() const override;
  absl::Duration FirstDelay() override;
  absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                        absl::Duration server_hint,
                                        absl::Duration age) override;
  absl::Duration MaximumDuration() const override;

  // u(age) above: the delay before jitter and the server hint. Pure.
  absl::Duration UpperDelay(absl::Duration age) const;

  // The settings in use, after clamping.
  const ProportionalPollingSettings& settings() const { return settings_; }

 private:
  absl::Duration Jittered(absl::Duration upper) const;

  ProportionalPollingSettings settings_;
  internal::PollErrorTolerance errors_;
};

// Settings of FixedIntervalPollingPolicy, with its defaults.
struct FixedIntervalPollingSettings {
  // Every delay, the first one included: the official SDKs poll once a
  // second (Yandex's Python SDK also polls once at the start: one poll more
  // than this, so comparisons against this policy are conservative).
  // Lag <= interval; polls ~ D / interval (+ 1 when the phase is unlucky).
  absl::Duration interval = absl::Seconds(1);
  // Each delay drawn from [(1 - jitter) * interval, interval]; 0: none.
  double jitter = 0.0;
  absl::Duration maximum_duration = absl::Hours(1);
  int not_found_tolerance = 3;
};

// Polls at a fixed interval: the reference the default is measured against,
// and a choice for callers who want a constant lag whatever the cost.
class FixedIntervalPollingPolicy final : public PollingPolicy {
 public:
  FixedIntervalPollingPolicy()
      : FixedIntervalPollingPolicy(FixedIntervalPollingSettings()) {}
  // Out-of-range settings are clamped: a negative interval to zero, jitter
  // into [0, 0.99].
  explicit FixedIntervalPollingPolicy(FixedIntervalPollingSettings settings);

  std::unique_ptr<PollingPolicy> clone() const override;
  absl::Duration FirstDelay() override;
  absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                        absl::Duration server_hint,
                                        absl::Duration age) override;
  absl::Duration MaximumDuration() const override;

  // The settings in use, after clamping.
  const FixedIntervalPollingSettings& settings() const { return settings_; }

 private:
  absl::Duration Next() const;

  FixedIntervalPollingSettings settings_;
  internal::PollErrorTolerance errors_;
};

// Settings of ExponentialPollingPolicy, with its defaults.
struct PollingSettings {
  // The first poll goes out at once, like the Go SDK's: an operation that
  // finishes fast is seen fast.
  absl::Duration first_delay = absl::ZeroDuration();
  // Later polls back off exponentially from `initial_interval` by
  // `multiplier` up to `maximum_interval`; each delay is drawn uniformly
  // from [d/2, d] (jitter, so many waits do not poll in lockstep).
  absl::Duration initial_interval = absl::Milliseconds(100);
  double multiplier = 2.0;
  absl::Duration maximum_interval = absl::Seconds(10);
  // The whole wait ends with DEADLINE_EXCEEDED after this long.
  absl::Duration maximum_duration = absl::Hours(1);
  int not_found_tolerance = 3;
};

// Exponential backoff by poll count (the default before 0.2.0). Its lag
// grows with the number of polls rather than the operation's age: a poll
// that lands just before the end waits a whole doubled interval (up to
// 2.5x the ideal wall time for a 2 s operation, with more polls than a
// fixed 1 s interval). Fast operations (well under a second) are seen
// sooner than with the default.
class ExponentialPollingPolicy final : public PollingPolicy {
 public:
  // With the default PollingSettings, or the given ones.
  ExponentialPollingPolicy() : ExponentialPollingPolicy(PollingSettings()) {}
  explicit ExponentialPollingPolicy(PollingSettings settings);

  std::unique_ptr<PollingPolicy> clone() const override;
  absl::Duration FirstDelay() override;
  absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                        absl::Duration server_hint,
                                        absl::Duration age) override;
  absl::Duration MaximumDuration() const override;

  // The settings it was made with.
  const PollingSettings& settings() const { return settings_; }

 private:
  PollingSettings settings_;
  internal::Backoff backoff_;
  internal::PollErrorTolerance errors_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_POLLING_POLICY_H_
