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
  // (zero if it sent none); `age` is how long the operation has been running
  // when the poll's answer came: from its `created_at` when the server set
  // one no later than the wait's start (a resumed wait of an old operation
  // starts old), otherwise from the start of the wait. Returns the delay
  // before the next poll, or the error to end the wait with.
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
  absl::Duration first_delay = absl::Milliseconds(1200);
  // After a poll at operation age `a` (PollingPolicy::OnPoll), the next
  // comes after
  //   u(a) = clamp(a * age_fraction, minimum_interval, maximum_interval),
  // drawn uniformly from [(1 - jitter) * u(a), u(a)] (jitter, so that many
  // waits do not poll in lockstep). The first delay is jittered alike.
  double age_fraction = 0.23;
  absl::Duration minimum_interval = absl::Milliseconds(850);
  absl::Duration maximum_interval = absl::Milliseconds(9500);
  double jitter = 0.1;  // in [0, 1)
  // The whole wait ends with DEADLINE_EXCEEDED after this long.
  absl::Duration maximum_duration = absl::Hours(1);
  int not_found_tolerance = 3;
};

// The default polling policy: the next poll is never later than 23% of the
// operation's age (PollingPolicy::OnPoll), within a floor (0.85 s) and a cap
// (9.5 s). Lag (from the operation's end until the answer of the poll that
// sees it) and poll count are then bounded for an operation of any duration
// D (server hint absent, the clocks of client and server agreeing):
//
//   lag(D)   <= clamp(0.23 D, 0.85 s, 9.5 s) + 0.1 s + one round trip
//               (once the first poll is out: 1.2 s after the wait's start)
//   polls(D) <= 1 + ceil((min(D, 3.7 s) - 1.08 s) / 0.765 s)
//                 + ceil(ln(min(D, 41.3 s) / 3.7 s) / ln 1.207)  (D > 3.7 s)
//                 + ceil((D - 41.3 s) / 8.55 s)                   (D > 41.3 s)
//
// Why: a finished operation is seen by the first poll after its end, and
// that poll follows one before the end (age a < D) by at most u(a) <= u(D),
// plus the waiter's 100 ms slot (it ends every delay on a slot boundary, so
// that the polls of many waits go out in batches). Below 3.7 s of age the
// delay is the floor (>= 0.765 s with jitter); from 3.7 s to 41.3 s each
// delay is >= 0.9 * 0.23 a, so ages grow by >= 1.207x per poll; from 41.3 s
// on the delay is >= 8.55 s. The "1 +" is the poll that sees done. The worst
// case (every delay at its jittered minimum, no slot), on virtual time:
//
//   D        2 s    10 s    60 s    300 s
//   lag <=  0.95 s  2.4 s   9.6 s   9.6 s   (+ one round trip)
//   polls <=   3      10      20       48   (a fixed 1 s interval: ~D)
//
// Why these numbers: the floor keeps the lag of a 2 s operation under 1 s
// with the slot and a round trip (with a 1 s floor the slot alone made it
// 1.1 s); the first poll at 1.2 s and the fraction pay for it, so that
// polls stay within a fixed 1 s interval's from 2 s on, and a third or a
// sixth of them at 60 s and 300 s.
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
