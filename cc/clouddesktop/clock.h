// The time source of the library: the call path's deadlines, backoff and
// timers, the operation waiter, and the credential providers (when a cached
// token is due for refresh, when it expires, the `iat` of service-account
// JWTs). Tests inject a fake one to move time without sleeping
// (ConnectionOptions::clock, CredentialsOptions::clock).

#ifndef CLOUDDESKTOP_CLOCK_H_
#define CLOUDDESKTOP_CLOCK_H_

#include <memory>

#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Thread safety: Now is called concurrently from any thread. Cost: it is
// called once per GetToken, so it should be cheap.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current time.
  virtual absl::Time Now() const = 0;
};

// absl::Now(). A process-wide instance; never null.
std::shared_ptr<const Clock> SystemClock();

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CLOCK_H_
