// The client facade against a scripted fake: every RPC's routing and
// headers, request ids in errors, retries and idempotency keys, validation
// before sending, deadlines, cancellation, paging, the log sink, and where
// continuations run.
#include <pthread.h>

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"
#include "tests/testing_util/recording_log_sink.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop_test::FakeCloud;
using ::clouddesktop_test::MakeOperation;
using ::clouddesktop_test::Reply;
using ::clouddesktop_test::Seen;
using ::testing::HasSubstr;

api::User MakeUser() {
  api::User user;
  user.set_subject_id("user-1");
  user.set_subject_type("userAccount");
  return user;
}

api::GetDesktopRequest GetDesktopRequest(const std::string& id) {
  api::GetDesktopRequest r;
  r.set_desktop_id(id);
  return r;
}

api::Desktop MakeDesktop(const std::string& id) {
  api::Desktop d;
  d.set_id(id);
  d.set_folder_id("folder-1");
  return d;
}

class FacadeTest : public ::testing::Test {
 protected:
  void SetUp() override { Connect(fake_.Options()); }
  void Connect(ConnectionOptions options) {
    connections_ = MakeConnections(std::move(options));
  }

  FakeCloud fake_;
  Connections connections_;  // after fake_: destroyed before it
};

// One case per RPC: a valid request through the blocking client method.
struct RpcCase {
  std::string method;
  bool mutating;
  std::function<absl::Status(const Connections&)> call;
};

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& v) {
  return v.status();
}
template <typename T>
absl::Status Drain(PaginationRange<T> range) {
  for (const auto& item : range) {
    if (!item.ok()) return item.status();
  }
  return absl::OkStatus();
}

