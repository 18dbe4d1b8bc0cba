// The one backoff of the library: exponential growth of a bound, capped,
// with an optional jitter below it. The retry loop's
// ExponentialBackoffPolicy, the polling policies, the credentials' refresh
// and the metadata client all compute their delays here.

#ifndef CLOUDDESKTOP_INTERNAL_BACKOFF_H_
#define CLOUDDESKTOP_INTERNAL_BACKOFF_H_

#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Uniform in [(1 - jitter) * upper, upper] (`jitter` in [0, 1]: 0 is no
// jitter, 1 is full jitter, [0, upper]). Zero or less: `upper` as it is.
absl::Duration JitterBelow(absl::Duration upper, double jitter);

// The delays initial, initial * multiplier, ... capped at maximum, each
// jittered by JitterBelow. Not thread-safe: one per logical call, wait or
// fetch.
class Backoff {
 public:
  struct Settings {
    absl::Duration initial = absl::Milliseconds(100);
    absl::Duration maximum = absl::Seconds(5);
    double multiplier = 2.0;  // at least 1
    double jitter = 0.0;      // see JitterBelow
  };

  explicit Backoff(Settings settings);

  // The next delay; the bound then grows.
  absl::Duration Next();
  // The bound the next Next() is drawn under.
  absl::Duration bound() const { return current_; }
  // Back to the initial bound (after a success).
  void Reset() { current_ = settings_.initial; }
  const Settings& settings() const { return settings_; }

 private:
  Settings settings_;
  absl::Duration current_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_BACKOFF_H_
