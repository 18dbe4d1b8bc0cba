// What every call carries: request-id headers, validation errors with
// BadRequest details, the poll-interval hint, idempotency keys; plus the
// endpoint and health services.
#include <grpcpp/generic/generic_stub.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/notification.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

std::string Header(const grpc::ClientContext& context,
                   const std::string& name) {
  auto it = context.GetServerInitialMetadata().find(name);
  if (it == context.GetServerInitialMetadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

bool IsUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !absl::ascii_isxdigit(s[i])) return false;
  }
  return true;
}

struct RawResult {
  grpc::Status status;
  std::string bytes;  // the response message, serialized
};

// Calls `method` with `request` as the serialized request message, as a
// client that does not use the generated code would.
RawResult RawCall(const std::shared_ptr<grpc::Channel>& channel,
                  const std::string& method, const std::string& request) {
  grpc::GenericStub generic(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kRpcDeadline));
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response;
  testing_util::Notification done;
  RawResult result;
  generic.UnaryCall(&context, method, {}, &request_buffer, &response,
                    [&](grpc::Status s) {
                      result.status = std::move(s);
                      done.Notify();
                    });
  EXPECT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10))) << method;
  std::vector<grpc::Slice> slices;
  if (result.status.ok() && response.Dump(&slices).ok()) {
    for (const auto& piece : slices) {
      result.bytes.append(reinterpret_cast<const char*>(piece.begin()),
                          piece.size());
    }
  }
  return result;
}

class CallTest : public EmulatorTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.poll_interval_hint = absl::Milliseconds(750);
    return options;
  }

  int CountDesktops(const std::string& group_id) {
    api::ListDesktopGroupDesktopsRequest request;
    request.set_desktop_group_id(group_id);
    api::ListDesktopGroupDesktopsResponse response;
    EXPECT_TRUE(
        stubs_->groups->ListDesktops(Ctx().get(), request, &response).ok());
    return response.desktops_size();
  }
};

TEST_F(CallTest, EveryResponseCarriesRequestIds) {
  auto ok_context = Ctx();
  ok_context->AddMetadata("x-client-request-id", "client-req-1");
  ok_context->AddMetadata("x-client-trace-id", "client-trace-1");
  api::GetDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  ASSERT_TRUE(stubs_->images->Get(ok_context.get(), request, &image).ok());
  EXPECT_TRUE(IsUuid(Header(*ok_context, "x-request-id")))
      << Header(*ok_context, "x-request-id");
  EXPECT_FALSE(Header(*ok_context, "x-server-trace-id").empty());
  EXPECT_EQ(Header(*ok_context, "x-client-request-id"), "client-req-1");
  EXPECT_EQ(Header(*ok_context, "x-client-trace-id"), "client-trace-1");

  // Errors too, and each call gets its own id.
  auto error_context = Ctx();
  request.set_image_id("img-missing");
  ASSERT_EQ(
      stubs_->images->Get(error_context.get(), request, &image).error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(IsUuid(Header(*error_context, "x-request-id")));
  EXPECT_NE(Header(*error_context, "x-request-id"),
            Header(*ok_context, "x-request-id"));
  EXPECT_EQ(Header(*error_context, "x-client-request-id"), "");
}

TEST_F(CallTest, InvalidRequestsNameTheFieldInBadRequestDetails) {
  api::CreateDesktopGroupRequest request = GroupRequest("Bad_Name");
  request.clear_folder_id();
  operation::Operation op;
  grpc::Status status = stubs_->groups->Create(Ctx().get(), request, &op);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("folder_id"));
  EXPECT_THAT(status.error_message(), HasSubstr("name"));

  google::rpc::Status details = RpcStatusOf(status);
  EXPECT_EQ(details.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details.message(), status.error_message());
  ASSERT_EQ(details.details_size(), 1);
  EXPECT_EQ(details.details(0).type_url(),
            "type.googleapis.com/google.rpc.BadRequest");
  std::vector<std::string> fields;
  for (const auto& v : ViolationsOf(status)) {
    fields.push_back(v.field());
    EXPECT_FALSE(v.description().empty());
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("folder_id", "name"));
}

