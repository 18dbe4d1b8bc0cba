// Helpers of the end-to-end tests of the `clouddesktop` command: run the
// real binary (from the test's runfiles) as a child process, against a
// standalone emulator process, and read what it prints.

#ifndef TESTS_CLI_CLI_TEST_UTIL_H_
#define TESTS_CLI_CLI_TEST_UTIL_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace cli_test {

// The binaries in the runfiles tree (tests run at its workspace root).
std::string CliBinary();       // cc/clouddesktop/cli/clouddesktop
std::string EmulatorBinary();  // cc/clouddesktop/emulator/emulator_main

// $TEST_TMPDIR.
std::string TempDir();
// Writes `contents` to TempDir()/name (mode 0600) and returns the path.
std::string WriteFile(const std::string& name, const std::string& contents);

// A child process with stdout on a pipe and stderr on a pipe or on a
// pseudo-terminal (so the child sees a terminal: isatty(2)). The destructor
// kills it (SIGKILL) if it still runs.
class Process {
 public:
  struct Options {
    bool stderr_on_terminal = false;
    // The terminal's width; wide by default, so progress lines are not cut.
    int terminal_columns = 250;
    std::string stdin_text;        // written to its stdin, then closed
    std::vector<std::string> env;  // NAME=VALUE added to the environment
  };
  Process(const std::string& binary, const std::vector<std::string>& args,
          Options options);
  Process(const std::string& binary, const std::vector<std::string>& args)
      : Process(binary, args, Options()) {}
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool started() const { return started_; }

  // The next stdout line (without '\n'); nothing on EOF or timeout.
  std::optional<std::string> ReadLine(absl::Duration timeout);
  // Reads until stderr contains `needle`; false on EOF or timeout.
  bool WaitForStderr(absl::string_view needle, absl::Duration timeout);
  void Signal(int signal);
  // The exit code (-signal if killed by one), reading its output to the
  // end; nothing on timeout (then it is killed).
  std::optional<int> Wait(absl::Duration timeout);

  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

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

// One finished run of the CLI.
struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
  // For failure messages: the command, code, stdout and stderr.
  std::string Describe() const;
  std::string command;
};

// Runs `clouddesktop args...` to the end (killed after a minute).
Result RunCli(const std::vector<std::string>& args,
              const Process::Options& options = {});

// Parses JSON output; a failed test (and null) if it does not parse.
nlohmann::json Json(const Result& result);

// A standalone emulator (emulator_main) with `args` after
// `--listen 127.0.0.1:0`.
class Emulator {
 public:
  explicit Emulator(std::vector<std::string> args = {},
                    std::string binary = EmulatorBinary());
  // The same serving TLS with a certificate made for it (MakeTestTls);
  // Args() then trusts it with --ca-cert instead of --insecure.
  static std::unique_ptr<Emulator> WithTls(std::vector<std::string> args);

  bool ok() const { return !address_.empty(); }
  const std::string& address() const { return address_; }
  // --endpoint ADDRESS and --insecure (or --ca-cert FILE), then `args`.
  std::vector<std::string> Args(std::vector<std::string> args) const;
  Process& process() { return *process_; }

 private:
  std::unique_ptr<Process> process_;
  std::string address_;
  std::vector<std::string> client_flags_ = {"--insecure"};
};

// A fresh RSA key and a self-signed certificate for localhost /
// 127.0.0.1, PEM, made with OpenSSL at test run time.
struct TestTls {
  std::string key_pem;
  std::string cert_pem;
  std::string public_key_pem;
};
TestTls MakeTestTls();

}  // namespace cli_test

#endif  // TESTS_CLI_CLI_TEST_UTIL_H_
