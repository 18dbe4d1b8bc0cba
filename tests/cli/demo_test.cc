// `clouddesktop demo` (the one-command demo: exit 0 only if every step
// worked) and `clouddesktop emulator` (the standalone emulator's flags and
// behaviour), run as the real binary.

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
using ::testing::SizeIs;

TEST(DemoTest, RunsTheScenarioAndExits0) {
  Result r = RunCli({"demo", "--operation-delay", "20ms"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  for (const char* step :
       {"Create a desktop group", "Create two desktops in it",
        "Copy an image from a desktop", "List images", "List desktops",
        "Update the image's labels", "Restart a desktop",
        "Delete the desktops", "Delete the image",
        "Delete the desktop group"}) {
    EXPECT_THAT(r.out, HasSubstr(step)) << r.Describe();
  }
  EXPECT_THAT(r.out, AllOf(HasSubstr("Summary"), HasSubstr("TIME"),
                           HasSubstr("all 10 steps succeeded"),
                           HasSubstr("labels env=demo,source=demo-desktop-a")));
  EXPECT_EQ(r.err, "");  // no terminal: no progress lines
}

TEST(DemoTest, AFailedStepStillCleansUpAndExitsNonZero) {
  Result r = RunCli({"demo", "--operation-delay", "20ms", "--faults",
                  "DesktopService.Restart:op_error=INTERNAL"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_THAT(r.out, AllOf(HasSubstr("Restart a desktop: FAILED"),
                           HasSubstr("Delete the desktop group: ok"),
                           HasSubstr("1 of 10 steps failed")));
  EXPECT_THAT(r.err, AllOf(HasSubstr("INTERNAL"), HasSubstr("failed")));
}

TEST(DemoTest, BadFaultSpecIsAUsageError) {
  Result r = RunCli({"demo", "--faults", "Nope.Method:latency=1s"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("--faults"));
}

TEST(EmulatorCommandTest, ServesLikeTheEmulatorBinaryAndStopsOnSignals) {
  for (int signal : {SIGTERM, SIGINT}) {
    Emulator emulator({"--operation-delay", "20ms"}, CliBinary());
    ASSERT_TRUE(emulator.ok()) << emulator.process().err();
    Result r = RunCli(emulator.Args(
        {"images", "list", "--folder-id", "emulator-folder", "--format",
         "json"}));
    ASSERT_EQ(r.exit_code, 0) << r.Describe();
    EXPECT_THAT(Json(r), SizeIs(2));
    emulator.process().Signal(signal);
    EXPECT_EQ(emulator.process().Wait(absl::Seconds(30)), 0)
        << emulator.process().err();
  }
}

TEST(EmulatorCommandTest, UsageErrorsExit2) {
  Result r = RunCli({"emulator", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("--no-such-flag"), HasSubstr("usage:")));
  Result half = RunCli({"emulator", "--tls-cert", "only.pem"});
  EXPECT_EQ(half.exit_code, 2) << half.Describe();
}

}  // namespace
}  // namespace cli_test
