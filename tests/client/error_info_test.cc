// FromStatus and ErrorInfo::ToString on the errors the library builds: the
// fields come from payloads (never from parsing the message), every
// standard google.rpc detail is decoded, and the one-line rendering holds
// no raw bytes.

#include "clouddesktop/error_info.h"

#include <grpcpp/support/status.h>

#include <string>

#include "absl/strings/cord.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/validation.h"
#include "gmock/gmock.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

internal::CallIds Ids() {
  internal::CallIds ids;
  ids.client_request_id = "creq-1";
  ids.client_trace_id = "ctrace-1";
  ids.request_id = "sreq-1";
  ids.server_trace_id = "strace-1";
  return ids;
}

// A server's google.rpc.Status with one detail of every standard type and
// one of a type FromStatus does not know.
grpc::Status ServerError() {
  google::rpc::Status rpc;
  rpc.set_code(8);
  rpc.set_message("quota exceeded");
  google::rpc::QuotaFailure quota;
  auto* q = quota.add_violations();
  q->set_subject("folder:f1");
  q->set_description("desktops.count limit 10");
  rpc.add_details()->PackFrom(quota);
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(2);
  retry.mutable_retry_delay()->set_nanos(500000000);
  rpc.add_details()->PackFrom(retry);
  google::rpc::ErrorInfo reason;
  reason.set_reason("QUOTA_EXCEEDED");
  reason.set_domain("clouddesktop.api.cloud.yandex.net");
  (*reason.mutable_metadata())["quota"] = "desktops.count";
  rpc.add_details()->PackFrom(reason);
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("name");
  v->set_description("too long");
  v->set_reason("length");
  rpc.add_details()->PackFrom(bad);
  google::rpc::PreconditionFailure pre;
  auto* p = pre.add_violations();
  p->set_type("STATUS");
  p->set_subject("dsk-1");
  p->set_description("desktop is not STOPPED");
  rpc.add_details()->PackFrom(pre);
  google::rpc::ResourceInfo resource;
  resource.set_resource_type("desktop");
  resource.set_resource_name("dsk-1");
  rpc.add_details()->PackFrom(resource);
  google::rpc::Help help;
  help.add_links()->set_url(
      "https://yandex.cloud/docs/cloud-desktop/concepts/limits");
  rpc.add_details()->PackFrom(help);
  google::rpc::LocalizedMessage localized;
  localized.set_locale("en-US");
  localized.set_message("Too many desktops");
  rpc.add_details()->PackFrom(localized);
  google::rpc::DebugInfo debug;
  debug.set_detail("\x01\x02 binary-ish");
  rpc.add_details()->PackFrom(debug);
  return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                      "quota exceeded\nsecond line", rpc.SerializeAsString());
}

TEST(ErrorInfoTest, RpcErrorGivesMethodIdsAndAttemptsWithoutParsing) {
  absl::Status status =
      internal::RpcError("DesktopService.Create", ServerError(), Ids(), 3);
  ErrorInfo e = FromStatus(status);
  EXPECT_EQ(e.code, absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(e.method, "DesktopService.Create");
  EXPECT_EQ(e.message, "quota exceeded\nsecond line");  // not decorated
  EXPECT_EQ(e.client_request_id, "creq-1");
  EXPECT_EQ(e.client_trace_id, "ctrace-1");
  EXPECT_EQ(e.request_id, "sreq-1");
  EXPECT_EQ(e.server_trace_id, "strace-1");
  EXPECT_EQ(e.attempts, 3);
  EXPECT_EQ(e.operation_id, "");
  EXPECT_FALSE(e.wait_incomplete);

  // A message that looks like the library's decoration changes nothing:
  // the fields are payloads.
  absl::Status lookalike(status.code(),
                         "Other.Method: NOT_FOUND: x [x-request-id=forged]");
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    lookalike.SetPayload(url, value);
  });
  EXPECT_EQ(FromStatus(lookalike).method, "DesktopService.Create");
  EXPECT_EQ(FromStatus(lookalike).request_id, "sreq-1");
}

