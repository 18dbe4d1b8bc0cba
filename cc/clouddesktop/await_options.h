// Options of one wait for an operation.

#ifndef CLOUDDESKTOP_AWAIT_OPTIONS_H_
#define CLOUDDESKTOP_AWAIT_OPTIONS_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/polling_policy.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// A plain value; every field is optional.
struct AwaitOptions {
  // Overrides ConnectionOptions::polling_policy (a prototype, cloned per
  // wait). This is where a caller trades lag for polls: the default
  // ProportionalPollingPolicy sees a finished operation within 23% of
  // its age (0.85 s to 9.5 s); e.g. ProportionalPollingSettings with
  // age_fraction = 0.1 and maximum_interval = 3 s bounds the lag by 3 s at
  // about twice the polls from a minute on (37 instead of 20 for 60 s),
  // FixedIntervalPollingPolicy keeps it constant at a poll per interval
  // (polling_policy.h gives lag and polls as functions of the duration).
  std::shared_ptr<const PollingPolicy> polling_policy;
  // The wait ends with DEADLINE_EXCEEDED at this time or after the
  // policy's MaximumDuration, whichever comes first.
  absl::Time deadline = absl::InfiniteFuture();
  // Sees every poll: the operation's state (typed metadata with
  // OperationMetadata<M>(op), for progress bars) or the poll's error. Runs
  // on a connection thread; must not block.
  std::function<void(
      const absl::StatusOr<yandex::cloud::operation::Operation>&)>
      on_poll;
  // Options of each poll (OperationService.Get): timeout per poll, extra
  // metadata. Its retry fields are ignored: the polling policy decides.
  CallOptions poll_options;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_AWAIT_OPTIONS_H_
