// Runs a binary as a child process for the tests that need a real
// executable (the emulator, the CLI): its output lines, signals, exit codes.

#ifndef TESTS_TESTING_UTIL_SUBPROCESS_H_
#define TESTS_TESTING_UTIL_SUBPROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace testing_util {

// The binaries in the runfiles tree (tests run at its workspace root; the
// CMake build puts them at the same paths).
std::string CliBinary();       // cc/clouddesktop/cli/clouddesktop
std::string EmulatorBinary();  // cc/clouddesktop/emulator/emulator_main

// A child process with stdout on a pipe and stderr on a pipe or on a
// pseudo-terminal (so the child sees a terminal: isatty(2)). The destructor
// kills it (SIGKILL) if it still runs.
class Subprocess {
 public:
  struct Options {
    bool stderr_on_terminal = false;
    // The terminal's width; wide by default, so progress lines are not cut.
    int terminal_columns = 250;
    std::string stdin_text;        // written to its stdin, then closed
    std::vector<std::string> env;  // NAME=VALUE added to the environment
  };
  Subprocess(const std::string& binary, const std::vector<std::string>& args,
             Options options);
  Subprocess(const std::string& binary, const std::vector<std::string>& args)
      : Subprocess(binary, args, Options()) {}
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  bool started() const { return started_; }
  pid_t pid() const { return pid_; }

  // The next stdout line (without '\n'); nothing on EOF or timeout.
  std::optional<std::string> ReadLine(absl::Duration timeout);
  // Reads until stderr contains `needle`; false on EOF or timeout.
  bool WaitForStderr(absl::string_view needle, absl::Duration timeout);
  void Signal(int signal);
  // The exit code (-signal if killed by one), reading its output to the
  // end; nothing on timeout (then it is killed).
  std::optional<int> Wait(absl::Duration timeout);

  // What it wrote so far: out() and err() hold what was read; Stderr()
  // first reads what is waiting on stderr (for a failure message while it
  // still runs).
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }
  std::string Stderr();

 private:
  // Reads what is there (waiting at most `timeout`); false at EOF of both.
  bool Pump(absl::Duration timeout);

  pid_t pid_ = -1;
  bool started_ = false;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  size_t out_read_ = 0;  // how much of out_ ReadLine has returned
};

// Reads the emulator's first stdout line, "listening on ADDRESS", and
// returns ADDRESS; empty if it did not start or said something else within
// `timeout`.
std::string ListeningAddress(Subprocess& process,
                             absl::Duration timeout = absl::Seconds(60));

// The REST address an emulator started with --http-listen prints on the
// line after its gRPC one ("http listening on HOST:PORT"), or "" when no
// such line comes within `timeout`. Call it after ListeningAddress: it
// reads the next line.
std::string HttpListeningAddress(Subprocess& process,
                                 absl::Duration timeout = absl::Seconds(30));

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_SUBPROCESS_H_
