// Waiting for an operation from the command line: the library's waiter
// (OperationClient::AwaitOperationAsync), a live progress line on a
// terminal, and Ctrl-C, which stops waiting (or, if asked, cancels the
// operation on the server and waits for its final state).

#ifndef CLOUDDESKTOP_CLI_WAITER_H_
#define CLOUDDESKTOP_CLI_WAITER_H_

#include <atomic>
#include <functional>
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
  // Ctrl-C came while the call that started `op` was answered
  // (AwaitStart): handle it as if it came during the wait.
  bool interrupted_before_start = false;
  // A flag set elsewhere (by an outer InterruptScope's handler, say) that
  // counts as Ctrl-C once set; checked about every 100ms (every second
  // without show_progress). Null: none.
  const std::atomic<bool>* interrupt_flag = nullptr;
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

// How the call that starts an operation ended (AwaitStart).
enum class StartOutcome {
  kAnswered,     // the answer came
  kInterrupted,  // Ctrl-C came first, then the answer
  kAbandoned,    // a second Ctrl-C: given up without the answer
};

// Waits for the answer of the call that starts an operation, calling
// `wait_for(tick)` (true once the answer is there) in a loop. With
// show_progress, a "<label>: calling 1.2s" line shows once the call takes
// a while. The first Ctrl-C only prints a note: the answer names the
// operation, which the caller then reports (with the resume command) or
// cancels. A second Ctrl-C gives up at once (the operation may still start
// on the server; nothing names it). No code runs in the signal handler but
// setting a flag; everything is written from the calling thread.
StartOutcome AwaitStart(const std::function<bool(absl::Duration)>& wait_for,
                        const WaitSettings& settings, std::ostream& err);

// "1.2s", "350ms", "1m5s": for progress lines and summaries.
std::string ShortDuration(absl::Duration d);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_WAITER_H_
