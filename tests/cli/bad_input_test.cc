// What the `clouddesktop` command does with input that used to go wrong
// (docs/bad-input.md): a failed list prints nothing on stdout (not an empty
// or partial list), files that never end are refused or capped, and a wait
// whose polls keep failing says so.

#include <csignal>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(BadInputTest, AFailedListPrintsNothingOnStdout) {
  for (const char* format : {"json", "json-rest", "yaml", "text", "table"}) {
    SCOPED_TRACE(format);
    Result r =
        RunCli({"--endpoint", "127.0.0.1:1", "--insecure", "--timeout", "2s",
                "--format", format, "images", "list", "--folder-id", "f"});
    EXPECT_EQ(r.exit_code, 1) << r.Describe();
    EXPECT_EQ(r.out, "") << r.Describe();  // not [] and not a header
    EXPECT_THAT(r.err, HasSubstr("UNAVAILABLE"));
  }
}

TEST(BadInputTest, AnUnknownTransportIsAUsageErrorNamingTheFlag) {
  Result r = RunCli({"--transport", "http2", "--endpoint", "127.0.0.1:1",
                     "--insecure", "images", "list", "--folder-id", "f"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_EQ(r.out, "") << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("--transport"), HasSubstr("http2")));
}

// Over REST the failure names the REST address it could not reach.
TEST(BadInputTest, AnUnreachableRestEndpointIsUnavailableNamingIt) {
  Result r =
      RunCli({"--transport", "rest", "--endpoint", "127.0.0.1:1", "--insecure",
              "--timeout", "2s", "images", "list", "--folder-id", "f"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.out, "") << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("UNAVAILABLE"), HasSubstr("127.0.0.1:1")));
}

TEST(BadInputTest, AListThatFailsPartWayPrintsNothingOnStdout) {
  // Each page takes 400ms; the server dies while the CLI pages (one item a
  // page), after the first pages came.
  Emulator emulator({"--operation-delay", "10ms", "--faults",
                     "DesktopImageService.List:latency=400ms"});
  ASSERT_TRUE(emulator.ok()) << emulator.process().err();
  for (int i = 0; i < 8; ++i) {
    Result copy = RunCli(emulator.Args(
        {"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id", "paged",
         "--name", absl::StrCat("image-", i), "--async"}));
    ASSERT_EQ(copy.exit_code, 0) << copy.Describe();
  }
  // Every page, one item a page (--page-size would fetch one page only).
  std::string request =
      WriteTempFile("paged.json", R"({"folderId": "paged", "pageSize": "1"})");
  Subprocess cli(CliBinary(),
                 emulator.Args({"--timeout", "2s", "--format", "json", "images",
                                "list", "--request-json", request}));
  ASSERT_TRUE(cli.started());
  absl::SleepFor(absl::Milliseconds(1500));  // pages 1-3 are in
  emulator.process().Signal(SIGKILL);
  std::optional<int> code = cli.Wait(absl::Seconds(60));
  ASSERT_TRUE(code.has_value()) << cli.err();
  EXPECT_EQ(*code, 1) << cli.err();
  // Not "[ {image-0}, {image-1}, ..." that a script would read as the whole
  // (shorter) list.
  EXPECT_EQ(cli.out(), "");
  EXPECT_THAT(cli.err(), AllOf(HasSubstr("DesktopImageService.List"),
                               HasSubstr("UNAVAILABLE")));
}

