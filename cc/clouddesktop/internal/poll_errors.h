// Which poll errors a wait rides out: shared by every polling policy, so
// they differ only in how they space their polls.

#ifndef CLOUDDESKTOP_INTERNAL_POLL_ERRORS_H_
#define CLOUDDESKTOP_INTERNAL_POLL_ERRORS_H_

#include "absl/status/status.h"
#include "clouddesktop/internal/message_size.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The state of one wait. Not thread-safe (one wait, one step at a time).
class PollErrorTolerance {
 public:
  explicit PollErrorTolerance(int not_found_tolerance)
      : not_found_tolerance_(not_found_tolerance) {}

  // OK when the wait goes on after a poll that ended with `poll_status`
  // (OK: the operation is still running); otherwise the error that ends it.
  //  - NOT_FOUND: a fresh operation may not have reached every replica yet;
  //    ridden out `not_found_tolerance` times, but only before any poll has
  //    found the operation (transient errors in between do not count).
  //  - UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED (of the poll
  //    itself): transient; but not an Operation over the client's receive
  //    limit (message_size.h): every poll would get it again.
  //  - CANCELLED: the waiter passes it here only when neither the caller nor
  //    the connection's owner cancelled, i.e. the server cancelled the poll
  //    (as one does while it shuts down): transient too.
  //  - anything else ends the wait.
  absl::Status Check(const absl::Status& poll_status) {
    if (poll_status.ok()) {
      found_ = true;
      return absl::OkStatus();
    }
    switch (poll_status.code()) {
      case absl::StatusCode::kNotFound:
        if (!found_ && ++not_found_polls_ <= not_found_tolerance_) {
          return absl::OkStatus();
        }
        return poll_status;
      case absl::StatusCode::kResourceExhausted:
        if (IsMessageOverLimit(poll_status)) return poll_status;
        return absl::OkStatus();
      case absl::StatusCode::kUnavailable:
      case absl::StatusCode::kDeadlineExceeded:
      case absl::StatusCode::kCancelled:
        return absl::OkStatus();
      default:
        return poll_status;
    }
  }

 private:
  int not_found_tolerance_;
  int not_found_polls_ = 0;
  bool found_ = false;  // a poll has seen the operation: it is not fresh
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_POLL_ERRORS_H_
