#include "clouddesktop/cli/waiter.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clouddesktop/cli/interrupts.h"
#include "clouddesktop/cli/output.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/status_details.h"

namespace clouddesktop::cli {
namespace {

using ::yandex::cloud::operation::Operation;

constexpr char kClearLine[] = "\r\033[K";

// What the polls have seen so far; written by on_poll on a connection
// thread, read by the drawing thread.
struct Progress {
  internal::Mutex mu;
  int polls ABSL_GUARDED_BY(mu) = 0;
  std::string metadata ABSL_GUARDED_BY(mu);
  std::string poll_error ABSL_GUARDED_BY(mu);  // the last poll's code
  // Failed polls since the last good one; the last one's status; when the
  // first of them came.
  int failed_in_row ABSL_GUARDED_BY(mu) = 0;
  absl::Status last_failure ABSL_GUARDED_BY(mu);
  absl::Time first_failure ABSL_GUARDED_BY(mu);
  // The drawing thread's: at how many failures in a row it next says so
  // (doubling), and whether it said so since the last good poll.
  int next_report ABSL_GUARDED_BY(mu) = 0;
  bool reported ABSL_GUARDED_BY(mu) = false;
};

// After this many failed polls in a row a wait says so on stderr, then
// again at twice as many, and so on: a server that went away is noticed
// whatever the terminal, without a line per poll.
constexpr int kFailedPollsReported = 3;

// A failed poll's status for a message: the library's message names the
// method and the code already.
std::string LastFailure(const absl::Status& status) {
  std::string code = absl::StatusCodeToString(status.code());
  if (absl::StrContains(status.message(), code)) {
    return std::string(status.message());
  }
  return absl::StrCat(code, ": ", status.message());
}

// Says on `err` (terminal or not) that polls keep failing, or that they
// work again after that was said. From the waiting thread only.
void ReportPollFailures(const std::string& what, Progress& progress,
                        bool on_terminal, std::ostream& err) {
  std::string line;
  {
    internal::MutexLock lock(&progress.mu);
    if (progress.failed_in_row == 0) {
      if (progress.reported) {
        line = absl::StrCat("clouddesktop: ", what,
                            ": polls succeed again; still waiting");
        progress.reported = false;
      }
      progress.next_report = kFailedPollsReported;
    } else {
      if (progress.next_report == 0) {
        progress.next_report = kFailedPollsReported;
      }
      if (progress.failed_in_row >= progress.next_report) {
        line = absl::StrCat(
            "clouddesktop: ", what, ": ", progress.failed_in_row,
            " polls in a row failed over ",
            ShortDuration(absl::Now() - progress.first_failure),
            " (last: ", LastFailure(progress.last_failure),
            "); still polling: --wait-timeout bounds the wait, Ctrl-C stops "
            "it");
        progress.next_report = progress.failed_in_row * 2;
        progress.reported = true;
      }
    }
  }
  if (line.empty()) return;
  if (on_terminal) err << kClearLine;
  err << line << "\n" << std::flush;
}

int TerminalWidth() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 10) {
    return size.ws_col;
  }
  return 80;
}

// `what` is "<label> <operation id>". A failing poll must stay visible on
// an 80-column terminal: it comes right after the elapsed time, and if the
// line is still too wide the label goes (the id stays).
void Draw(const std::string& what, absl::Duration elapsed, Progress& progress,
          int frame, std::ostream& err) {
  static constexpr char kSpinner[] = {'|', '/', '-', '\\'};
  size_t width = static_cast<size_t>(TerminalWidth() - 1);
  std::string line;
  {
    internal::MutexLock lock(&progress.mu);
    std::string failing =
        progress.poll_error.empty()
            ? ""
            : absl::StrCat(", last poll: ", progress.poll_error);
    std::string rest =
        absl::StrCat(": running ", ShortDuration(elapsed), failing, ", ",
                     progress.polls, progress.polls == 1 ? " poll" : " polls");
    if (!progress.metadata.empty()) {
      absl::StrAppend(&rest, ", ", progress.metadata);
    }
    std::string head = what;
    if (!failing.empty() && 2 + head.size() + rest.size() > width) {
      head = head.substr(head.rfind(' ') + 1);  // the operation id
    }
    line = absl::StrCat(std::string(1, kSpinner[frame % 4]), " ", head, rest);
  }
  if (line.size() > width) line = line.substr(0, width - 3) + "...";
  err << kClearLine << line << std::flush;
}

