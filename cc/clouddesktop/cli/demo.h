// `clouddesktop demo`: a realistic scenario through the client library
// against an in-process emulator, with progress and a timed summary.

#ifndef CLOUDDESKTOP_CLI_DEMO_H_
#define CLOUDDESKTOP_CLI_DEMO_H_

#include <ostream>
#include <string>

#include "absl/time/time.h"

namespace clouddesktop::cli {

struct DemoOptions {
  // How long each emulated operation runs.
  absl::Duration operation_delay = absl::Milliseconds(400);
  // Emulator fault spec (emulator/faults.h), e.g. to watch a step fail.
  std::string faults;
  // Live progress lines on `err`.
  bool show_progress = false;
  // Every call over the emulator's REST API (TransportKind::kRest, the
  // global --transport rest) instead of gRPC.
  bool rest = false;
};

// Starts an emulator on 127.0.0.1, then: creates a desktop group, two
// desktops in it, an image copied from one desktop; lists images and
// desktops; updates the image's labels; restarts a desktop; deletes
// everything (cleanup runs after a failed step too). Every operation is
// waited for with the library's waiter. Prints each step and a summary
// table of steps and durations on `out`. Returns 0 only if every step
// succeeded; 1 if a call failed, 3 if an operation failed, 130 on Ctrl-C,
// 2 for a bad fault spec.
int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_DEMO_H_
