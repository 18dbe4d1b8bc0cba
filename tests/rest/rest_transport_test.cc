// RestTransport against the in-process emulator's HTTP port: operations
// with typed metadata and response, Get, List pages, errors with their
// details (the same as over gRPC), tokens, request ids, and the same Get
// over gRPC and REST giving equal messages.

#include "clouddesktop/internal/rest/rest_transport.h"

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/status_details.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/emulator/test_util.h"
#include "tests/testing_util/notification.h"

namespace emulator_test {
namespace {

namespace rest = ::clouddesktop::rest_internal;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr char kApiPackage[] = "yandex.cloud.clouddesktop.v1.api.";
constexpr const char* kWanted[] = {"x-client-request-id"};

template <typename Response>
struct Outcome {
  absl::StatusOr<Response> result = absl::UnknownError("not done");
  rest::RestCallInfo info;
};

class RestTransportTest : public EmulatorTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.http_listen_address = "127.0.0.1:0";
    return options;
  }

  void SetUp() override {
    EmulatorTest::SetUp();
    clouddesktop::ConnectionOptions options;
    options.insecure = true;
    options.rest_endpoint = emu_->http_address();
    options.rest_operation_endpoint = emu_->http_address();
    auto http = rest::CurlHttpClient::Create(rest::CurlOptionsOf(options));
    ASSERT_TRUE(http.ok()) << http.status();
    transport_ = std::make_unique<rest::RestTransport>(
        std::shared_ptr<rest::CurlHttpClient>(*std::move(http)),
        rest::RestEndpointsOf(options));
  }

  void TearDown() override {
    transport_.reset();
    EmulatorTest::TearDown();
  }

  // Calls `method` (Service.Method) over REST and waits for the outcome.
  template <typename Response>
  Outcome<Response> Call(const std::string& method,
                         const google::protobuf::Message& request,
                         rest::HttpHeaders headers = {},
                         absl::Duration timeout = kRpcDeadline) {
    std::string full = absl::StartsWith(method, "OperationService.")
                           ? absl::StrCat("yandex.cloud.operation.", method)
                           : absl::StrCat(kApiPackage, method);
    auto descriptor = rest::RestTransport::FindMethod(full);
    EXPECT_TRUE(descriptor.ok()) << descriptor.status();
    rest::RestCallOptions options;
    options.metadata = std::move(headers);
    options.deadline = absl::Now() + timeout;
    options.wanted_headers = kWanted;
    Outcome<Response> outcome;
    testing_util::Notification done;
    clouddesktop::internal::Mutex mu;
    rest::AsyncRestCall<Response>(
        *transport_, **descriptor, request, std::move(options),
        [&](absl::StatusOr<Response> r, rest::RestCallInfo info) {
          clouddesktop::internal::MutexLock lock(&mu);
          outcome.result = std::move(r);
          outcome.info = std::move(info);
          done.Notify();
        });
    EXPECT_TRUE(done.WaitForNotificationWithTimeout(kWaitTimeout));
    clouddesktop::internal::MutexLock lock(&mu);
    return outcome;
  }

  operation::Operation AwaitOverRest(const std::string& id) {
    operation::GetOperationRequest get;
    get.set_operation_id(id);
    absl::Time deadline = absl::Now() + kWaitTimeout;
    while (absl::Now() < deadline) {
      auto op = Call<operation::Operation>("OperationService.Get", get);
      EXPECT_TRUE(op.result.ok()) << op.result.status();
      if (!op.result.ok() || op.result->done()) return *op.result;
      absl::SleepFor(absl::Milliseconds(10));
    }
    ADD_FAILURE() << "operation " << id << " not done";
    return operation::Operation();
  }

  std::unique_ptr<rest::RestTransport> transport_;
};