AwaitOptions MakeAwaitOptions(const WaitSettings& settings,
                              std::shared_ptr<Progress> progress) {
  AwaitOptions options;
  options.deadline = settings.deadline;
  options.on_poll = [progress](const absl::StatusOr<Operation>& op) {
    std::string metadata;
    if (op.ok() && op->has_metadata()) {
      std::unique_ptr<google::protobuf::Message> unpacked =
          UnpackAnyMessage(op->metadata());
      if (unpacked) metadata = ToOneLine(*unpacked);
    }
    internal::MutexLock lock(&progress->mu);
    ++progress->polls;
    if (op.ok()) {
      progress->poll_error.clear();
      progress->failed_in_row = 0;
      if (!metadata.empty()) progress->metadata = std::move(metadata);
    } else {
      progress->poll_error = absl::StatusCodeToString(op.status().code());
      if (progress->failed_in_row++ == 0) progress->first_failure = absl::Now();
      progress->last_failure = op.status();
    }
  };
  return options;
}

template <typename T>
struct Stage {
  T value;
  bool interrupted = false;
};

// Waits for `future`, drawing progress; Ctrl-C cancels the future.
template <typename T>
Stage<T> RunStage(Future<T> future, const std::string& what,
                  const WaitSettings& settings, Progress& progress,
                  absl::Time start, std::ostream& err) {
  std::atomic<bool> interrupted{false};
  {
    // Future::Cancel may race with WaitFor: both only read the future.
    InterruptScope scope([&interrupted, &future](int) {
      interrupted = true;
      future.Cancel();
    });
    // 100 ms with or without a terminal: failed polls are counted as they
    // come (a tick slower than the polls would first report "4 in a row").
    const absl::Duration tick = absl::Milliseconds(100);
    int frame = 0;
    while (!future.WaitFor(tick)) {
      if (settings.interrupt_flag != nullptr &&
          settings.interrupt_flag->load() && !interrupted.exchange(true)) {
        future.Cancel();
      }
      ReportPollFailures(what, progress, settings.show_progress, err);
      if (settings.show_progress) {
        Draw(what, absl::Now() - start, progress, frame++, err);
      }
    }
  }
  Stage<T> stage{future.Get(), interrupted.load()};
  if (settings.show_progress) err << kClearLine << std::flush;
  return stage;
}

}  // namespace

StartOutcome AwaitStart(const std::function<bool(absl::Duration)>& wait_for,
                        const WaitSettings& settings, std::ostream& err) {
  std::atomic<int> signals{0};
  InterruptScope scope([&signals](int) { ++signals; });
  // The progress line shows only for a slow answer: no flicker otherwise.
  constexpr absl::Duration kQuiet = absl::Milliseconds(300);
  absl::Time start = absl::Now();
  bool noted = false;
  bool drawn = false;
  int frame = 0;
  StartOutcome outcome = StartOutcome::kAnswered;
  while (!wait_for(absl::Milliseconds(100))) {
    int seen = signals.load();
    if (seen >= 2) {
      outcome = StartOutcome::kAbandoned;
      break;
    }
    if (seen == 1 && !noted) {
      if (drawn) err << kClearLine;
      err << "interrupted: waiting for the answer of " << settings.label
          << ", which names the operation (Ctrl-C again to quit without "
             "it)\n"
          << std::flush;
      noted = true;
      drawn = false;
    }
    absl::Duration elapsed = absl::Now() - start;
    if (settings.show_progress && elapsed >= kQuiet) {
      static constexpr char kSpinner[] = {'|', '/', '-', '\\'};
      err << kClearLine << kSpinner[frame++ % 4] << " " << settings.label
          << ": calling " << ShortDuration(elapsed) << std::flush;
      drawn = true;
    }
  }
  if (drawn) err << kClearLine << std::flush;
  if (outcome == StartOutcome::kAbandoned) {
    err << "interrupted again: stopped without the answer of " << settings.label
        << "; the operation may still start on the server\n";
    return outcome;
  }
  return signals.load() > 0 ? StartOutcome::kInterrupted
                            : StartOutcome::kAnswered;
}