TEST(ErrorInfoTest, DecodesEveryStandardDetail) {
  ErrorInfo e = FromStatus(
      internal::RpcError("DesktopService.Create", ServerError(), Ids(), 1));
  ASSERT_EQ(e.quota_violations.size(), 1u);
  EXPECT_EQ(e.quota_violations[0].subject, "folder:f1");
  EXPECT_EQ(e.quota_violations[0].description, "desktops.count limit 10");
  ASSERT_TRUE(e.retry_delay.has_value());
  EXPECT_EQ(*e.retry_delay, absl::Milliseconds(2500));
  ASSERT_EQ(e.reasons.size(), 1u);
  EXPECT_EQ(e.reasons[0].reason, "QUOTA_EXCEEDED");
  EXPECT_EQ(e.reasons[0].domain, "clouddesktop.api.cloud.yandex.net");
  EXPECT_THAT(e.reasons[0].metadata,
              ElementsAre(Pair("quota", "desktops.count")));
  EXPECT_THAT(e.field_violations,
              ElementsAre(FieldViolation{"name", "length", "too long"}));
  ASSERT_EQ(e.precondition_violations.size(), 1u);
  EXPECT_EQ(e.precondition_violations[0].subject, "dsk-1");
  ASSERT_EQ(e.resources.size(), 1u);
  EXPECT_EQ(e.resources[0].resource_name, "dsk-1");
  ASSERT_EQ(e.help_links.size(), 1u);
  EXPECT_THAT(e.help_links[0].url, HasSubstr("concepts/limits"));
  EXPECT_EQ(e.localized_message, "Too many desktops");
  EXPECT_THAT(e.other_details, ElementsAre("google.rpc.DebugInfo"));
}

TEST(ErrorInfoTest, ToStringIsOneReadableLine) {
  absl::Status status =
      internal::RpcError("DesktopService.Create", ServerError(), Ids(), 3);
  // What this replaces: absl's rendering carries the payload bytes.
  EXPECT_THAT(status.ToString(), HasSubstr("google.rpc.Status='"));

  std::string line = FromStatus(status).ToString();
  EXPECT_THAT(line, HasSubstr("DesktopService.Create: RESOURCE_EXHAUSTED: "
                              "quota exceeded second line"));
  EXPECT_THAT(line, HasSubstr("quota folder:f1: desktops.count limit 10"));
  EXPECT_THAT(line, HasSubstr("retry in 2.5s"));
  EXPECT_THAT(line, HasSubstr("field name: too long"));
  EXPECT_THAT(line, HasSubstr("reason clouddesktop.api.cloud.yandex.net/"
                              "QUOTA_EXCEEDED {quota=desktops.count}"));
  EXPECT_THAT(line, HasSubstr("details google.rpc.DebugInfo"));
  EXPECT_THAT(line, HasSubstr("[x-request-id=sreq-1, x-server-trace-id="
                              "strace-1, x-client-request-id=creq-1, "
                              "x-client-trace-id=ctrace-1, attempts=3]"));
  EXPECT_THAT(line, Not(HasSubstr("binary-ish")));  // DebugInfo not dumped
  for (char c : line) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << line;
  }
}

TEST(ErrorInfoTest, FailedOperationCarriesItsId) {
  yandex::cloud::operation::Operation op;
  op.set_id("op-7");
  op.set_done(true);
  op.mutable_error()->set_code(9);
  op.mutable_error()->set_message("desktop is running");
  ErrorInfo e = FromStatus(internal::OperationError(op));
  EXPECT_EQ(e.code, absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(e.operation_id, "op-7");
  EXPECT_EQ(e.message, "desktop is running");
  EXPECT_FALSE(e.wait_incomplete);
  EXPECT_EQ(e.ToString(),
            "FAILED_PRECONDITION: desktop is running; operation op-7 failed");
}

TEST(ErrorInfoTest, IncompleteWaitIsFlagged) {
  absl::Status status = absl::DeadlineExceededError(
      "waiting for operation op-9: the wait's deadline passed");
  status.SetPayload(kWaitIncompletePayloadUrl, absl::Cord("op-9"));
  ErrorInfo e = FromStatus(status);
  EXPECT_TRUE(e.wait_incomplete);
  EXPECT_EQ(e.operation_id, "op-9");
  EXPECT_THAT(e.ToString(),
              HasSubstr("operation op-9 (wait ended without its outcome)"));
}

TEST(ErrorInfoTest, ForeignAndOkStatuses) {
  EXPECT_EQ(FromStatus(absl::OkStatus()).code, absl::StatusCode::kOk);
  EXPECT_EQ(FromStatus(absl::OkStatus()).ToString(), "OK");
  ErrorInfo e = FromStatus(absl::UnavailableError("connection refused"));
  EXPECT_EQ(e.message, "connection refused");
  EXPECT_EQ(e.method, "");
  EXPECT_EQ(e.attempts, 0);
  EXPECT_EQ(e.ToString(), "UNAVAILABLE: connection refused");
}

TEST(ErrorInfoTest, LocalValidationErrorsKeepTheirViolations) {
  // Validate attaches a BadRequest alone (no google.rpc.Status).
  ErrorInfo e = FromStatus(Validate(api::GetDesktopRequest()));
  EXPECT_EQ(e.code, absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(e.field_violations.size(), 1u);
  EXPECT_EQ(e.field_violations[0].field, "desktop_id");
  EXPECT_EQ(e.field_violations[0].rule, "required");
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
