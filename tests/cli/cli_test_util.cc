#include "cli_test_util.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/testing_util/crypto.h"

namespace cli_test {

std::string Result::Describe() const {
  return absl::StrCat("command: ", command, "\nexit code: ", exit_code,
                      "\n--- stdout ---\n", out, "\n--- stderr ---\n", err);
}

Result RunCli(const std::vector<std::string>& args,
              const Subprocess::Options& options) {
  Result result;
  result.command = absl::StrCat("clouddesktop ", absl::StrJoin(args, " "));
  Subprocess process(CliBinary(), args, options);
  if (!process.started()) {
    result.err = "could not start the CLI";
    return result;
  }
  std::optional<int> code = process.Wait(absl::Minutes(1));
  result.exit_code = code.value_or(-1000);
  result.out = process.out();
  result.err = process.err();
  return result;
}

Result RunShell(const std::string& command,
                const Subprocess::Options& options) {
  Result result;
  result.command = command;
  Subprocess sh("/bin/sh", {"-c", command}, options);
  result.exit_code = sh.Wait(absl::Minutes(1)).value_or(-1000);
  result.out = sh.out();
  result.err = sh.err();
  return result;
}

std::vector<std::string> ReadmeCommands(absl::string_view heading,
                                        absl::string_view program) {
  const size_t level = heading.find_first_not_of('#');
  const std::string start = absl::StrCat("    ", program, " ");
  std::ifstream file("README.md");
  std::vector<std::string> commands;
  std::string line;
  std::string current;
  bool in_section = false;
  while (std::getline(file, line)) {
    if (absl::StartsWith(line, "#")) {
      const size_t line_level = line.find_first_not_of('#');
      if (absl::StartsWith(line, heading)) {
        in_section = true;
      } else if (line_level <= level) {
        in_section = false;
      }
    }
    if (!in_section) continue;
    if (current.empty() && !absl::StartsWith(line, start)) continue;
    absl::StrAppend(&current, line.substr(std::min<size_t>(4, line.size())),
                    "\n");
    bool quote_open = std::count(current.begin(), current.end(), '\'') % 2 == 1;
    if (!quote_open && !absl::EndsWith(line, "\\")) {
      commands.push_back(current);
      current.clear();
    }
  }
  return commands;
}

nlohmann::json Json(const Result& result) {
  nlohmann::json parsed = nlohmann::json::parse(result.out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "not JSON:\n" << result.Describe();
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

Emulator::Emulator(std::vector<std::string> args, std::string binary) {
  std::vector<std::string> argv = {"--listen", "127.0.0.1:0"};
  if (binary == CliBinary()) argv.insert(argv.begin(), "emulator");
  argv.insert(argv.end(), args.begin(), args.end());
  process_ = std::make_unique<Subprocess>(binary, argv);
  address_ = testing_util::ListeningAddress(*process_);
}

std::unique_ptr<Emulator> Emulator::WithTls(std::vector<std::string> args) {
  static int count = 0;
  std::string name = absl::StrCat("emulator-tls-", ++count);
  TestTls tls = MakeTestTls();
  std::string cert = WriteTempFile(name + ".crt", tls.cert_pem);
  std::string key = WriteTempFile(name + ".key", tls.key_pem);
  args.insert(args.begin(), {"--tls-cert", cert, "--tls-key", key});
  auto emulator = std::make_unique<Emulator>(std::move(args));
  emulator->client_flags_ = {"--ca-cert", cert};
  return emulator;
}

std::unique_ptr<Emulator> Emulator::WithRest(std::vector<std::string> args) {
  args.insert(args.begin(), {"--http-listen", "127.0.0.1:0"});
  auto emulator = std::make_unique<Emulator>(std::move(args));
  if (emulator->ok()) {
    emulator->address_ = emulator->ReadHttpAddress();
    emulator->client_flags_ = {"--transport", "rest", "--insecure"};
  }
  return emulator;
}

std::string Emulator::ReadHttpAddress() {
  return testing_util::HttpListeningAddress(*process_);
}

std::vector<std::string> Emulator::Args(std::vector<std::string> args) const {
  std::vector<std::string> flags = {"--endpoint", address_};
  flags.insert(flags.end(), client_flags_.begin(), client_flags_.end());
  args.insert(args.begin(), flags.begin(), flags.end());
  return args;
}

TestTls MakeTestTls() {
  testing_util::KeyPtr key = testing_util::NewRsaKey();
  TestTls tls;
  tls.key_pem = testing_util::PrivateKeyPem(key.get());
  tls.public_key_pem = testing_util::PublicKeyPem(key.get());
  tls.cert_pem = testing_util::SelfSignedCertificatePem(key.get());
  return tls;
}

}  // namespace cli_test
