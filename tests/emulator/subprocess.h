// Runs the emulator binary as a child process for the tests that need the
// real executable: its stdout line, signals, exit codes, reflection.

#ifndef TESTS_EMULATOR_SUBPROCESS_H_
#define TESTS_EMULATOR_SUBPROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace emulator_test {

// The emulator binary in the test's runfiles.
std::string EmulatorBinary();

// A child process with its stdout and stderr piped to the test. The
// destructor kills it (SIGKILL) if it is still running.
class Subprocess {
 public:
  // Starts `binary` with `args`; check running().
  Subprocess(const std::string& binary, const std::vector<std::string>& args);
  ~Subprocess();

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // The next stdout line (without '\n'), or nothing on EOF or timeout.
  std::optional<std::string> ReadLine(absl::Duration timeout);

  void Signal(int signal);

  // The exit code, or nothing on timeout; -signal if killed by one.
  std::optional<int> Wait(absl::Duration timeout);

  // Everything written to stderr so far (after Wait: all of it).
  std::string Stderr();

 private:
  void Drain(int fd, std::string* into);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::string stdout_buffer_;
  std::string stderr_buffer_;
};

// Starts the emulator with `args` and waits for its "listening on" line;
// returns the address, or empty on failure.
std::string StartAndListen(Subprocess& process);

}  // namespace emulator_test

#endif  // TESTS_EMULATOR_SUBPROCESS_H_
