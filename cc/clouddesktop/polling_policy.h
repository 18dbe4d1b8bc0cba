// How the operation waiter spaces its polls and which poll errors it rides
// out.

#ifndef CLOUDDESKTOP_POLLING_POLICY_H_
#define CLOUDDESKTOP_POLLING_POLICY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
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
  // (zero if it sent none). Returns the delay before the next poll, or the
  // error to end the wait with.
  virtual absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                                absl::Duration server_hint) = 0;
  // The longest one wait may take, from its start.
  virtual absl::Duration MaximumDuration() const = 0;
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
  // A fresh operation may not have reached every replica yet: NOT_FOUND is
  // ridden out this many times, as long as no poll has found the operation
  // yet. Other transient poll errors (UNAVAILABLE, ...) do not use it up;
  // once a poll has found the operation, NOT_FOUND ends the wait.
  int not_found_tolerance = 3;
};

// The default polling policy. The delay is never shorter than the server's
// x-operation-poll-interval. Poll errors UNAVAILABLE, RESOURCE_EXHAUSTED and
// DEADLINE_EXCEEDED (of the poll itself) are transient: the wait goes on
// with the next, backed-off poll. Every other error ends the wait.
class ExponentialPollingPolicy final : public PollingPolicy {
 public:
  // With the default PollingSettings, or the given ones.
  ExponentialPollingPolicy() : ExponentialPollingPolicy(PollingSettings()) {}
  explicit ExponentialPollingPolicy(PollingSettings settings);

  std::unique_ptr<PollingPolicy> clone() const override;
  absl::Duration FirstDelay() override;
  absl::StatusOr<absl::Duration> OnPoll(const absl::Status& poll_status,
                                        absl::Duration server_hint) override;
  absl::Duration MaximumDuration() const override;

  // The settings it was made with.
  const PollingSettings& settings() const { return settings_; }

 private:
  PollingSettings settings_;
  absl::Duration current_;
  int not_found_polls_ = 0;
  // A poll has seen the operation: it is no longer fresh.
  bool found_ = false;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_POLLING_POLICY_H_