TEST_F(RestTransportTest, CopyStartsAnOperationWithTypedMetadataAndResponse) {
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id("rest-folder");
  copy.set_name("copied");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
  auto started = Call<operation::Operation>(
      "DesktopImageService.Copy", copy,
      {{"x-client-request-id", "crid-copy-1"},
       {"idempotency-key", "6f1c1a52-3a0e-4a55-9a53-1c1f7b0d2b11"}});
  ASSERT_TRUE(started.result.ok()) << started.result.status();
  // Ids both ways: the server's, and ours echoed.
  EXPECT_FALSE(started.info.request_id.empty());
  EXPECT_FALSE(started.info.server_trace_id.empty());
  EXPECT_THAT(
      started.info.response_headers,
      ::testing::ElementsAre(Pair("x-client-request-id", "crid-copy-1")));
  EXPECT_THAT(started.info.peer, StartsWith("ipv4:127.0.0.1:"));

  api::CopyDesktopImageMetadata metadata;
  ASSERT_TRUE(started.result->metadata().UnpackTo(&metadata))
      << started.result->metadata().type_url();
  EXPECT_FALSE(metadata.image_id().empty());

  // The same key again: the same operation (the header reached the server).
  auto again = Call<operation::Operation>(
      "DesktopImageService.Copy", copy,
      {{"idempotency-key", "6f1c1a52-3a0e-4a55-9a53-1c1f7b0d2b11"}});
  ASSERT_TRUE(again.result.ok()) << again.result.status();
  EXPECT_EQ(again.result->id(), started.result->id());

  operation::Operation done = AwaitOverRest(started.result->id());
  ASSERT_TRUE(done.done());
  api::DesktopImage image;
  ASSERT_TRUE(done.response().UnpackTo(&image)) << done.response().type_url();
  EXPECT_EQ(image.id(), metadata.image_id());
  EXPECT_EQ(image.name(), "copied");
  EXPECT_EQ(image.folder_id(), "rest-folder");
  EXPECT_EQ(image.status(), api::DesktopImage::ACTIVE);
}

TEST_F(RestTransportTest, GetOverRestEqualsGetOverGrpc) {
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  auto over_rest = Call<api::DesktopImage>("DesktopImageService.Get", get);
  ASSERT_TRUE(over_rest.result.ok()) << over_rest.result.status();
  api::DesktopImage over_grpc;
  ASSERT_TRUE(stubs_->images->Get(Ctx().get(), get, &over_grpc).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(*over_rest.result, over_grpc))
      << "REST: " << over_rest.result->DebugString()
      << "\ngRPC: " << over_grpc.DebugString();
  EXPECT_GT(over_rest.result->storage_size(), 0);  // int64 from a string
  EXPECT_GT(over_rest.result->created_at().seconds(), 0);
}