TEST(BadInputTest, FilesThatNeverEndAreRefusedAndSizesCapped) {
  std::string big_token =
      WriteTempFile("big-token", std::string(65 * 1024, 't'));
  std::string big_json = WriteTempFile(
      "big.json", absl::StrCat(R"({"folderId": ")",
                               std::string(4 * 1024 * 1024, 'f'), R"("})"));
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> expected;
  };
  for (const Case& c : std::vector<Case>{
           {{"--token-file", "/dev/zero", "images", "get", "i"},
            {"--token-file /dev/zero: a character device"}},
           {{"images", "list", "--request-json", "/dev/zero"},
            {"--request-json /dev/zero: a character device"}},
           {{"images", "list", "--request-json", TempDir()},
            {"--request-json ", ": a directory"}},
           {{"--token-file", big_token, "images", "get", "i"},
            {"--token-file ", "big-token: larger than the limit of 64 KiB"}},
           {{"images", "list", "--request-json", big_json},
            {"--request-json ", "big.json: larger than the limit of 4 MiB"}},
       }) {
    std::vector<std::string> args = {"--endpoint", "127.0.0.1:1", "--insecure"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    absl::Time start = absl::Now();
    Result r = RunCli(args);
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
    for (const std::string& s : c.expected) {
      EXPECT_THAT(r.err, HasSubstr(s)) << r.Describe();
    }
    EXPECT_EQ(r.out, "");
    EXPECT_LT(absl::Now() - start, absl::Seconds(10)) << r.Describe();
  }
  // A pipe the user named still works: - for the request.
  Subprocess::Options stdin_json;
  stdin_json.stdin_text = R"({"folderId": "f"})";
  Result from_stdin =
      RunCli({"--endpoint", "127.0.0.1:1", "--insecure", "--timeout", "1s",
              "images", "list", "--request-json", "-"},
             stdin_json);
  EXPECT_EQ(from_stdin.exit_code, 1) << from_stdin.Describe();  // read, sent
  EXPECT_THAT(from_stdin.err, HasSubstr("UNAVAILABLE"));
}

// Kills the emulator under a waiting command; returns the command.
std::unique_ptr<Subprocess> WaitThenKillTheServer(Emulator& emulator,
                                                  bool terminal) {
  Subprocess::Options options;
  options.stderr_on_terminal = terminal;
  options.terminal_columns = 80;
  auto cli = std::make_unique<Subprocess>(
      CliBinary(),
      emulator.Args({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
                     "lost-folder", "--name", "lost"}),
      options);
  absl::SleepFor(absl::Seconds(1));  // the operation has started
  emulator.process().Signal(SIGKILL);
  return cli;
}

TEST(BadInputTest, AWaitWhosePollsKeepFailingSaysSo) {
  // Without a terminal: no progress line, yet the failing polls are told.
  Emulator emulator({"--operation-delay", "1h"});
  ASSERT_TRUE(emulator.ok()) << emulator.process().err();
  std::unique_ptr<Subprocess> cli = WaitThenKillTheServer(emulator, false);
  ASSERT_TRUE(cli->WaitForStderr("polls in a row failed", absl::Seconds(30)))
      << cli->err();
  EXPECT_THAT(cli->err(),
              AllOf(HasSubstr("DesktopImageService.Copy "),
                    HasSubstr("3 polls in a row failed over "),
                    HasSubstr("OperationService.Get: UNAVAILABLE"),
                    HasSubstr("still polling"), Not(HasSubstr("\r"))));
  // Once, not once a poll.
  absl::SleepFor(absl::Seconds(3));
  cli->Signal(SIGINT);
  EXPECT_EQ(cli->Wait(absl::Seconds(30)), 130);
  std::string err = cli->err();
  size_t first = err.find("polls in a row failed");
  EXPECT_EQ(err.find("3 polls in a row failed", first + 1), std::string::npos)
      << err;
  EXPECT_THAT(err, HasSubstr("resume waiting with: "));
}

TEST(BadInputTest, OnAnEightyColumnTerminalTheFailingPollStaysVisible) {
  Emulator emulator({"--operation-delay", "1h"});
  ASSERT_TRUE(emulator.ok()) << emulator.process().err();
  std::unique_ptr<Subprocess> cli = WaitThenKillTheServer(emulator, true);
  ASSERT_TRUE(cli->WaitForStderr("last poll: UNAVAILABLE", absl::Seconds(30)))
      << cli->err();
  ASSERT_TRUE(cli->WaitForStderr("polls in a row failed", absl::Seconds(30)))
      << cli->err();
  cli->Signal(SIGINT);
  EXPECT_EQ(cli->Wait(absl::Seconds(30)), 130);
  // Every drawn line fits in 80 columns, the failing poll included.
  for (absl::string_view line : absl::StrSplit(cli->err(), '\r')) {
    line = line.substr(0, line.find('\n'));
    if (absl::StartsWith(line, "\033[K")) line.remove_prefix(3);
    if (absl::StrContains(line, "last poll:")) {
      EXPECT_LE(line.size(), 79u) << line;
    }
  }
}

}  // namespace
}  // namespace cli_test
