// Ctrl-C while the real `clouddesktop` binary waits for an operation: the
// live progress line on a terminal (stderr on a pseudo-terminal), exit 130
// with the operation id and the command that resumes the wait (which then
// works), --cancel-on-interrupt cancelling on the server, `operations cancel
// --wait` and --wait-timeout; and Ctrl-C while the call that starts the
// operation is still unanswered.

#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// The line after `marker` in `text`, without a trailing '\r'.
std::string LineAfter(const std::string& text, absl::string_view marker) {
  size_t at = text.find(std::string(marker));
  if (at == std::string::npos) return "";
  std::string rest = text.substr(at + marker.size());
  rest = rest.substr(0, rest.find('\n'));
  return std::string(absl::StripSuffix(rest, "\r"));
}

std::vector<std::string> StartCopy(const Emulator& emulator,
                                   const std::string& folder) {
  return emulator.Args({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
                        folder, "--name", "copy"});
}

TEST(InterruptTest, CtrlCStopsWaitingAndPrintsTheCommandThatResumes) {
  // Long enough that Ctrl-C surely comes first, short enough that the
  // resumed wait sees the end.
  Emulator emulator({"--operation-delay", "3s"});
  ASSERT_TRUE(emulator.ok());
  std::vector<std::string> args = StartCopy(emulator, "resume-folder");
  args.insert(args.end(), {"--wait", "--format", "json"});
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Subprocess cli(CliBinary(), args, terminal);
  ASSERT_TRUE(cli.started());
  // The live progress line: the method, the operation, elapsed time, polls
  // and the metadata (known from the first poll, 1.2 s in by the default
  // schedule).
  ASSERT_TRUE(cli.WaitForStderr("image_id=", absl::Seconds(30))) << cli.err();
  EXPECT_THAT(cli.err(), AllOf(HasSubstr("DesktopImageService.Copy "),
                               HasSubstr("running "), HasSubstr("\r"),
                               HasSubstr("image_id=")));
  cli.Signal(SIGINT);
  std::optional<int> code = cli.Wait(absl::Seconds(30));
  EXPECT_EQ(code, 130) << cli.err();
  EXPECT_EQ(cli.out(), "");
  EXPECT_THAT(cli.err(), HasSubstr("interrupted"));
  std::string resume = LineAfter(cli.err(), "resume waiting with: ");
  ASSERT_TRUE(absl::StartsWith(resume, "clouddesktop ")) << cli.err();
  EXPECT_THAT(resume, HasSubstr(" operations wait "));
  EXPECT_THAT(resume, HasSubstr(emulator.address()));

  // The printed command works as printed.
  std::vector<std::string> resumed_args = absl::StrSplit(resume, ' ');
  resumed_args.erase(resumed_args.begin());  // "clouddesktop"
  resumed_args.insert(resumed_args.end(), {"--format", "json"});
  Result resumed = RunCli(resumed_args);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.Describe();
  nlohmann::json image = Json(resumed);
  EXPECT_EQ(image["name"], "copy");
  EXPECT_EQ(image["status"], "ACTIVE");
}

class SlowOperationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new Emulator({"--operation-delay", "1h"});
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  static Emulator* emulator_;
};

Emulator* SlowOperationsTest::emulator_ = nullptr;

TEST_F(SlowOperationsTest, CancelOnInterruptCancelsOnTheServer) {
  std::vector<std::string> args = StartCopy(*emulator_, "cancel-folder");
  args.insert(args.end(), {"--wait", "--cancel-on-interrupt"});
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Subprocess cli(CliBinary(), args, terminal);
  ASSERT_TRUE(cli.WaitForStderr(" polls", absl::Seconds(30))) << cli.err();
  std::string id = LineAfter(cli.err(), "DesktopImageService.Copy ");
  id = id.substr(0, id.find(':'));
  ASSERT_FALSE(id.empty()) << cli.err();
  cli.Signal(SIGINT);
  EXPECT_EQ(cli.Wait(absl::Seconds(30)), 130) << cli.err();
  EXPECT_THAT(cli.err(), AllOf(HasSubstr("cancelling operation " + id),
                               HasSubstr("operation " + id + " cancelled")));

  Result op =
      RunCli(emulator_->Args({"operations", "get", id, "--format", "json"}));
  ASSERT_EQ(op.exit_code, 0) << op.Describe();
  nlohmann::json json = Json(op);
  EXPECT_EQ(json["done"], true);
  EXPECT_EQ(json["error"]["code"], 1);  // CANCELLED
  // Rolled back: no image was made.
  Result images = RunCli(emulator_->Args(
      {"images", "list", "--folder-id", "cancel-folder", "--format", "json"}));
  EXPECT_THAT(Json(images), SizeIs(0));
}

TEST_F(SlowOperationsTest, OperationsCancelWaitsForTheCancelledState) {
  std::vector<std::string> args = StartCopy(*emulator_, "cancel-cmd-folder");
  args.insert(args.end(), {"--async", "--format", "json"});
  Result started = RunCli(args);
  ASSERT_EQ(started.exit_code, 0) << started.Describe();
  std::string id = Json(started).value("id", "");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(started.err, "");  // JSON: no hint on stderr

  Result cancelled =
      RunCli(emulator_->Args({"operations", "cancel", id, "--wait"}));
  EXPECT_EQ(cancelled.exit_code, 3) << cancelled.Describe();
  EXPECT_THAT(cancelled.err, AllOf(HasSubstr("CANCELLED"), HasSubstr(id)));
}