TEST_F(RestTransportTest, ListPagesWithPageSizeAndToken) {
  for (int i = 0; i < 3; ++i) {
    api::CopyDesktopImageRequest copy;
    copy.set_folder_id("paged");
    copy.set_name(absl::StrCat("img-", i));
    copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
    auto started = Call<operation::Operation>("DesktopImageService.Copy", copy);
    ASSERT_TRUE(started.result.ok()) << started.result.status();
    AwaitOverRest(started.result->id());
  }
  api::ListDesktopImagesRequest list;
  list.set_folder_id("paged");
  list.set_page_size(2);
  std::vector<std::string> names;
  int pages = 0;
  do {
    auto page =
        Call<api::ListDesktopImagesResponse>("DesktopImageService.List", list);
    ASSERT_TRUE(page.result.ok()) << page.result.status();
    EXPECT_LE(page.result->desktop_images_size(), 2);
    for (const auto& image : page.result->desktop_images()) {
      names.push_back(image.name());
    }
    list.set_page_token(page.result->next_page_token());
    ++pages;
  } while (!list.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  EXPECT_THAT(names,
              ::testing::UnorderedElementsAre("img-0", "img-1", "img-2"));
}

TEST_F(RestTransportTest, ValidationErrorCarriesTheSameFieldViolations) {
  api::ListDesktopImagesRequest list;
  list.set_folder_id("f");
  list.set_page_size(5000);  // beyond the documented maximum of 1000
  auto over_rest =
      Call<api::ListDesktopImagesResponse>("DesktopImageService.List", list);
  ASSERT_EQ(over_rest.result.status().code(),
            absl::StatusCode::kInvalidArgument)
      << over_rest.result.status();
  std::vector<google::rpc::BadRequest::FieldViolation> rest_violations;
  for (const auto& any :
       clouddesktop::ErrorDetails(over_rest.result.status())) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      rest_violations.assign(bad.field_violations().begin(),
                             bad.field_violations().end());
    }
  }
  ASSERT_FALSE(rest_violations.empty());

  api::ListDesktopImagesResponse unused;
  grpc::Status over_grpc = stubs_->images->List(Ctx().get(), list, &unused);
  ASSERT_EQ(over_grpc.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(over_rest.result.status().message(), over_grpc.error_message());
  std::vector<google::rpc::BadRequest::FieldViolation> grpc_violations =
      ViolationsOf(over_grpc);
  ASSERT_EQ(rest_violations.size(), grpc_violations.size());
  for (size_t i = 0; i < rest_violations.size(); ++i) {
    EXPECT_TRUE(
        MessageDifferencer::Equals(rest_violations[i], grpc_violations[i]))
        << rest_violations[i].DebugString();
  }
  EXPECT_EQ(rest_violations[0].field(), "page_size");
}

TEST_F(RestTransportTest, UnknownImageIsNotFoundWithTheServersIds) {
  api::GetDesktopImageRequest get;
  get.set_image_id("img-does-not-exist");
  auto r = Call<api::DesktopImage>("DesktopImageService.Get", get);
  EXPECT_EQ(r.result.status().code(), absl::StatusCode::kNotFound)
      << r.result.status();
  EXPECT_THAT(r.result.status().message(), HasSubstr("img-does-not-exist"));
  // A failed call is traceable too.
  EXPECT_FALSE(r.info.request_id.empty());
}

TEST_F(RestTransportTest, AnEmptyPathFieldFailsWithoutSending) {
  api::GetDesktopImageRequest get;  // no image_id: the URL would be a list's
  auto r = Call<api::DesktopImage>("DesktopImageService.Get", get);
  EXPECT_EQ(r.result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.result.status().message(), HasSubstr("image_id"));
  EXPECT_TRUE(r.info.request_id.empty());  // no answer: nothing was sent
}

