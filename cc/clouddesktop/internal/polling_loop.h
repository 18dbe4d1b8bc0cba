// The operation waiter: polls OperationService.Get on the connection's
// executor until the operation is done, the wait's deadline passes, the
// polling policy gives up, or the wait is cancelled. No thread waits: each
// pending poll is a timer, each poll an async call.

#ifndef CLOUDDESKTOP_INTERNAL_POLLING_LOOP_H_
#define CLOUDDESKTOP_INTERNAL_POLLING_LOOP_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/await_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/polling_policy.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The server's hint on when to poll next (a response header of
// OperationService.Get); only the waiter reads it.
inline constexpr char kPollIntervalHeader[] = "x-operation-poll-interval";

// Parses x-operation-poll-interval: integer seconds (what the service and
// the Go SDK use), decimal seconds, or an absl duration ("500ms"); zero if
// it is none of those.
absl::Duration ParsePollInterval(absl::string_view value);

// Where a wait counts the operation's age from: `op`'s created_at when set
// and not after `start` (the wait's start), else `start`. Pure.
absl::Time AgeOrigin(const operation::Operation& op, absl::Time start);

// Each poll is one call of the retry loop (async_retry_loop.h) over the
// OperationStub, with a single attempt: the polling policy, not the retry
// policy, rides out transient errors, and it owns the server's hint.
class PollLoop final : public Cancellable,
                       public std::enable_shared_from_this<PollLoop> {
 public:
  // The future gets the operation's final (done) state, whether it
  // succeeded or failed, or the error that ended the wait (carrying
  // kWaitIncompletePayloadUrl): the policy's verdict on a poll error,
  // DEADLINE_EXCEEDED, or CANCELLED. An operation
  // already done is returned as it is, without a poll.
  static Future<absl::StatusOr<operation::Operation>> Start(
      std::shared_ptr<Transport> transport,
      std::shared_ptr<CallRegistry> registry, operation::Operation op,
      const AwaitOptions& options);

  void Cancel(Reason reason) override;

 private:
  PollLoop(std::shared_ptr<Transport> transport,
           std::shared_ptr<CallRegistry> registry, operation::Operation op,
           const AwaitOptions& options);

  static void Schedule(std::shared_ptr<PollLoop> self, absl::Duration delay);
  static void Poll(std::shared_ptr<PollLoop> self);
  static void OnPoll(std::shared_ptr<PollLoop> self,
                     absl::StatusOr<operation::Operation> result,
                     const AttemptInfo& info);
  static void Finish(std::shared_ptr<PollLoop> self,
                     absl::StatusOr<operation::Operation> result);
  absl::Status CancelledError();
  absl::Status DeadlineError() const;
  // One PollRecord to the connection's log sink, if it has one.
  void LogPoll(const absl::StatusOr<operation::Operation>& result,
               absl::Duration next_delay) const;

  // First member: destroyed last (see CallRegistry::Entry).
  CallRegistry::Entry entry_;
  const std::shared_ptr<Transport> transport_;
  const std::shared_ptr<CallRegistry> registry_;
  const AwaitOptions options_;
  const std::string id_;
  const absl::Time start_;
  // Where the operation's age counts from (PollingPolicy::OnPoll): its
  // created_at if the server set one no later than start_, else start_.
  const absl::Time origin_;
  // Touched by one step of the wait at a time (handed over through the
  // executor's lock).
  std::unique_ptr<PollingPolicy> policy_;
  absl::Time deadline_;
  int polls_ = 0;
  Promise<absl::StatusOr<operation::Operation>> promise_;

  internal::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  Reason reason_ ABSL_GUARDED_BY(mu_) = Reason::kCaller;
  Executor::TimerId timer_ ABSL_GUARDED_BY(mu_);
  std::weak_ptr<RetryLoopBase> poll_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_POLLING_LOOP_H_
