// Waiting for an operation from the command line: the library's waiter
// (OperationClient::AwaitOperationAsync), a live progress line on a
// terminal, and Ctrl-C, which stops waiting (or, if asked, cancels the
// operation on the server and waits for its final state).

#ifndef CLI_WAITER_H_
#define CLI_WAITER_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/operation_client.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop::cli {

struct WaitSettings {
  // What the operation does, for the progress line: "DesktopService.Create".
  std::string label;
  // Redraw a progress line on `err` (a terminal) while waiting.
  bool show_progress = false;
  // With show_progress: end with a "<label> <id>: done in 1.2s" line.
  bool final_line = true;
  // Ctrl-C cancels the operation on the server (OperationService.Cancel)
  // and waits for its final state, instead of only stopping the wait.
  bool cancel_on_interrupt = false;
  // The wait ends with DEADLINE_EXCEEDED at this time.
  absl::Time deadline = absl::InfiniteFuture();
  // The command that resumes the wait, without the id
  // ("clouddesktop --endpoint X operations wait"); printed after Ctrl-C and
  // after a wait timeout. Empty: nothing is printed.
  std::string resume_command;
};

struct WaitResult {
  // The operation's final state (done; succeeded, failed or cancelled), or
  // the wait's own error (a poll that failed for good, DEADLINE_EXCEEDED,
  // CANCELLED after Ctrl-C).
  absl::StatusOr<yandex::cloud::operation::Operation> final;
  // Ctrl-C (or SIGTERM) arrived while waiting.
  bool interrupted = false;
  int polls = 0;
  absl::Duration elapsed;
};

// Waits for `op` (only its id is needed). Blocks the calling thread, which
// must not be one of the connection's. On Ctrl-C: without
// cancel_on_interrupt, returns at once with `interrupted` and a message on
// `err` naming the operation and the resume command; with it, asks the
// server to cancel, waits for the final state (a second Ctrl-C stops that
// wait too) and returns it with `interrupted`.
WaitResult WaitForOperation(const OperationClient& client,
                            const yandex::cloud::operation::Operation& op,
                            const WaitSettings& settings, std::ostream& err);

// "1.2s", "350ms", "1m5s": for progress lines and summaries.
std::string ShortDuration(absl::Duration d);

}  // namespace clouddesktop::cli

#endif  // CLI_WAITER_H_
