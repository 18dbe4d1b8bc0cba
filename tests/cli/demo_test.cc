// `clouddesktop demo`, the one-command demo, run as the real binary: exit 0
// only if every step worked, live progress on a terminal, Ctrl-C.

#include <signal.h>

#include <string>
#include <vector>

#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(DemoTest, RunsTheScenarioAndExits0) {
  Result r = RunCli({"demo", "--operation-delay", "20ms"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  for (const char* step :
       {"Copy a Compute image", "Create a desktop group",
        "Create two desktops in it", "Stop a desktop", "Copy an image from it",
        "List images", "List desktops", "Update the image's labels",
        "Restart a desktop", "Delete the desktops", "Delete the desktop group",
        "Delete the images"}) {
    EXPECT_THAT(r.out, HasSubstr(step)) << r.Describe();
  }
  EXPECT_THAT(r.out, AllOf(HasSubstr("Summary"), HasSubstr("TIME"),
                           HasSubstr("all 12 steps succeeded"),
                           HasSubstr("labels env=demo,source=demo-desktop-a")));
  EXPECT_EQ(r.err, "");  // no terminal: no progress lines
}

// The same scenario with every call over the emulator's REST API.
TEST(DemoTest, RunsOverRestWithTheGlobalTransportFlag) {
  Result r =
      RunCli({"--transport", "rest", "demo", "--operation-delay", "20ms"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_THAT(r.out,
              AllOf(HasSubstr("(REST)"), HasSubstr("all 12 steps succeeded")));
}

TEST(DemoTest, AFailedStepStillCleansUpAndExitsNonZero) {
  Result r = RunCli({"demo", "--operation-delay", "20ms", "--faults",
                     "DesktopService.Restart:op_error=INTERNAL"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_THAT(r.out, AllOf(HasSubstr("Restart a desktop: FAILED"),
                           HasSubstr("Delete the desktop group: ok"),
                           HasSubstr("1 of 12 steps failed")));
  EXPECT_THAT(r.err, AllOf(HasSubstr("INTERNAL"), HasSubstr("failed")));
}

TEST(DemoTest, BadFaultSpecIsAUsageError) {
  Result r = RunCli({"demo", "--faults", "Nope.Method:latency=1s"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("--faults"));
}

TEST(DemoTest, OnATerminalEveryOperationShowsLiveProgress) {
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Result r = RunCli({"demo", "--operation-delay", "400ms"}, terminal);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  // Redrawn lines (\r) naming each kind of operation, with elapsed time,
  // polls and the operation's metadata.
  for (const char* rpc :
       {"DesktopImageService.Copy", "DesktopGroupService.Create",
        "DesktopService.Create", "DesktopService.Stop",
        "DesktopImageService.CopyFromDesktop", "DesktopImageService.Update",
        "DesktopService.Restart", "DesktopService.Delete",
        "DesktopImageService.Delete", "DesktopGroupService.Delete"}) {
    EXPECT_THAT(r.err, HasSubstr(std::string(rpc) + " ")) << r.err;
  }
  EXPECT_THAT(r.err, AllOf(HasSubstr("\r"), HasSubstr(": running "),
                           HasSubstr(" polls"), HasSubstr("desktop_id=")));
  EXPECT_THAT(r.out, HasSubstr("all 12 steps succeeded"));
}

TEST(DemoTest, CtrlCStopsTheDemoWithExit130AndASummary) {
  Subprocess::Options terminal;
  terminal.stderr_on_terminal = true;
  Subprocess demo(CliBinary(), {"demo", "--operation-delay", "1h"}, terminal);
  ASSERT_TRUE(demo.started());
  // The first step waits for an hour-long operation: interrupt the wait.
  ASSERT_TRUE(
      demo.WaitForStderr("DesktopImageService.Copy ", absl::Seconds(30)))
      << demo.err();
  demo.Signal(SIGINT);
  EXPECT_EQ(demo.Wait(absl::Seconds(30)), 130) << demo.err();
  EXPECT_THAT(demo.out(),
              AllOf(HasSubstr("1. Copy a Compute image: FAILED"),
                    HasSubstr("Summary"), HasSubstr("interrupted after")));
  EXPECT_THAT(demo.out(), Not(HasSubstr("2. ")));  // nothing after it runs
  EXPECT_THAT(demo.err(), HasSubstr("interrupted: stopped waiting"));
}

TEST(DemoTest, CtrlCBeforeTheFirstStepStillEndsWithTheSummary) {
  Subprocess demo(CliBinary(), {"demo", "--operation-delay", "1h"});
  ASSERT_TRUE(demo.started());
  // Ctrl-C is handled from before the first line on: wherever it lands
  // (the call that starts an operation, the wait, between steps), the
  // demo stops with the summary.
  ASSERT_TRUE(demo.ReadLine(absl::Seconds(30)).has_value()) << demo.err();
  demo.Signal(SIGINT);
  EXPECT_EQ(demo.Wait(absl::Seconds(30)), 130) << demo.err();
  EXPECT_THAT(demo.out(),
              AllOf(HasSubstr("Summary"), HasSubstr("interrupted after")));
  EXPECT_THAT(demo.out(), Not(HasSubstr(": ok")));
}

}  // namespace
}  // namespace cli_test
