// Parsing the standalone emulator's flags.
#include "emulator/internal/command_line.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::emulator::internal::CommandLine;
using ::emulator::internal::ParseCommandLine;
using ::testing::HasSubstr;

TEST(CommandLineTest, DefaultsWithoutFlags) {
  absl::StatusOr<CommandLine> parsed = ParseCommandLine({});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->options.listen_address, "127.0.0.1:0");
  EXPECT_FALSE(parsed->options.require_token);
  EXPECT_FALSE(parsed->help);
}

TEST(CommandLineTest, ParsesEveryFlagInBothForms) {
  absl::StatusOr<CommandLine> parsed = ParseCommandLine(
      {"--listen", "0.0.0.0:50051", "--operation-delay=500ms",
       "--poll-interval-hint", "2s", "--require-token", "--faults",
       "*:latency=10ms", "--tls-cert", "c.pem", "--tls-key=k.pem"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const emulator::EmulatorOptions& o = parsed->options;
  EXPECT_EQ(o.listen_address, "0.0.0.0:50051");
  EXPECT_EQ(o.operation_delay, absl::Milliseconds(500));
  EXPECT_EQ(o.poll_interval_hint, absl::Seconds(2));
  EXPECT_TRUE(o.require_token);
  EXPECT_EQ(o.faults.rules.size(), 1u);
  EXPECT_EQ(o.tls_cert_file, "c.pem");
  EXPECT_EQ(o.tls_key_file, "k.pem");
}

TEST(CommandLineTest, UsageErrorsNameTheFlag) {
  EXPECT_THAT(ParseCommandLine({"--listen", "nope"}).status().message(),
              HasSubstr("--listen"));
  EXPECT_THAT(ParseCommandLine({"--require-token=yes"}).status().message(),
              HasSubstr("takes no value"));
  EXPECT_THAT(ParseCommandLine({"--poll-interval-hint", "-1s"})
                  .status()
                  .message(),
              HasSubstr("--poll-interval-hint"));
  EXPECT_THAT(ParseCommandLine({"--sa-public-key", "sa:key:/nonexistent.pem"})
                  .status()
                  .message(),
              HasSubstr("cannot read /nonexistent.pem"));
  EXPECT_THAT(ParseCommandLine({"positional"}).status().message(),
              HasSubstr("unknown flag"));
}

}  // namespace