std::vector<RpcCase> AllRpcs() {
  std::vector<RpcCase> cases;
  auto add = [&](std::string method, bool mutating,
                 std::function<absl::Status(const Connections&)> call) {
    cases.push_back({std::move(method), mutating, std::move(call)});
  };
  // DesktopImageService
  add("DesktopImageService.List", false, [](const Connections& c) {
    api::ListDesktopImagesRequest r;
    r.set_folder_id("f");
    return Drain(DesktopImageClient(c).ListDesktopImages(r));
  });
  add("DesktopImageService.Get", false, [](const Connections& c) {
    api::GetDesktopImageRequest r;
    r.set_image_id("i");
    return StatusOf(DesktopImageClient(c).GetDesktopImage(r));
  });
  add("DesktopImageService.Copy", true, [](const Connections& c) {
    api::CopyDesktopImageRequest r;
    r.set_folder_id("f");
    r.set_name("n");
    r.set_image_id("i");
    return StatusOf(DesktopImageClient(c).CopyDesktopImage(r));
  });
  add("DesktopImageService.CopyFromDesktop", true, [](const Connections& c) {
    api::CopyFromDesktopRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopImageClient(c).CopyFromDesktop(r));
  });
  add("DesktopImageService.Update", true, [](const Connections& c) {
    api::UpdateDesktopImageRequest r;
    r.set_image_id("i");
    return StatusOf(DesktopImageClient(c).UpdateDesktopImage(r));
  });
  add("DesktopImageService.Delete", true, [](const Connections& c) {
    api::DeleteDesktopImageRequest r;
    r.set_image_id("i");
    return StatusOf(DesktopImageClient(c).DeleteDesktopImage(r));
  });
  // DesktopService
  add("DesktopService.Get", false, [](const Connections& c) {
    return StatusOf(DesktopClient(c).GetDesktop(GetDesktopRequest("d")));
  });
  add("DesktopService.GetRdpFile", false, [](const Connections& c) {
    api::GetRdpFileRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).GetRdpFile(r));
  });
  add("DesktopService.List", false, [](const Connections& c) {
    api::ListDesktopsRequest r;
    r.set_folder_id("f");
    return Drain(DesktopClient(c).ListDesktops(r));
  });
  add("DesktopService.ListOperations", false, [](const Connections& c) {
    api::ListDesktopOperationsRequest r;
    r.set_desktop_id("d");
    return Drain(DesktopClient(c).ListDesktopOperations(r));
  });
  add("DesktopService.Create", true, [](const Connections& c) {
    api::CreateDesktopRequest r;
    r.set_desktop_group_id("g");
    *r.add_users() = MakeUser();
    return StatusOf(DesktopClient(c).CreateDesktop(r));
  });
  add("DesktopService.ResetPassword", true, [](const Connections& c) {
    api::ResetPasswordRequest r;
    r.set_desktop_id("d");
    *r.mutable_user() = MakeUser();
    return StatusOf(DesktopClient(c).ResetPassword(r));
  });
  add("DesktopService.Restart", true, [](const Connections& c) {
    api::RestartRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).RestartDesktop(r));
  });
  add("DesktopService.Start", true, [](const Connections& c) {
    api::StartRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).StartDesktop(r));
  });
  add("DesktopService.Stop", true, [](const Connections& c) {
    api::StopRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).StopDesktop(r));
  });
  add("DesktopService.Update", true, [](const Connections& c) {
    api::UpdateRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).UpdateDesktop(r));
  });
  add("DesktopService.UpdateProperties", true, [](const Connections& c) {
    api::UpdatePropertiesRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).UpdateDesktopProperties(r));
  });
  add("DesktopService.Delete", true, [](const Connections& c) {
    api::DeleteDesktopRequest r;
    r.set_desktop_id("d");
    return StatusOf(DesktopClient(c).DeleteDesktop(r));
  });
  // DesktopGroupService
  add("DesktopGroupService.Get", false, [](const Connections& c) {
    api::GetDesktopGroupRequest r;
    r.set_desktop_group_id("g");
    return StatusOf(DesktopGroupClient(c).GetDesktopGroup(r));
  });
  add("DesktopGroupService.List", false, [](const Connections& c) {
    api::ListDesktopGroupsRequest r;
    r.set_folder_id("f");
    return Drain(DesktopGroupClient(c).ListDesktopGroups(r));
  });
  add("DesktopGroupService.ListDesktops", false, [](const Connections& c) {
    api::ListDesktopGroupDesktopsRequest r;
    r.set_desktop_group_id("g");
    return Drain(DesktopGroupClient(c).ListDesktopGroupDesktops(r));
  });
  add("DesktopGroupService.ListOperations", false, [](const Connections& c) {
    api::ListDesktopGroupOperationsRequest r;
    r.set_desktop_group_id("g");
    return Drain(DesktopGroupClient(c).ListDesktopGroupOperations(r));
  });
  add("DesktopGroupService.Create", true, [](const Connections& c) {
    api::CreateDesktopGroupRequest r;
    r.set_folder_id("f");
    r.set_desktop_image_id("i");
    return StatusOf(DesktopGroupClient(c).CreateDesktopGroup(r));
  });
  add("DesktopGroupService.Delete", true, [](const Connections& c) {
    api::DeleteDesktopGroupRequest r;
    r.set_desktop_group_id("g");
    return StatusOf(DesktopGroupClient(c).DeleteDesktopGroup(r));
  });
  add("DesktopGroupService.Update", true, [](const Connections& c) {
    api::UpdateDesktopGroupRequest r;
    r.set_desktop_group_id("g");
    return StatusOf(DesktopGroupClient(c).UpdateDesktopGroup(r));
  });
  add("DesktopGroupService.ListAccessBindings", false,
      [](const Connections& c) {
        access::ListAccessBindingsRequest r;
        r.set_resource_id("g");
        return Drain(DesktopGroupClient(c).ListAccessBindings(r));
      });
  add("DesktopGroupService.SetAccessBindings", true, [](const Connections& c) {
    access::SetAccessBindingsRequest r;
    r.set_resource_id("g");
    return StatusOf(DesktopGroupClient(c).SetAccessBindings(r));
  });
  add("DesktopGroupService.UpdateAccessBindings", true,
      [](const Connections& c) {
        access::UpdateAccessBindingsRequest r;
        r.set_resource_id("g");
        auto* delta = r.add_access_binding_deltas();
        delta->set_action(access::ADD);
        delta->mutable_access_binding()->set_role_id("vdi.viewer");
        delta->mutable_access_binding()->mutable_subject()->set_id("u");
        delta->mutable_access_binding()->mutable_subject()->set_type(
            "userAccount");
        return StatusOf(DesktopGroupClient(c).UpdateAccessBindings(r));
      });
  // OperationService
  add("OperationService.Get", false, [](const Connections& c) {
    operation::GetOperationRequest r;
    r.set_operation_id("o");
    return StatusOf(OperationClient(c).GetOperation(r));
  });
  add("OperationService.Cancel", true, [](const Connections& c) {
    operation::CancelOperationRequest r;
    r.set_operation_id("o");
    return StatusOf(OperationClient(c).CancelOperation(r));
  });
  return cases;
}

