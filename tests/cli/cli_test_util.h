// Helpers of the end-to-end tests of the `clouddesktop` command: run the
// real binary (from the test's runfiles) as a child process, against a
// standalone emulator process, and read what it prints.

#ifndef TESTS_CLI_CLI_TEST_UTIL_H_
#define TESTS_CLI_CLI_TEST_UTIL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "tests/testing_util/subprocess.h"
#include "tests/testing_util/temp_file.h"

namespace cli_test {

// The child-process, file and binary helpers of every test area
// (tests/testing_util), named here as the CLI tests use them.
using ::testing_util::CliBinary;
using ::testing_util::EmulatorBinary;
using ::testing_util::Subprocess;
using ::testing_util::TempDir;
using ::testing_util::WriteTempFile;

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
              const Subprocess::Options& options = {});

// Runs `/bin/sh -c command` to the end (killed after a minute); `options`
// as for RunCli (e.g. a PATH of its own).
Result RunShell(const std::string& command,
                const Subprocess::Options& options = {});

// The commands of the README section whose heading starts with `heading`
// (e.g. "### Debugging with curl"; it ends at the next heading of the same
// or a higher level) that start with `program` and a space, as written: a
// code line indented four spaces, continued while it ends in `\` or a
// single quote is open. Read from README.md in the working directory.
std::vector<std::string> ReadmeCommands(absl::string_view heading,
                                        absl::string_view program);

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
  // The same serving its REST API too (--http-listen); Args() then speaks
  // it: --transport rest --endpoint HTTP_ADDRESS --insecure.
  static std::unique_ptr<Emulator> WithRest(std::vector<std::string> args);

  bool ok() const { return !address_.empty(); }
  const std::string& address() const { return address_; }
  // --endpoint ADDRESS and --insecure (or --ca-cert FILE), then `args`.
  std::vector<std::string> Args(std::vector<std::string> args) const;
  Subprocess& process() { return *process_; }
  // The REST address the emulator prints after its gRPC one ("http
  // listening on HOST:PORT"), for one started with --http-listen; empty if
  // none came within 30 s. Reads that line: call it once.
  std::string ReadHttpAddress();

 private:
  std::unique_ptr<Subprocess> process_;
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
