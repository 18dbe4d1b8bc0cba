// How long to wait before retrying a failed attempt.

#ifndef CLOUDDESKTOP_BACKOFF_POLICY_H_
#define CLOUDDESKTOP_BACKOFF_POLICY_H_

#include <memory>

#include "absl/time/time.h"
#include "clouddesktop/internal/backoff.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// A prototype cloned for every logical call (see RetryPolicy).
//
// Thread safety: clone() is const and may be called concurrently; a clone
// is used by one call at a time.
class BackoffPolicy {
 public:
  virtual ~BackoffPolicy() = default;
  // A fresh policy with the same settings and no history.
  virtual std::unique_ptr<BackoffPolicy> clone() const = 0;
  // The delay before the next attempt; called once per failed attempt.
  virtual absl::Duration OnCompletion() = 0;
};

// Exponential backoff with full jitter: the n-th delay is uniform in
// [0, min(maximum_delay, initial_delay * multiplier^(n-1))]. Full jitter
// spreads the retries of many clients that failed together (AWS's
// "Exponential Backoff And Jitter"). Defaults: 100 ms, 5 s, 2.
class ExponentialBackoffPolicy final : public BackoffPolicy {
 public:
  // The delays as described above; `multiplier` is at least 1.
  explicit ExponentialBackoffPolicy(
      absl::Duration initial_delay = absl::Milliseconds(100),
      absl::Duration maximum_delay = absl::Seconds(5), double multiplier = 2.0);

  std::unique_ptr<BackoffPolicy> clone() const override;
  absl::Duration OnCompletion() override;

  // The constructor's arguments.
  absl::Duration initial_delay() const { return backoff_.settings().initial; }
  absl::Duration maximum_delay() const { return backoff_.settings().maximum; }
  double multiplier() const { return backoff_.settings().multiplier; }

 private:
  internal::Backoff backoff_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_BACKOFF_POLICY_H_