TEST_F(RestTransportTest, OperationsGoToTheOperationEndpoint) {
  // A transport whose service URL is wrong still reaches OperationService.
  clouddesktop::ConnectionOptions options;
  options.insecure = true;
  options.rest_endpoint = "127.0.0.1:1";
  options.rest_operation_endpoint = emu_->http_address();
  auto http = rest::CurlHttpClient::Create(rest::CurlOptionsOf(options));
  ASSERT_TRUE(http.ok());
  transport_ = std::make_unique<rest::RestTransport>(
      std::shared_ptr<rest::CurlHttpClient>(*std::move(http)),
      rest::RestEndpointsOf(options));
  operation::GetOperationRequest get;
  get.set_operation_id("op-unknown");
  auto op = Call<operation::Operation>("OperationService.Get", get);
  EXPECT_EQ(op.result.status().code(), absl::StatusCode::kNotFound)
      << op.result.status();
  api::GetDesktopImageRequest image;
  image.set_image_id("img-ubuntu-22-04");
  auto r = Call<api::DesktopImage>("DesktopImageService.Get", image);
  EXPECT_EQ(r.result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(r.result.status().message(), HasSubstr("127.0.0.1:1"));
}

TEST_F(RestTransportTest, DeadlinePassesWhileTheServerIsSlow) {
  emu_->SetFaults(Spec("DesktopImageService.Get:latency=10s"));
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  auto r = Call<api::DesktopImage>("DesktopImageService.Get", get, {},
                                   absl::Milliseconds(200));
  EXPECT_EQ(r.result.status().code(), absl::StatusCode::kDeadlineExceeded)
      << r.result.status();
}

TEST_F(RestTransportTest, DeferredCancelEndsACallCancelledBeforeItStarted) {
  emu_->SetFaults(Spec("DesktopImageService.Get:latency=10s"));
  auto method = rest::RestTransport::FindMethod(
      "yandex.cloud.clouddesktop.v1.api.DesktopImageService.Get");
  ASSERT_TRUE(method.ok());
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  for (bool cancel_first : {true, false}) {
    SCOPED_TRACE(cancel_first ? "cancelled before the call started"
                              : "cancelled while in flight");
    auto slot = std::make_shared<rest::DeferredCancel>();
    if (cancel_first) slot->TryCancel();
    testing_util::Notification done;
    clouddesktop::internal::Mutex mu;
    absl::Status status = absl::UnknownError("not done");
    rest::RestCallOptions options;
    options.deadline = absl::Now() + kWaitTimeout;
    slot->Set(rest::AsyncRestCall<api::DesktopImage>(
        *transport_, **method, get, std::move(options),
        [&](absl::StatusOr<api::DesktopImage> r, rest::RestCallInfo) {
          clouddesktop::internal::MutexLock lock(&mu);
          status = r.status();
          done.Notify();
        }));
    if (!cancel_first) slot->TryCancel();
    ASSERT_TRUE(done.WaitForNotificationWithTimeout(kWaitTimeout));
    clouddesktop::internal::MutexLock lock(&mu);
    EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << status;
  }
}

// An answer that is not the API's (a proxy's error page): the code of the
// HTTP status, and the start of the page as the message.
TEST_F(RestTransportTest, AnErrorPageThatIsNotJsonGetsTheHttpStatusCode) {
  httplib::Server proxy;
  proxy.Get(".*", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content("<html>upstream unavailable</html>", "text/html");
  });
  int port = proxy.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread thread([&] { proxy.listen_after_bind(); });
  while (!proxy.is_running()) absl::SleepFor(absl::Milliseconds(1));

  clouddesktop::ConnectionOptions options;
  options.insecure = true;
  options.rest_endpoint = absl::StrCat("127.0.0.1:", port);
  auto http = rest::CurlHttpClient::Create(rest::CurlOptionsOf(options));
  ASSERT_TRUE(http.ok());
  transport_ = std::make_unique<rest::RestTransport>(
      std::shared_ptr<rest::CurlHttpClient>(*std::move(http)),
      rest::RestEndpointsOf(options));
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  auto r = Call<api::DesktopImage>("DesktopImageService.Get", get);
  EXPECT_EQ(r.result.status().code(), absl::StatusCode::kUnavailable)
      << r.result.status();
  EXPECT_THAT(r.result.status().message(), HasSubstr("upstream unavailable"));
  transport_.reset();
  proxy.stop();
  thread.join();
}

class RestTokenTest : public RestTransportTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options =
        RestTransportTest::Options();
    options.require_token = true;
    return options;
  }
};

TEST_F(RestTokenTest, ABadTokenIsUnauthenticatedAndAGoodOneWorks) {
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  auto bad = Call<api::DesktopImage>(
      "DesktopImageService.Get", get,
      {{"authorization", "Bearer not-a-token-the-emulator-issued"}});
  EXPECT_EQ(bad.result.status().code(), absl::StatusCode::kUnauthenticated)
      << bad.result.status();
  EXPECT_THAT(bad.result.status().message(),
              ::testing::Not(HasSubstr("not-a-token")));
  auto good = Call<api::DesktopImage>(
      "DesktopImageService.Get", get,
      {{"authorization",
        absl::StrCat("Bearer ", emu_->IssueTokenForTesting())}});
  EXPECT_TRUE(good.result.ok()) << good.result.status();
}

}  // namespace
}  // namespace emulator_test