TEST_F(CallTest, OtherErrorsCarryAStatusDetailToo) {
  api::GetDesktopRequest request;
  request.set_desktop_id("dskmissing0000000000");
  api::Desktop desktop;
  grpc::Status status = stubs_->desktops->Get(Ctx().get(), request, &desktop);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details = RpcStatusOf(status);
  EXPECT_EQ(details.code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(details.message(), HasSubstr("dskmissing0000000000"));
}

TEST_F(CallTest, OperationResponsesCarryThePollIntervalHint) {
  api::DesktopGroup group = CreateGroup();
  auto context = Ctx();
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->desktops->Create(context.get(), DesktopRequest(group.id()), &op)
          .ok());
  EXPECT_EQ(Header(*context, "x-operation-poll-interval"), "0.75");

  auto poll_context = Ctx();
  operation::GetOperationRequest get;
  get.set_operation_id(op.id());
  ASSERT_TRUE(stubs_->operations->Get(poll_context.get(), get, &op).ok());
  EXPECT_EQ(Header(*poll_context, "x-operation-poll-interval"), "0.75");

  auto plain_context = Ctx();
  api::GetDesktopGroupRequest get_group;
  get_group.set_desktop_group_id(group.id());
  ASSERT_TRUE(stubs_->groups->Get(plain_context.get(), get_group, &group).ok());
  EXPECT_EQ(Header(*plain_context, "x-operation-poll-interval"), "");
}

// API design guide, concepts/idempotency: "it checks whether an operation
// with this UUID has already been created. If so, the server returns the
// Operation object with this operation's current status."
TEST_F(CallTest, GuideIdempotencyKeyReturnsTheSameOperationAndCreatesNothing) {
  constexpr char kKey[] = "3f2c9a1e-7b4d-4c8e-9f10-2a6b5c4d3e21";
  api::DesktopGroup group = CreateGroup();
  api::CreateDesktopRequest request = DesktopRequest(group.id());
  auto first_context = Ctx();
  first_context->AddMetadata("idempotency-key", kKey);
  operation::Operation first;
  ASSERT_TRUE(
      stubs_->desktops->Create(first_context.get(), request, &first).ok());
  WaitDone(first.id());

  auto again_context = Ctx();
  again_context->AddMetadata("idempotency-key", kKey);
  operation::Operation again;
  ASSERT_TRUE(
      stubs_->desktops->Create(again_context.get(), request, &again).ok());
  EXPECT_EQ(again.id(), first.id());
  EXPECT_TRUE(again.done());  // its current state
  EXPECT_EQ(CountDesktops(group.id()), 1);

  // The guide makes no exception for a different request: the key names
  // the operation, whatever the body (refusing it would be stricter than
  // the service documents).
  auto other_context = Ctx();
  other_context->AddMetadata("idempotency-key", kKey);
  request.set_name("other");
  operation::Operation other;
  ASSERT_TRUE(
      stubs_->desktops->Create(other_context.get(), request, &other).ok());
  EXPECT_EQ(other.id(), first.id());
  EXPECT_EQ(CountDesktops(group.id()), 1);

  // A fresh key creates a second desktop; no key at all, a third.
  auto fresh_context = Ctx();
  fresh_context->AddMetadata("idempotency-key",
                             "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  ASSERT_TRUE(
      stubs_->desktops->Create(fresh_context.get(), request, &other).ok());
  EXPECT_NE(other.id(), first.id());
  request.set_name("third");
  ASSERT_TRUE(stubs_->desktops->Create(Ctx().get(), request, &other).ok());
  EXPECT_EQ(CountDesktops(group.id()), 3);
}

// API design guide, concepts/idempotency: "The header must contain the
// UUID."
TEST_F(CallTest, GuideIdempotencyKeyMustBeAUuid) {
  api::DesktopGroup group = CreateGroup();
  auto context = Ctx();
  context->AddMetadata("idempotency-key", "key-1");
  operation::Operation op;
  grpc::Status status =
      stubs_->desktops->Create(context.get(), DesktopRequest(group.id()), &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("must be a UUID"));
  auto violations = ViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field(), "idempotency-key");
  EXPECT_EQ(CountDesktops(group.id()), 0);
}

TEST_F(CallTest,
       GuideIdempotencyKeyRepeatWhileRunningReturnsTheRunningOperation) {
  emu_->SetOperationDelay(absl::Hours(1));
  api::CreateDesktopGroupRequest request = GroupRequest("once");
  std::vector<operation::Operation> ops(3);
  for (operation::Operation& op : ops) {
    auto context = Ctx();
    context->AddMetadata("idempotency-key",
                         "0b6f1c6e-9f64-4c1e-8f53-3f1d6f3e2a10");
    ASSERT_TRUE(stubs_->groups->Create(context.get(), request, &op).ok());
  }
  for (const operation::Operation& op : ops) {
    EXPECT_EQ(op.id(), ops[0].id());
    EXPECT_FALSE(op.done());
    EXPECT_EQ(op.metadata().SerializeAsString(),
              ops[0].metadata().SerializeAsString());
  }
  api::ListDesktopGroupsRequest list;
  list.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  list.set_filter("name = \"once\"");
  api::ListDesktopGroupsResponse listed;
  ASSERT_TRUE(stubs_->groups->List(Ctx().get(), list, &listed).ok());
  EXPECT_EQ(listed.desktop_groups_size(), 1);
}

