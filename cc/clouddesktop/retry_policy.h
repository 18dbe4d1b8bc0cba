// Which failed attempts of an RPC are tried again.

#ifndef CLOUDDESKTOP_RETRY_POLICY_H_
#define CLOUDDESKTOP_RETRY_POLICY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// A prototype: the connection clones it for every logical call, and the
// clone sees that call's failures. Only idempotent RPCs (Get, List*,
// GetRdpFile, OperationService.Get) and mutating RPCs that carry an
// idempotency key are retried at all; the policy decides which failures and
// how many.
//
// Thread safety: clone() is const and may be called concurrently; a clone
// is used by one call at a time. Cost: clone() is one small allocation.
class RetryPolicy {
 public:
  virtual ~RetryPolicy() = default;
  // A fresh policy with the same settings and no history.
  virtual std::unique_ptr<RetryPolicy> clone() const = 0;
  // Records a failed attempt; true if the call may be attempted again.
  virtual bool OnFailure(const absl::Status& status) = 0;
};

// The default policy: retries UNAVAILABLE and RESOURCE_EXHAUSTED (the only
// codes that say "nothing happened, try later"; not a RESOURCE_EXHAUSTED of
// gRPC's message size limits, e.g. a response over
// ConnectionOptions::max_response_bytes, which no attempt can pass), at most
// `maximum_failures` times (default 5, so 6 attempts) and only while less
// than `maximum_duration` (default 60 s) has passed since the call started.
// The per-call deadline (CallOptions::deadline) bounds it further.
class LimitedRetryPolicy final : public RetryPolicy {
 public:
  // The limits described above.
  explicit LimitedRetryPolicy(
      int maximum_failures = 5,
      absl::Duration maximum_duration = absl::Seconds(60));

  std::unique_ptr<RetryPolicy> clone() const override;
  bool OnFailure(const absl::Status& status) override;

  // The constructor's arguments.
  int maximum_failures() const { return maximum_failures_; }
  absl::Duration maximum_duration() const { return maximum_duration_; }

  // True for the codes this policy retries.
  static bool IsTransient(const absl::Status& status);

 private:
  int maximum_failures_;
  absl::Duration maximum_duration_;
  absl::Time start_;
  int failures_ = 0;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_RETRY_POLICY_H_
