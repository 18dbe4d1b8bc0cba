// A LogSink that writes each record as one line of text (to stderr by
// default), and the parser of CLOUDDESKTOP_LOG's value.
//
// Without code: CLOUDDESKTOP_LOG=rpc (every RPC attempt), =wait (every
// operation poll) or =rpc,wait in the environment of a program makes every
// Connections it creates write those lines to stderr, beside any
// ConnectionOptions::log_sink it has. Lines hold method, status, duration,
// peer and ids; never a token, key or request body (anything in a server's
// message that looks like a token is redacted).

#ifndef CLOUDDESKTOP_TEXT_LOG_SINK_H_
#define CLOUDDESKTOP_TEXT_LOG_SINK_H_

#include <iostream>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/log_sink.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The environment variable the library reads when it creates Connections.
inline constexpr absl::string_view kLogEnvVar = "CLOUDDESKTOP_LOG";

// Which records to write.
struct LogComponents {
  bool rpc = false;   // one line per RPC attempt
  bool wait = false;  // one line per operation poll
};

// Parses a comma-separated list of `rpc`, `wait` (or `all`), spaces
// ignored; "" selects nothing. INVALID_ARGUMENT names an unknown component.
absl::StatusOr<LogComponents> ParseLogComponents(absl::string_view spec);

// A sink writing the selected records to `out`, one line each:
//   clouddesktop rpc: DesktopService.Get attempt=1 NOT_FOUND 3.1ms
//     "desktop dsk-1 not found" peer=ipv4:127.0.0.1:50051 x-request-id=...
//   clouddesktop wait: operation op-1 poll=2 OK done=false next=400ms
// (each on one line). Thread-safe: lines from concurrent calls never
// interleave. `out` must outlive the sink. Cost: formats and writes a line
// under a mutex per record; meant for debugging, not for hot paths.
std::shared_ptr<LogSink> MakeTextLogSink(LogComponents components,
                                         std::ostream& out = std::cerr);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_TEXT_LOG_SINK_H_