TEST_F(FacadeTest, EveryRpcReachesItsMethodWithTheRightHeaders) {
  ConnectionOptions options = fake_.Options();
  options.auth = std::make_shared<StaticTokenAuth>("t0ken");
  options.user_agent_prefix = "facade-test/1";
  Connect(options);
  std::vector<RpcCase> cases = AllRpcs();
  ASSERT_EQ(cases.size(), 30u);  // 28 Cloud Desktop RPCs + Get/Cancel
  std::set<std::string> trace_ids;
  for (const RpcCase& c : cases) {
    SCOPED_TRACE(c.method);
    absl::Status status = c.call(connections_);
    EXPECT_TRUE(status.ok()) << status;
    std::vector<Seen> seen = fake_.Calls(c.method);
    ASSERT_EQ(seen.size(), 1u);
    const Seen& s = seen[0];
    EXPECT_EQ(s.header("authorization"), "Bearer t0ken");
    EXPECT_EQ(s.header("x-client-request-id").size(), 36u);
    EXPECT_EQ(s.header("x-client-trace-id").size(), 36u);
    trace_ids.insert(s.header("x-client-trace-id"));
    EXPECT_THAT(s.header("user-agent"),
                HasSubstr("facade-test/1 " + UserAgent()));
    EXPECT_EQ(s.header("idempotency-key").empty(), !c.mutating);
  }
  EXPECT_EQ(trace_ids.size(), cases.size());  // one per logical call
  EXPECT_EQ(fake_.CallCount(), 30);
}

TEST_F(FacadeTest, GetReturnsTheTypedResponse) {
  fake_.Script("DesktopService.Get", {Reply::Ok(MakeDesktop("dsk-1"))});
  DesktopClient client(connections_);
  absl::StatusOr<api::Desktop> d =
      client.GetDesktop(GetDesktopRequest("dsk-1"));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->id(), "dsk-1");
  EXPECT_EQ(d->folder_id(), "folder-1");
  auto seen = fake_.Calls("DesktopService.Get");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(
      static_cast<const api::GetDesktopRequest&>(*seen[0].request).desktop_id(),
      "dsk-1");
}

TEST_F(FacadeTest, ErrorsNameMethodCodeAndRequestIds) {
  Reply reply =
      Reply::Error(grpc::StatusCode::NOT_FOUND, "desktop e0d not found");
  reply.headers = {{"x-request-id", "req-123"}};
  reply.trailers = {{"x-server-trace-id", "trace-9"}};
  fake_.Script("DesktopService.Get", {reply});
  DesktopClient client(connections_);
  absl::StatusOr<api::Desktop> d = client.GetDesktop(GetDesktopRequest("e0d"));
  ASSERT_EQ(d.status().code(), absl::StatusCode::kNotFound);
  const std::string client_request_id =
      fake_.Calls("DesktopService.Get")[0].header("x-client-request-id");
  const std::string trace_id =
      fake_.Calls("DesktopService.Get")[0].header("x-client-trace-id");
  EXPECT_EQ(d.status().message(),
            "DesktopService.Get: NOT_FOUND: desktop e0d not found "
            "[x-request-id=req-123, x-server-trace-id=trace-9, "
            "x-client-request-id=" +
                client_request_id + ", x-client-trace-id=" + trace_id + "]");
}

TEST_F(FacadeTest, ErrorDetailsBecomePayloads) {
  google::rpc::BadRequest quota;
  quota.add_field_violations()->set_field("folder-1");
  auto details = std::make_shared<google::rpc::Status>();
  details->set_code(8);
  details->set_message("quota");
  details->add_details()->PackFrom(quota);
  Reply reply = Reply::Error(grpc::StatusCode::FAILED_PRECONDITION, "quota");
  reply.details = details;
  fake_.Script("DesktopService.Get", {reply});
  absl::StatusOr<api::Desktop> d =
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"));
  ASSERT_EQ(d.status().code(), absl::StatusCode::kFailedPrecondition);
  auto payload =
      d.status().GetPayload("type.googleapis.com/google.rpc.BadRequest");
  ASSERT_TRUE(payload.has_value());
  google::rpc::BadRequest parsed;
  ASSERT_TRUE(parsed.ParseFromString(std::string(*payload)));
  EXPECT_EQ(parsed.field_violations(0).field(), "folder-1");
  auto all = ErrorDetails(d.status());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].Is<google::rpc::BadRequest>());
}