std::string ShortDuration(absl::Duration d) {
  if (d < absl::Seconds(1)) {
    return absl::StrCat(absl::ToInt64Milliseconds(d), "ms");
  }
  if (d < absl::Minutes(1)) {
    return absl::StrFormat("%.1fs", absl::ToDoubleSeconds(d));
  }
  int64_t seconds = absl::ToInt64Seconds(d);
  return absl::StrCat(seconds / 60, "m", seconds % 60, "s");
}

WaitResult WaitForOperation(const OperationClient& client, const Operation& op,
                            const WaitSettings& settings, std::ostream& err) {
  auto progress = std::make_shared<Progress>();
  absl::Time start = absl::Now();
  std::string what = absl::StrCat(settings.label, " ", op.id());
  std::string resume =
      settings.resume_command.empty()
          ? ""
          : absl::StrCat("resume waiting with: ", settings.resume_command, " ",
                         op.id(), "\n");

  Stage<absl::StatusOr<Operation>> stage;
  if (settings.interrupted_before_start) {
    stage.value = op;
    stage.interrupted = true;
  } else {
    stage = RunStage(
        client.AwaitOperationAsync(op, MakeAwaitOptions(settings, progress)),
        what, settings, *progress, start, err);
  }
  WaitResult result;
  result.final = std::move(stage.value);
  // Ctrl-C after the operation finished changes nothing.
  result.interrupted =
      stage.interrupted && !(result.final.ok() && result.final->done());
  auto finish = [&]() {
    result.elapsed = absl::Now() - start;
    internal::MutexLock lock(&progress->mu);
    result.polls = progress->polls;
    return result;
  };

  if (!result.interrupted) {
    if (!result.final.ok() &&
        IncompleteWaitOperationId(result.final.status()).has_value()) {
      // The wait ended, not the operation (deadline, polling given up).
      err << "clouddesktop: stopped waiting for operation " << op.id() << ": "
          << result.final.status().message()
          << " (it may still complete on the server)\n"
          << resume;
    } else if (settings.show_progress && settings.final_line &&
               result.final.ok()) {
      // The final line of the progress display.
      err << what << ": " << (result.final->has_error() ? "failed" : "done")
          << " in " << ShortDuration(absl::Now() - start) << "\n";
    }
    return finish();
  }

  if (!settings.cancel_on_interrupt) {
    err << "interrupted: "
        << (settings.interrupted_before_start
                ? absl::StrCat("operation ", op.id(), " has started")
                : absl::StrCat("stopped waiting for operation ", op.id()))
        << " (it continues on the server)\n"
        << resume;
    result.final = absl::CancelledError("interrupted");
    return finish();
  }

  err << "interrupted: cancelling operation " << op.id() << " on the server\n";
  yandex::cloud::operation::CancelOperationRequest request;
  request.set_operation_id(op.id());
  Stage<absl::StatusOr<Operation>> cancel = RunStage(
      client.CancelOperationAsync(request),
      absl::StrCat("cancelling ", op.id()), settings, *progress, start, err);
  if (cancel.interrupted || !cancel.value.ok()) {
    if (!cancel.value.ok() && !cancel.interrupted) {
      err << "clouddesktop: could not cancel: "
          << cancel.value.status().message() << "\n";
    }
    err << resume;
    result.final = cancel.interrupted ? absl::CancelledError("interrupted")
                                      : cancel.value.status();
    return finish();
  }
  Stage<absl::StatusOr<Operation>> final_state = RunStage(
      client.AwaitOperationAsync(*cancel.value,
                                 MakeAwaitOptions(settings, progress)),
      absl::StrCat("cancelling ", op.id()), settings, *progress, start, err);
  result.final = std::move(final_state.value);
  if (final_state.interrupted) {
    err << "interrupted again: stopped waiting for operation " << op.id()
        << "\n"
        << resume;
    result.final = absl::CancelledError("interrupted");
    return finish();
  }
  if (result.final.ok()) {
    if (result.final->has_error() &&
        result.final->error().code() ==
            static_cast<int>(absl::StatusCode::kCancelled)) {
      err << "operation " << op.id() << " cancelled\n";
    } else if (result.final->has_error()) {
      err << "operation " << op.id()
          << " failed before it could be cancelled\n";
    } else {
      err << "operation " << op.id()
          << " finished before it could be cancelled\n";
    }
  }
  return finish();
}

}  // namespace clouddesktop::cli
