// The fault spec language users write in tests and on the command line.
#include "clouddesktop/emulator/faults.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::clouddesktop::emulator::FaultSpec;
using ::clouddesktop::emulator::MethodFaults;
using ::clouddesktop::emulator::ParseFaultSpec;
using ::testing::HasSubstr;

TEST(FaultSpecTest, ParsesTheDocumentedExample) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec(
      "DesktopService.Get:latency=200ms,unavailable=0.3;"
      "OperationService.Get:not_found_polls=2;"
      "DesktopService.Create:op_error=RESOURCE_EXHAUSTED;*:internal=0.05");
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_EQ(spec->rules.size(), 4u);

  MethodFaults get = spec->Resolve("DesktopService", "Get");
  EXPECT_EQ(get.latency, absl::Milliseconds(200));
  EXPECT_EQ(get.unavailable, 0.3);
  EXPECT_EQ(get.internal, 0.05);  // from "*"
  EXPECT_FALSE(get.op_error.has_value());

  MethodFaults create = spec->Resolve("DesktopService", "Create");
  EXPECT_EQ(create.op_error, absl::StatusCode::kResourceExhausted);
  EXPECT_FALSE(create.latency.has_value());

  EXPECT_EQ(spec->Resolve("OperationService", "Get").not_found_polls, 2);
  EXPECT_EQ(spec->Resolve("DesktopImageService", "List").internal, 0.05);
}

TEST(FaultSpecTest, MoreSpecificRulesWinRegardlessOfOrder) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec(
      "DesktopService.Get: latency = 1s ; DesktopService.*:latency=2s, "
      "unavailable=0.5; *:latency=3s");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->Resolve("DesktopService", "Get").latency, absl::Seconds(1));
  EXPECT_EQ(spec->Resolve("DesktopService", "Get").unavailable, 0.5);
  EXPECT_EQ(spec->Resolve("DesktopService", "Stop").latency, absl::Seconds(2));
  EXPECT_EQ(spec->Resolve("OperationService", "Get").latency, absl::Seconds(3));
}

TEST(FaultSpecTest, AcceptsFullServiceNamesAndNumericCodes) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec(
      "yandex.cloud.clouddesktop.v1.api.DesktopGroupService.Create:op_error=8;"
      "yandex.cloud.operation.OperationService:latency=5ms");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->Resolve("DesktopGroupService", "Create").op_error,
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(spec->Resolve("OperationService", "Cancel").latency,
            absl::Milliseconds(5));
}

TEST(FaultSpecTest, HealthCheckIsADurationResolvedLikeTheOthers) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec(
      "DesktopService:health_check=2s;DesktopService.Start:health_check=0s");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->Resolve("DesktopService", "Restart").health_check,
            absl::Seconds(2));
  EXPECT_EQ(spec->Resolve("DesktopService", "Start").health_check,
            absl::ZeroDuration());
  EXPECT_FALSE(spec->Resolve("DesktopImageService", "Copy").health_check);
}

TEST(FaultSpecTest, EmptySpecHasNoFaults) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec("  ; ");
  ASSERT_TRUE(spec.ok());
  EXPECT_TRUE(spec->empty());
}

struct BadSpec {
  const char* spec;
  const char* message;
};

class FaultSpecErrorTest : public ::testing::TestWithParam<BadSpec> {};

TEST_P(FaultSpecErrorTest, NamesTheBadToken) {
  absl::StatusOr<FaultSpec> spec = ParseFaultSpec(GetParam().spec);
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(spec.status().message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, FaultSpecErrorTest,
    ::testing::Values(
        BadSpec{"DesktopService.Get", "missing ':'"},
        BadSpec{"DeskService.Get:latency=1s",
                "unknown service \"DeskService\""},
        BadSpec{"DesktopService.Gett:latency=1s", "unknown method \"Gett\""},
        BadSpec{"*:latncy=1s", "unknown fault \"latncy\""},
        BadSpec{"*:latency=fast", "bad value \"fast\" of latency"},
        BadSpec{"*:health_check=-1s", "bad value \"-1s\" of health_check"},
        BadSpec{"*:unavailable=1.5", "bad value \"1.5\" of unavailable"},
        BadSpec{"*:unavailable=0.6,internal=0.6", "add up to more than 1"},
        BadSpec{"*:op_error=OOPS", "bad value \"OOPS\" of op_error"},
        BadSpec{"*:not_found_polls=-1", "bad value \"-1\" of not_found_polls"},
        BadSpec{"*:latency", "\"latency\" is not name=value"},
        BadSpec{"*:latency=1s;DesktopService:",
                "no faults after ':' in rule 2"}));

}  // namespace