TEST_F(CallTest, EndpointsPointAtTheEmulator) {
  endpoint::ListApiEndpointsRequest request;
  endpoint::ListApiEndpointsResponse response;
  ASSERT_TRUE(stubs_->endpoints->List(Ctx().get(), request, &response).ok());
  std::vector<std::string> ids;
  for (const auto& e : response.endpoints()) {
    ids.push_back(e.id());
    EXPECT_EQ(e.address(), emu_->address());
  }
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("clouddesktops", "operation",
                                                   "iam"));

  endpoint::GetApiEndpointRequest get;
  get.set_api_endpoint_id("operation");
  endpoint::ApiEndpoint e;
  ASSERT_TRUE(stubs_->endpoints->Get(Ctx().get(), get, &e).ok());
  EXPECT_EQ(e.id(), "operation");
  EXPECT_EQ(e.address(), emu_->address());
  get.set_api_endpoint_id("compute");
  EXPECT_EQ(stubs_->endpoints->Get(Ctx().get(), get, &e).error_code(),
            grpc::StatusCode::NOT_FOUND);

  request.set_page_size(2);
  ASSERT_TRUE(stubs_->endpoints->List(Ctx().get(), request, &response).ok());
  EXPECT_EQ(response.endpoints_size(), 2);
  request.set_page_token(response.next_page_token());
  ASSERT_TRUE(stubs_->endpoints->List(Ctx().get(), request, &response).ok());
  EXPECT_EQ(response.endpoints_size(), 1);
}

TEST_F(CallTest, HealthServiceReportsServing) {
  // grpc.health.v1.HealthCheckRequest{service = <name>}: field 1, string.
  for (std::string service :
       {std::string(""),
        std::string("yandex.cloud.clouddesktop.v1.api.DesktopService")}) {
    std::string request_bytes;
    if (!service.empty()) {
      request_bytes =
          absl::StrCat("\x0a", std::string(1, service.size()), service);
    }
    const RawResult result =
        RawCall(stubs_->channel, "/grpc.health.v1.Health/Check", request_bytes);
    ASSERT_TRUE(result.status.ok())
        << service << ": " << result.status.error_message();
    EXPECT_EQ(result.bytes, std::string("\x08\x01")) << service;  // SERVING
  }
}

// Issue 20: a request the server cannot parse used to be answered
// UNIMPLEMENTED with no message, which reads as "no such method".
TEST_F(CallTest, UnparsableRequestsAreInvalidArgumentSayingSo) {
  const std::string get =
      "/yandex.cloud.clouddesktop.v1.api.DesktopService/Get";
  // Nested unknown groups past protobuf's recursion limit (100).
  std::string deep;
  for (int i = 0; i < 150; ++i) deep += "\x0b";  // field 1, start group
  for (int i = 0; i < 150; ++i) deep += "\x0c";  // field 1, end group
  struct Case {
    std::string what;
    std::string bytes;
  };
  for (const Case& c : std::vector<Case>{
           {"truncated", std::string("\x0a\x05"
                                     "ab",
                                     4)},
           {"invalid UTF-8", std::string("\x0a\x02\xff\xfe", 4)},
           {"too deep", deep},
       }) {
    const RawResult result = RawCall(stubs_->channel, get, c.bytes);
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.what << ": " << result.status.error_message();
    EXPECT_THAT(result.status.error_message(),
                HasSubstr("could not be parsed as "
                          "yandex.cloud.clouddesktop.v1.api.GetDesktopRequest"))
        << c.what;
  }
  // The same bytes, well formed, still reach the method.
  const RawResult ok = RawCall(stubs_->channel, get,
                               absl::StrCat("\x0a\x10", "img-ubuntu-22-04"));
  EXPECT_EQ(ok.status.error_code(), grpc::StatusCode::NOT_FOUND)
      << ok.status.error_message();
  // A method the server does not have is still UNIMPLEMENTED.
  const RawResult unknown =
      RawCall(stubs_->channel,
              "/yandex.cloud.clouddesktop.v1.api.DesktopService/Nope", "");
  EXPECT_EQ(unknown.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

}  // namespace
}  // namespace emulator_test
