// Options of one call, overriding the connection's defaults.

#ifndef CLOUDDESKTOP_CALL_OPTIONS_H_
#define CLOUDDESKTOP_CALL_OPTIONS_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Every method of every client takes one (default: all connection
// defaults). A plain value: cheap to copy except for its metadata.
struct CallOptions {
  // Deadline of each attempt, from its start. Zero: the connection's
  // ConnectionOptions::rpc_timeout (30 s unless set). Every RPC has one.
  absl::Duration timeout = absl::ZeroDuration();
  // Deadline of the whole logical call, retries and backoff included.
  absl::Time deadline = absl::InfiniteFuture();
  // Extra request headers (keys lower-case), sent on every attempt.
  std::vector<std::pair<std::string, std::string>> metadata;
  // The `idempotency-key` of a mutating call. Empty: a fresh UUID per
  // logical call (unless ConnectionOptions::idempotency_keys is off). Give
  // your own to make a call safe to repeat across process restarts. The
  // same key goes out on every retry; idempotent RPCs never send one.
  std::string idempotency_key;
  // Override the connection's retry / backoff policies (prototypes).
  std::shared_ptr<const RetryPolicy> retry_policy;
  std::shared_ptr<const BackoffPolicy> backoff_policy;
  // Override ConnectionOptions::validate_requests for this call.
  std::optional<bool> validate;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CALL_OPTIONS_H_
