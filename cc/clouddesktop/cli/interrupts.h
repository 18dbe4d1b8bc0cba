// Ctrl-C (SIGINT) and SIGTERM, handled on a thread of their own: the
// signals are blocked in every thread and one thread takes them with
// sigwait, so no code runs in a signal handler.

#ifndef CLOUDDESKTOP_CLI_INTERRUPTS_H_
#define CLOUDDESKTOP_CLI_INTERRUPTS_H_

#include <functional>

namespace clouddesktop::cli {

// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread
// it starts afterwards, gRPC's included) and starts the thread that waits
// for them. Call it first in main, before any other thread exists.
// Idempotent. Without an InterruptScope alive, a signal ends the process
// at once: "interrupted" on stderr and exit code 130 (SIGINT) or 143
// (SIGTERM).
void InstallInterruptHandling();

// While a scope lives, a signal calls its handler instead (the innermost
// scope's, on the signal thread, with the signal number). The handler runs
// under the scopes' lock: it must be quick and must not block or create or
// destroy a scope. When the destructor returns, the handler is not running
// and will not run again.
//
// Thread safety: scopes may be created and destroyed on any thread, but
// destroyed in the reverse order of their creation.
class InterruptScope {
 public:
  explicit InterruptScope(std::function<void(int signal)> handler);
  ~InterruptScope();

  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  std::function<void(int)> handler_;
};

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_INTERRUPTS_H_