TEST_F(FacadeTest, IdempotentCallsRetryTransientErrors) {
  fake_.Script("DesktopService.Get",
               {Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"),
                Reply::Error(grpc::StatusCode::RESOURCE_EXHAUSTED, "busy"),
                Reply::Ok(MakeDesktop("d"))});
  absl::StatusOr<api::Desktop> d =
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"));
  ASSERT_TRUE(d.ok()) << d.status();
  auto seen = fake_.Calls("DesktopService.Get");
  ASSERT_EQ(seen.size(), 3u);
  // One trace id for the logical call, a fresh request id per attempt.
  EXPECT_EQ(seen[0].header("x-client-trace-id"),
            seen[2].header("x-client-trace-id"));
  EXPECT_NE(seen[0].header("x-client-request-id"),
            seen[1].header("x-client-request-id"));
  EXPECT_NE(seen[1].header("x-client-request-id"),
            seen[2].header("x-client-request-id"));
}

TEST_F(FacadeTest, PermanentErrorsAreNotRetried) {
  fake_.Script("DesktopService.Get",
               {Reply::Error(grpc::StatusCode::PERMISSION_DENIED, "no")});
  auto d = DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"));
  EXPECT_EQ(d.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

TEST_F(FacadeTest, RetriesStopWhenThePolicyIsExhausted) {
  fake_.SetDefault("DesktopService.Get",
                   Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"));
  CallOptions options;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(2);
  auto d =
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"), options);
  EXPECT_EQ(d.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(d.status().message(), HasSubstr("attempts=3"));
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 3);
}

TEST_F(FacadeTest, IdempotencyKeyIsTheSameOnEveryRetry) {
  api::CreateDesktopMetadata metadata;
  metadata.set_desktop_id("d-1");
  fake_.Script("DesktopService.Create",
               {Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"),
                Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"),
                Reply::Ok(MakeOperation("op-1", false, &metadata))});
  api::CreateDesktopRequest request;
  request.set_desktop_group_id("g");
  *request.add_users() = MakeUser();
  DesktopClient client(connections_);
  auto op = client.CreateDesktop(request);
  ASSERT_TRUE(op.ok()) << op.status();
  EXPECT_EQ(op->id(), "op-1");
  auto seen = fake_.Calls("DesktopService.Create");
  ASSERT_EQ(seen.size(), 3u);
  std::string key = seen[0].header("idempotency-key");
  EXPECT_EQ(key.size(), 36u);
  EXPECT_EQ(seen[1].header("idempotency-key"), key);
  EXPECT_EQ(seen[2].header("idempotency-key"), key);
  // A second logical call gets a fresh key.
  fake_.Script("DesktopService.Create",
               {Reply::Ok(MakeOperation("op-2", false))});
  ASSERT_TRUE(client.CreateDesktop(request).ok());
  EXPECT_NE(fake_.Calls("DesktopService.Create")[3].header("idempotency-key"),
            key);
}

TEST_F(FacadeTest, CallerSuppliedIdempotencyKeyIsUsed) {
  api::StopRequest request;
  request.set_desktop_id("d");
  CallOptions options;
  options.idempotency_key = "my-key-1";
  ASSERT_TRUE(DesktopClient(connections_).StopDesktop(request, options).ok());
  EXPECT_EQ(fake_.Calls("DesktopService.Stop")[0].header("idempotency-key"),
            "my-key-1");
}

TEST_F(FacadeTest, MutatingCallsWithoutAKeyAreNeverRetried) {
  ConnectionOptions options = fake_.Options();
  options.idempotency_keys = false;
  Connect(options);
  fake_.Script("DesktopService.Stop",
               {Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"),
                Reply::Ok(MakeOperation("op", false))});
  api::StopRequest request;
  request.set_desktop_id("d");
  auto op = DesktopClient(connections_).StopDesktop(request);
  EXPECT_EQ(op.status().code(), absl::StatusCode::kUnavailable);
  auto seen = fake_.Calls("DesktopService.Stop");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].header("idempotency-key"), "");
}

TEST_F(FacadeTest, InvalidRequestsFailBeforeSending) {
  api::GetDesktopRequest bad;  // desktop_id is required
  auto d = DesktopClient(connections_).GetDesktop(bad);
  ASSERT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(d.status().message(), HasSubstr("DesktopService.Get: "));
  EXPECT_THAT(d.status().message(), HasSubstr("desktop_id"));
  EXPECT_FALSE(ValidationViolations(d.status()).empty());
  api::CreateDesktopRequest no_users;
  no_users.set_desktop_group_id("g");
  auto op = DesktopClient(connections_).CreateDesktop(no_users);
  EXPECT_EQ(op.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.CallCount(), 0);  // nothing left the process
}

TEST_F(FacadeTest, ValidationCanBeTurnedOffPerCall) {
  fake_.Script(
      "DesktopService.Get",
      {Reply::Error(grpc::StatusCode::INVALID_ARGUMENT, "server says no")});
  CallOptions options;
  options.validate = false;
  auto d =
      DesktopClient(connections_).GetDesktop(api::GetDesktopRequest(), options);
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(d.status().message(), HasSubstr("server says no"));
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

TEST_F(FacadeTest, EveryAttemptHasADeadline) {
  fake_.Script("DesktopService.Get", {Reply::Hang()});
  CallOptions options;
  options.timeout = absl::Milliseconds(50);
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(0);
  auto d =
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"), options);
  EXPECT_EQ(d.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(d.status().message(),
              HasSubstr("DesktopService.Get: DEADLINE_EXCEEDED"));
}

TEST_F(FacadeTest, CancellingAFutureCancelsTheRpc) {
  fake_.Script("DesktopService.Get", {Reply::Hang()});
  auto f = DesktopClient(connections_).GetDesktopAsync(GetDesktopRequest("d"));
  ASSERT_TRUE(fake_.WaitForCalls("DesktopService.Get", 1));
  f.Cancel();
  absl::StatusOr<api::Desktop> d = f.Get();
  EXPECT_EQ(d.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(d.status().message(), HasSubstr("cancelled by the caller"));
  // The server saw the cancellation (RST_STREAM) and no retry followed.
  for (int i = 0; i < 1000 && fake_.CancelledCount() == 0; ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_EQ(fake_.CancelledCount(), 1);
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

TEST_F(FacadeTest, CancellingDuringBackoffStopsTheRetryLoop) {
  ConnectionOptions options = fake_.Options();
  options.backoff_policy = std::make_shared<ExponentialBackoffPolicy>(
      absl::Hours(1), absl::Hours(1), 1.0);
  Connect(options);
  fake_.SetDefault("DesktopService.Get",
                   Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"));
  auto f = DesktopClient(connections_).GetDesktopAsync(GetDesktopRequest("d"));
  ASSERT_TRUE(fake_.WaitForCalls("DesktopService.Get", 1));
  absl::SleepFor(absl::Milliseconds(20));
  f.Cancel();
  EXPECT_EQ(f.Get().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(FacadeTest, PaginationRangeWalksEveryPage) {
  api::ListDesktopsResponse p1, p2, p3;
  *p1.add_desktops() = MakeDesktop("a");
  *p1.add_desktops() = MakeDesktop("b");
  p1.set_next_page_token("t2");
  *p2.add_desktops() = MakeDesktop("c");
  p2.set_next_page_token("t3");
  p3.set_next_page_token("");
  fake_.Script("DesktopService.List",
               {Reply::Ok(p1), Reply::Ok(p2), Reply::Ok(p3)});
  api::ListDesktopsRequest request;
  request.set_folder_id("f");
  request.set_page_size(2);
  std::vector<std::string> ids;
  for (const absl::StatusOr<api::Desktop>& d :
       DesktopClient(connections_).ListDesktops(request)) {
    ASSERT_TRUE(d.ok()) << d.status();
    ids.push_back(d->id());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"}));
  auto seen = fake_.Calls("DesktopService.List");
  ASSERT_EQ(seen.size(), 3u);
  auto token = [&](int i) {
    return static_cast<const api::ListDesktopsRequest&>(*seen[i].request)
        .page_token();
  };
  EXPECT_EQ(token(0), "");
  EXPECT_EQ(token(1), "t2");
  EXPECT_EQ(token(2), "t3");
}

TEST_F(FacadeTest, PaginationRangeStopsAtTheFirstError) {
  api::ListDesktopsResponse p1;
  *p1.add_desktops() = MakeDesktop("a");
  p1.set_next_page_token("t2");
  fake_.Script(
      "DesktopService.List",
      {Reply::Ok(p1), Reply::Error(grpc::StatusCode::PERMISSION_DENIED, "no")});
  api::ListDesktopsRequest request;
  request.set_folder_id("f");
  std::vector<absl::StatusCode> codes;
  for (const auto& d : DesktopClient(connections_).ListDesktops(request)) {
    codes.push_back(d.status().code());
  }
  EXPECT_EQ(codes,
            (std::vector<absl::StatusCode>{
                absl::StatusCode::kOk, absl::StatusCode::kPermissionDenied}));
  EXPECT_EQ(fake_.CallCount("DesktopService.List"), 2);
}

TEST_F(FacadeTest, AsyncPageByPage) {
  access::ListAccessBindingsResponse page;
  page.add_access_bindings()->set_role_id("vdi.viewer");
  page.set_next_page_token("next");
  fake_.Script("DesktopGroupService.ListAccessBindings", {Reply::Ok(page)});
  access::ListAccessBindingsRequest request;
  request.set_resource_id("g");
  auto f = DesktopGroupClient(connections_).ListAccessBindingsAsync(request);
  auto got = f.Get();
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->access_bindings_size(), 1);
  EXPECT_EQ(got->next_page_token(), "next");
}

using RecordingSink = ::testing_util::RecordingLogSink;

TEST_F(FacadeTest, LogSinkGetsOneRecordPerAttemptWithoutSecrets) {
  auto sink = std::make_shared<RecordingSink>();
  ConnectionOptions options = fake_.Options();
  options.log_sink = sink;
  options.auth = std::make_shared<StaticTokenAuth>("s3cret-token");
  Connect(options);
  Reply ok = Reply::Ok(MakeDesktop("d"));
  ok.headers = {{"x-request-id", "req-2"}};
  fake_.Script("DesktopService.Get",
               {Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"), ok});
  ASSERT_TRUE(
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d")).ok());
  auto records = sink->records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].method, "DesktopService.Get");
  EXPECT_EQ(records[0].attempt, 1);
  EXPECT_EQ(records[0].code, absl::StatusCode::kUnavailable);
  EXPECT_EQ(records[1].attempt, 2);
  EXPECT_EQ(records[1].code, absl::StatusCode::kOk);
  EXPECT_EQ(records[1].request_id, "req-2");
  EXPECT_EQ(records[0].client_trace_id, records[1].client_trace_id);
  EXPECT_NE(records[0].client_request_id, records[1].client_request_id);
  EXPECT_THAT(records[1].peer, HasSubstr("127.0.0.1"));
  for (const auto& r : records) {
    for (const std::string& field :
         {r.method, r.peer, r.message, r.client_request_id, r.client_trace_id,
          r.idempotency_key, r.request_id, r.server_trace_id}) {
      EXPECT_FALSE(absl::StrContains(field, "s3cret")) << field;
    }
  }
}

class FailingAuth : public AuthProvider {
 public:
  Future<absl::StatusOr<std::string>> GetToken() override {
    return MakeReadyFuture(
        absl::StatusOr<std::string>(absl::UnauthenticatedError("no key file")));
  }
};

TEST_F(FacadeTest, AuthProviderErrorsFailTheCallWithoutSending) {
  ConnectionOptions options = fake_.Options();
  options.auth = std::make_shared<FailingAuth>();
  Connect(options);
  auto d = DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"));
  EXPECT_EQ(d.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(d.status().message(), HasSubstr("DesktopService.Get"));
  EXPECT_THAT(d.status().message(), HasSubstr("no key file"));
  EXPECT_EQ(fake_.CallCount(), 0);
}

// An auth provider whose token arrives later, from its own thread.
class SlowAuth : public AuthProvider {
 public:
  ~SlowAuth() override {
    for (auto& t : threads_) {
      if (t.get_id() == std::this_thread::get_id()) {
        t.detach();  // the last reference went away on this very thread
      } else {
        t.join();
      }
    }
  }
  Future<absl::StatusOr<std::string>> GetToken() override {
    Promise<absl::StatusOr<std::string>> p;
    auto f = p.GetFuture();
    internal::MutexLock lock(&mu_);
    threads_.emplace_back([p = std::move(p)]() mutable {
      absl::SleepFor(absl::Milliseconds(5));
      p.SetValue(std::string("later"));
    });
    return f;
  }

 private:
  internal::Mutex mu_;
  std::vector<std::thread> threads_;
};

TEST_F(FacadeTest, AsyncAuthProvider) {
  auto auth = std::make_shared<SlowAuth>();
  ConnectionOptions options = fake_.Options();
  options.auth = auth;
  Connect(options);
  ASSERT_TRUE(
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d")).ok());
  EXPECT_EQ(fake_.Calls("DesktopService.Get")[0].header("authorization"),
            "Bearer later");
  connections_ = Connections();
}

// Hands out token-1, then token-2 after the server rejected token-1.
class RotatingAuth : public AuthProvider {
 public:
  Future<absl::StatusOr<std::string>> GetToken() override {
    internal::MutexLock lock(&mu_);
    return MakeReadyFuture(
        absl::StatusOr<std::string>(absl::StrCat("token-", generation_)));
  }
  void OnUnauthenticated(absl::string_view rejected) override {
    internal::MutexLock lock(&mu_);
    rejected_.push_back(std::string(rejected));
    ++generation_;
  }
  std::vector<std::string> rejected() {
    internal::MutexLock lock(&mu_);
    return rejected_;
  }

 private:
  internal::Mutex mu_;
  int generation_ = 1;
  std::vector<std::string> rejected_;
};

TEST_F(FacadeTest, UnauthenticatedRefreshesTheTokenAndRetriesOnce) {
  auto auth = std::make_shared<RotatingAuth>();
  ConnectionOptions options = fake_.Options();
  options.auth = auth;
  Connect(options);
  fake_.Script("DesktopService.Stop",
               {Reply::Error(grpc::StatusCode::UNAUTHENTICATED, "expired"),
                Reply::Ok(MakeOperation("op", false))});
  api::StopRequest request;
  request.set_desktop_id("d");
  ASSERT_TRUE(DesktopClient(connections_).StopDesktop(request).ok());
  auto seen = fake_.Calls("DesktopService.Stop");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].header("authorization"), "Bearer token-1");
  EXPECT_EQ(seen[1].header("authorization"), "Bearer token-2");
  EXPECT_EQ(auth->rejected(), (std::vector<std::string>{"token-1"}));

  // Only once per call: a second rejection is the caller's error.
  fake_.Script("DesktopService.Stop",
               {Reply::Error(grpc::StatusCode::UNAUTHENTICATED, "no"),
                Reply::Error(grpc::StatusCode::UNAUTHENTICATED, "still no")});
  auto op = DesktopClient(connections_).StopDesktop(request);
  EXPECT_EQ(op.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(op.status().message(), HasSubstr("still no"));
  EXPECT_EQ(fake_.CallCount("DesktopService.Stop"), 4);
}

std::string ThreadName() {
  char name[32] = {0};
  pthread_getname_np(pthread_self(), name, sizeof(name));
  return name;
}

TEST_F(FacadeTest, ContinuationsRunOnConnectionThreads) {
  Reply slow = Reply::Ok(MakeDesktop("d"));
  slow.delay = absl::Milliseconds(20);  // not ready when Then is attached
  fake_.SetDefault("DesktopService.Get", slow);
  DesktopClient client(connections_);
  std::vector<Future<std::string>> names;
  for (int i = 0; i < 20; ++i) {
    names.push_back(
        client.GetDesktopAsync(GetDesktopRequest("d"))
            .Then([](absl::StatusOr<api::Desktop>) { return ThreadName(); }));
  }
  for (auto& f : names) EXPECT_EQ(f.Get(), "clouddesktop");
}

TEST_F(FacadeTest, ContinuationsChainCalls) {
  fake_.SetDefault("DesktopService.Get", Reply::Ok(MakeDesktop("d")));
  DesktopClient client(connections_);
  Future<absl::StatusOr<api::Desktop>> f =
      client.GetDesktopAsync(GetDesktopRequest("a"))
          .Then([client](absl::StatusOr<api::Desktop> d) {
            return client.GetDesktopAsync(GetDesktopRequest(d->id() + "2"));
          });
  auto d = f.Get();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 2);
}

TEST_F(FacadeTest, ExtraMetadataAndUserAgent) {
  CallOptions options;
  options.metadata = {{"x-team", "vdi"}};
  ASSERT_TRUE(DesktopClient(connections_)
                  .GetDesktop(GetDesktopRequest("d"), options)
                  .ok());
  auto seen = fake_.Calls("DesktopService.Get")[0];
  EXPECT_EQ(seen.header("x-team"), "vdi");
  EXPECT_THAT(seen.header("user-agent"), HasSubstr("clouddesktop-cpp/"));
  EXPECT_EQ(seen.header("authorization"), "");  // no AuthProvider
}

TEST_F(FacadeTest, OverallDeadlineBoundsRetries) {
  fake_.SetDefault("DesktopService.Get",
                   Reply::Error(grpc::StatusCode::UNAVAILABLE, "down"));
  CallOptions options;
  options.deadline = absl::Now() - absl::Seconds(1);
  auto d =
      DesktopClient(connections_).GetDesktop(GetDesktopRequest("d"), options);
  EXPECT_EQ(d.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(fake_.CallCount(), 0);
}

TEST_F(FacadeTest, OperationServiceHasItsOwnEndpoint) {
  FakeCloud operations;  // stands for operation.api.cloud.yandex.net
  ConnectionOptions options = fake_.Options();
  options.operation_endpoint = operations.address();
  Connect(options);
  fake_.Script("DesktopService.Stop",
               {Reply::Ok(MakeOperation("op-s", false))});
  api::Desktop stopped_desktop = MakeDesktop("d");
  operations.ScriptOperation(
      "op-s",
      {Reply::Ok(MakeOperation("op-s", false)),
       Reply::Ok(MakeOperation("op-s", true, nullptr, &stopped_desktop))});
  api::StopRequest request;
  request.set_desktop_id("d");
  auto op = DesktopClient(connections_).StopDesktop(request);
  ASSERT_TRUE(op.ok()) << op.status();
  fake_.Script("OperationService.Cancel",
               {Reply::Error(grpc::StatusCode::INTERNAL, "wrong endpoint")});
  operation::CancelOperationRequest cancel;
  cancel.set_operation_id("op-x");
  EXPECT_TRUE(OperationClient(connections_).CancelOperation(cancel).ok());
  absl::StatusOr<api::Desktop> stopped = op->Await();
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  EXPECT_EQ(stopped->id(), "d");
  EXPECT_EQ(fake_.CallCount("DesktopService.Stop"), 1);
  EXPECT_EQ(operations.CallCount("DesktopService.Stop"), 0);
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 0);
  EXPECT_EQ(fake_.CallCount("OperationService.Cancel"), 0);
  EXPECT_EQ(operations.CallCount("OperationService.Get"), 2);
  EXPECT_EQ(operations.CallCount("OperationService.Cancel"), 1);
  connections_ = Connections();  // before `operations` goes
}

TEST(DiscoverEndpointsTest, NeedsADiscoveryEndpoint) {
  auto options = DiscoverEndpoints(ConnectionOptions());
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ConnectionOptionsTest, Defaults) {
  ConnectionOptions options;
  EXPECT_EQ(options.endpoint, "clouddesktops.api.cloud.yandex.net:443");
  EXPECT_EQ(options.operation_endpoint, "operation.api.cloud.yandex.net:443");
  EXPECT_EQ(options.transport, TransportKind::kGrpc);
  // The REST reference's hosts (options.h cites the pages).
  EXPECT_EQ(options.rest_endpoint, "cloud-desktop.api.cloud.yandex.net:443");
  EXPECT_EQ(options.rest_operation_endpoint,
            "operation.api.cloud.yandex.net:443");
  EXPECT_FALSE(options.insecure);
  EXPECT_EQ(options.thread_count, 2);
  EXPECT_EQ(options.rpc_timeout, absl::Seconds(30));
  EXPECT_TRUE(options.validate_requests);
  EXPECT_TRUE(options.idempotency_keys);
  EXPECT_NE(options.retry_policy, nullptr);
  EXPECT_NE(options.backoff_policy, nullptr);
  EXPECT_NE(options.polling_policy, nullptr);
  EXPECT_EQ(UserAgent(), "clouddesktop-cpp/" + std::string(kVersion));
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