TEST_F(SlowOperationsTest, WaitTimeoutStopsWaitingWithTheResumeCommand) {
  std::vector<std::string> args = StartCopy(*emulator_, "timeout-folder");
  args.insert(args.end(), {"--wait", "--wait-timeout", "300ms"});
  Result r = RunCli(args);
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("stopped waiting for operation"),
                           HasSubstr("operations wait "),
                           HasSubstr("DEADLINE_EXCEEDED")));
}

TEST_F(SlowOperationsTest, TextOutputOfAStartedOperationSaysHowToWait) {
  std::vector<std::string> args = StartCopy(*emulator_, "hint-folder");
  args.push_back("--async");
  Result r = RunCli(args);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_THAT(r.out, AllOf(HasSubstr("description: Copy desktop image"),
                           HasSubstr("metadata:"), HasSubstr("image_id: ")));
  EXPECT_THAT(r.err, AllOf(HasSubstr("is running; wait for it with: "),
                           HasSubstr("operations wait ")));
}

// Calls that take a while to answer: the operation's id is not known until
// the answer comes.
class SlowAnswersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new Emulator({"--operation-delay", "300ms", "--faults",
                              "DesktopImageService.Copy:latency=2s;"
                              "DesktopImageService.Delete:latency=1h"});
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  static Emulator* emulator_;
};

Emulator* SlowAnswersTest::emulator_ = nullptr;

TEST_F(SlowAnswersTest, CtrlCDuringTheStartingCallReportsTheOperation) {
  for (bool wait : {true, false}) {
    SCOPED_TRACE(wait ? "waiting (the default)" : "--async");
    std::vector<std::string> args = StartCopy(
        *emulator_, wait ? "slow-start-wait-folder" : "slow-start-folder");
    if (!wait) args.push_back("--async");
    Subprocess::Options terminal;
    terminal.stderr_on_terminal = true;
    Subprocess cli(CliBinary(), args, terminal);
    ASSERT_TRUE(cli.started());
    // On a terminal, a slow answer shows a line while it is awaited.
    ASSERT_TRUE(cli.WaitForStderr("DesktopImageService.Copy: calling",
                                  absl::Seconds(30)))
        << cli.err();
    cli.Signal(SIGINT);
    // The first Ctrl-C waits for the answer, which names the operation.
    EXPECT_TRUE(cli.WaitForStderr("interrupted: waiting for the answer",
                                  absl::Seconds(30)))
        << cli.err();
    EXPECT_EQ(cli.Wait(absl::Seconds(30)), 130) << cli.err();
    EXPECT_EQ(cli.out(), "");
    std::string id = LineAfter(cli.err(), "interrupted: operation ");
    id = id.substr(0, id.find(' '));
    ASSERT_FALSE(id.empty()) << cli.err();
    EXPECT_THAT(cli.err(), HasSubstr(id + " has started"));
    std::string resume = LineAfter(cli.err(), "resume waiting with: ");
    EXPECT_THAT(resume, HasSubstr(" operations wait " + id)) << cli.err();

    // The operation did start, and waiting for it by id works.
    Result resumed =
        RunCli(emulator_->Args({"operations", "wait", id, "--format", "json"}));
    ASSERT_EQ(resumed.exit_code, 0) << resumed.Describe();
    EXPECT_EQ(Json(resumed)["status"], "ACTIVE");
  }
}

TEST_F(SlowAnswersTest, CtrlCDuringTheStartingCallWithCancelOnInterrupt) {
  std::vector<std::string> args =
      StartCopy(*emulator_, "slow-start-cancel-folder");
  args.insert(args.end(), {"--wait", "--cancel-on-interrupt"});
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Subprocess cli(CliBinary(), args, terminal);
  ASSERT_TRUE(
      cli.WaitForStderr("DesktopImageService.Copy: calling", absl::Seconds(30)))
      << cli.err();
  cli.Signal(SIGINT);
  EXPECT_EQ(cli.Wait(absl::Seconds(30)), 130) << cli.err();
  std::string id = LineAfter(cli.err(), "interrupted: cancelling operation ");
  id = id.substr(0, id.find(' '));
  ASSERT_FALSE(id.empty()) << cli.err();
  // The operation (300ms long) may finish before the cancel reaches it;
  // either way its final state is reported and the server agrees.
  Result op =
      RunCli(emulator_->Args({"operations", "get", id, "--format", "json"}));
  ASSERT_EQ(op.exit_code, 0) << op.Describe();
  nlohmann::json json = Json(op);
  EXPECT_EQ(json["done"], true);
  if (json.contains("error")) {
    EXPECT_EQ(json["error"]["code"], 1);  // CANCELLED
    EXPECT_THAT(cli.err(), HasSubstr("operation " + id + " cancelled"));
  } else {
    EXPECT_THAT(cli.err(), HasSubstr("finished before it could be cancelled"));
  }
}

TEST_F(SlowAnswersTest, SecondCtrlCGivesUpWithoutTheAnswer) {
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Subprocess cli(
      CliBinary(),
      emulator_->Args({"images", "delete", "img-windows-11", "--wait"}),
      terminal);
  ASSERT_TRUE(cli.WaitForStderr("DesktopImageService.Delete: calling",
                                absl::Seconds(30)))
      << cli.err();
  cli.Signal(SIGINT);
  ASSERT_TRUE(cli.WaitForStderr("interrupted: waiting for the answer",
                                absl::Seconds(30)))
      << cli.err();
  cli.Signal(SIGINT);
  absl::Time start = absl::Now();
  EXPECT_EQ(cli.Wait(absl::Seconds(30)), 130) << cli.err();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  EXPECT_THAT(cli.err(),
              HasSubstr("interrupted again: stopped without the answer of "
                        "DesktopImageService.Delete"));
  EXPECT_EQ(cli.out(), "");
}

}  // namespace
}  // namespace cli_test
