#include "clouddesktop/retry_policy.h"

#include "absl/time/clock.h"
#include "clouddesktop/internal/message_size.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

LimitedRetryPolicy::LimitedRetryPolicy(int maximum_failures,
                                       absl::Duration maximum_duration)
    : maximum_failures_(maximum_failures),
      maximum_duration_(maximum_duration),
      start_(absl::Now()) {}

std::unique_ptr<RetryPolicy> LimitedRetryPolicy::clone() const {
  return std::make_unique<LimitedRetryPolicy>(maximum_failures_,
                                              maximum_duration_);
}

bool LimitedRetryPolicy::OnFailure(const absl::Status& status) {
  if (!IsTransient(status)) return false;
  ++failures_;
  if (failures_ > maximum_failures_) return false;
  return absl::Now() - start_ < maximum_duration_;
}

bool LimitedRetryPolicy::IsTransient(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable ||
         (status.code() == absl::StatusCode::kResourceExhausted &&
          !internal::IsMessageOverLimit(status));
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
