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
  // wait).
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
