// The logging concern of every Stub (see stub_macros.h): one AttemptRecord
// per attempt to the connection's LogSink, on the executor (the sink is
// user code: never on a gRPC thread). Stacked only when there is a sink.
// Records carry ids, codes and messages; never a header value.

#ifndef CLOUDDESKTOP_INTERNAL_LOGGING_DECORATOR_H_
#define CLOUDDESKTOP_INTERNAL_LOGGING_DECORATOR_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/log_sink.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Sends the record of one finished attempt to `sink`.
void LogAttempt(LogSink& sink, const RpcContext& context, absl::Time start,
                absl::Duration duration, const absl::Status& status);

class LoggingConcern {
 public:
  LoggingConcern(std::shared_ptr<LogSink> sink,
                 std::shared_ptr<Executor> executor)
      : sink_(std::move(sink)), executor_(std::move(executor)) {}

  template <typename Response, typename Next>
  void Around(RpcContext& context, StubCallback<Response> done, Next next) {
    context.want_peer = true;
    next(context,
         StubCallback<Response>(
             [sink = sink_, executor = executor_, context = &context,
              start = executor_->clock()->Now(),
              done = std::move(done)](absl::StatusOr<Response> result) mutable {
               executor->Post([sink = std::move(sink), executor, context, start,
                               done = std::move(done),
                               result = std::move(result)]() mutable {
                 LogAttempt(*sink, *context, start,
                            executor->clock()->Now() - start, result.status());
                 std::move(done)(std::move(result));
               });
             }));
  }

 private:
  std::shared_ptr<LogSink> sink_;
  std::shared_ptr<Executor> executor_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_LOGGING_DECORATOR_H_
