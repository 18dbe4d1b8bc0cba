// A user-supplied sink for one record per RPC attempt and per operation
// poll. MakeTextLogSink (text_log_sink.h) writes them as text; the
// CLOUDDESKTOP_LOG environment variable turns that on without code.

#ifndef CLOUDDESKTOP_LOG_SINK_H_
#define CLOUDDESKTOP_LOG_SINK_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// What one attempt of one RPC did. Holds no secrets: never the authorization
// header, never request or response bodies.
struct AttemptRecord {
  // `Service.Method`, e.g. `DesktopService.Get`.
  std::string method;
  // The server's address as gRPC reports it (e.g. `ipv4:10.0.0.1:443`);
  // empty if the attempt never reached a server.
  std::string peer;
  // 1 for the first attempt of a logical call, 2 for its first retry, ...
  int attempt = 0;
  absl::Time start;         // when the attempt was sent
  absl::Duration duration;  // from sending to its outcome
  // The attempt's outcome as the server (or the transport) reported it.
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string message;  // the error message; empty when OK
  // Sent by the client: fresh per attempt / shared by all attempts of a call.
  std::string client_request_id;
  std::string client_trace_id;
  // Sent on mutating calls; the same on every attempt.
  std::string idempotency_key;
  // Returned by the server (initial metadata or trailers); may be empty.
  std::string request_id;       // x-request-id
  std::string server_trace_id;  // x-server-trace-id
};

// What one poll of an operation wait saw and what the waiter decided. The
// poll's RPC is also an AttemptRecord (OperationService.Get).
struct PollRecord {
  std::string operation_id;  // the operation being waited for
  // 1 for the first poll of this wait, 2 for the next, ...
  int poll = 0;
  // The poll's outcome (OperationService.Get), not the operation's.
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string message;  // the poll's error message; empty when OK
  // The operation has finished: the wait ends with its result.
  bool done = false;
  // The wait goes on and polls again after this long; zero when it ends.
  absl::Duration next_delay;
};

// Receives AttemptRecords and PollRecords. Implementations must be
// thread-safe: Record and RecordPoll are called on the connection's
// threads, possibly concurrently, once per attempt (after it finished) or
// poll. They must not block (they delay other calls' completions).
class LogSink {
 public:
  virtual ~LogSink() = default;
  // One attempt of an RPC, after it finished.
  virtual void Record(const AttemptRecord& record) = 0;
  // Default: polls are not recorded.
  virtual void RecordPoll(const PollRecord& /*record*/) {}
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_LOG_SINK_H_
