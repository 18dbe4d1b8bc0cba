// Responses over the client's receive limit (ConnectionOptions::
// max_response_bytes) against a scripted in-process server: they fail at
// once, naming the method, the request ids, the sizes and the option, and
// are never fetched again; a RESOURCE_EXHAUSTED the *server* sends (quota,
// rate limit) is still retried. The same for a poll of a huge Operation.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/polling_policy.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop_test::FakeCloud;
using ::clouddesktop_test::MakeOperation;
using ::clouddesktop_test::Reply;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kSmallLimit = 64 * 1024;

// A desktop whose serialized size is a little over `bytes`.
api::Desktop BigDesktop(size_t bytes) {
  api::Desktop d;
  d.set_id("d-1");
  d.set_name(std::string(bytes, 'x'));
  return d;
}

api::GetDesktopRequest GetRequest() {
  api::GetDesktopRequest r;
  r.set_desktop_id("d-1");
  return r;
}

Reply Running(const std::string& id, size_t metadata_bytes = 0) {
  api::CreateDesktopMetadata meta;
  meta.set_desktop_id(metadata_bytes == 0 ? "d-1"
                                          : std::string(metadata_bytes, 'm'));
  return Reply::Ok(MakeOperation(id, false, &meta));
}

Reply Done(const std::string& id) {
  api::CreateDesktopMetadata meta;
  meta.set_desktop_id("d-1");
  api::Desktop desktop;
  desktop.set_id("d-1");
  return Reply::Ok(MakeOperation(id, true, &meta, &desktop));
}

Reply QuotaExceeded() {
  return Reply::Error(grpc::StatusCode::RESOURCE_EXHAUSTED,
                      "quota exceeded: too many requests");
}

class MessageSizeTest : public ::testing::Test {
 protected:
  // The fake's options (fast backoff, so that retries would show at once),
  // with `max_response_bytes` (zero: the default).
  Connections Connect(int max_response_bytes = 0) {
    ConnectionOptions options = fake_.Options();
    if (max_response_bytes != 0)
      options.max_response_bytes = max_response_bytes;
    return MakeConnections(std::move(options));
  }

  // Starts CreateDesktop, answered by a running operation `id`.
  CreateDesktopOperation Create(const Connections& c, const std::string& id) {
    fake_.Script("DesktopService.Create", {Running(id)});
    api::CreateDesktopRequest request;
    request.set_desktop_group_id("g");
    auto* user = request.add_users();
    user->set_subject_id("u");
    user->set_subject_type("userAccount");
    auto op = DesktopClient(c).CreateDesktop(request);
    EXPECT_TRUE(op.ok()) << op.status();
    return *op;
  }

  FakeCloud fake_;
};

// gRPC's texts for its size limits, as 1.51 writes them and as later
// versions do; and a quota message that merely mentions a size.
TEST(MessageSizeClassification, OnlyGrpcsSizeLimitsAreNotTransient) {
  for (const char* text :
       {"Received message larger than max (5242880 vs. 4194304)",
        "CLIENT: Received message larger than max (70000 vs. 65536)",
        "Sent message larger than max (10 vs. 5)"}) {
    absl::Status s = absl::ResourceExhaustedError(text);
    EXPECT_FALSE(LimitedRetryPolicy::IsTransient(s)) << text;
    internal::PollErrorTolerance tolerance(3);
    EXPECT_FALSE(tolerance.Check(s).ok()) << text;
  }
  for (const char* text :
       {"quota exceeded", "message larger than max", "too large (5 vs. 4)"}) {
    absl::Status s = absl::ResourceExhaustedError(text);
    EXPECT_TRUE(LimitedRetryPolicy::IsTransient(s)) << text;
    internal::PollErrorTolerance tolerance(3);
    EXPECT_TRUE(tolerance.Check(s).ok()) << text;
  }
  // Another code with the same text is not the size limit.
  EXPECT_TRUE(LimitedRetryPolicy::IsTransient(absl::UnavailableError(
      "Received message larger than max (5242880 vs. 4194304)")));
}

TEST_F(MessageSizeTest, AResponseOverTheLimitFailsAtOnceNamingTheLimit) {
  Connections c = Connect(kSmallLimit);
  fake_.SetDefault("DesktopService.Get", Reply::Ok(BigDesktop(100 * 1024)));
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  ASSERT_FALSE(desktop.ok());
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  const std::string message(desktop.status().message());
  EXPECT_THAT(message, HasSubstr("DesktopService.Get: RESOURCE_EXHAUSTED: "
                                 "the response is "));
  EXPECT_THAT(message, HasSubstr("limit of 65536 bytes"));
  EXPECT_THAT(message, HasSubstr("ConnectionOptions::max_response_bytes"));
  EXPECT_THAT(message, HasSubstr("not retried"));
  EXPECT_THAT(message, HasSubstr("x-client-request-id="));
  EXPECT_THAT(message, Not(HasSubstr("attempts=")));
  // The server answered once: it was not asked again.
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

TEST_F(MessageSizeTest, TheDefaultLimitIsFourMebibytes) {
  Connections c = Connect();
  fake_.SetDefault("DesktopService.Get",
                   Reply::Ok(BigDesktop(4 * 1024 * 1024 + 1024)));
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  ASSERT_FALSE(desktop.ok());
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(desktop.status().message(), HasSubstr("limit of 4194304 bytes"));
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

TEST_F(MessageSizeTest, RaisingTheLimitReceivesTheResponse) {
  Connections c = Connect(8 * 1024 * 1024);
  fake_.SetDefault("DesktopService.Get",
                   Reply::Ok(BigDesktop(5 * 1024 * 1024)));
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(desktop->name().size(), 5 * 1024 * 1024);
}

TEST_F(MessageSizeTest, ALimitInChannelArgumentsTakesPrecedence) {
  ConnectionOptions options = fake_.Options();
  options.channel_arguments.SetMaxReceiveMessageSize(8 * 1024 * 1024);
  options.max_response_bytes = kSmallLimit;
  Connections c = MakeConnections(std::move(options));
  fake_.SetDefault("DesktopService.Get", Reply::Ok(BigDesktop(100 * 1024)));
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  ASSERT_TRUE(desktop.ok()) << desktop.status();
}

TEST_F(MessageSizeTest, AServersResourceExhaustedIsStillRetried) {
  Connections c = Connect(kSmallLimit);
  fake_.Script("DesktopService.Get",
               {QuotaExceeded(), QuotaExceeded(), Reply::Ok(BigDesktop(10))});
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 3);
}

// A retry policy of the caller's that retries every failure does not make
// the client fetch the same over-large response again.
TEST_F(MessageSizeTest, NotRetriedWhateverTheRetryPolicy) {
  class RetryAll final : public RetryPolicy {
   public:
    std::unique_ptr<RetryPolicy> clone() const override {
      return std::make_unique<RetryAll>();
    }
    bool OnFailure(const absl::Status&) override { return ++failures_ < 5; }

   private:
    int failures_ = 0;
  };
  ConnectionOptions options = fake_.Options();
  options.max_response_bytes = kSmallLimit;
  options.retry_policy = std::make_shared<RetryAll>();
  Connections c = MakeConnections(std::move(options));
  fake_.SetDefault("DesktopService.Get", Reply::Ok(BigDesktop(100 * 1024)));
  auto desktop = DesktopClient(c).GetDesktop(GetRequest());
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
  // The same policy does retry the server's own RESOURCE_EXHAUSTED.
  fake_.Script("DesktopService.Get",
               {QuotaExceeded(), Reply::Ok(BigDesktop(10))});
  EXPECT_TRUE(DesktopClient(c).GetDesktop(GetRequest()).ok());
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 3);
}

// The server's receive limit refusing our request comes back with the same
// gRPC text; the message says it is the request, not the response.
TEST_F(MessageSizeTest, ARequestOverTheServersLimitSaysSo) {
  Connections c = Connect();
  api::GetDesktopRequest request;
  request.set_desktop_id(std::string(5 * 1024 * 1024, 'd'));
  CallOptions call;
  call.validate = false;  // the id is far too long for the API's rules
  auto desktop = DesktopClient(c).GetDesktop(request, call);
  ASSERT_FALSE(desktop.ok());
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr(absl::StrCat("the request is ", request.ByteSizeLong(),
                                     " bytes, larger than the server "
                                     "accepts (4194304 bytes)")));
  EXPECT_THAT(desktop.status().message(), Not(HasSubstr("attempts=")));
}

TEST_F(MessageSizeTest, AnOperationOverTheLimitEndsTheWaitAfterOnePoll) {
  Connections c = Connect(kSmallLimit);
  CreateDesktopOperation op = Create(c, "op-1");
  fake_.ScriptOperation(
      "op-1", {Running("op-1"), Running("op-1", 100 * 1024)});  // repeats
  AwaitOptions options;
  // Without the fix the wait would poll until here.
  options.deadline = absl::Now() + absl::Seconds(5);
  auto desktop = op.Await(options);
  ASSERT_FALSE(desktop.ok());
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("waiting for operation op-1: OperationService.Get: "
                        "RESOURCE_EXHAUSTED: the response is "));
  EXPECT_THAT(desktop.status().message(), HasSubstr("limit of 65536 bytes"));
  // The wait ended, not the operation: it can be resumed by id.
  EXPECT_EQ(IncompleteWaitOperationId(desktop.status()), "op-1");
  // One poll saw it running, one got the huge Operation; none after.
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 2);
}

TEST_F(MessageSizeTest, AServersResourceExhaustedOnAPollIsRiddenOut) {
  Connections c = Connect(kSmallLimit);
  CreateDesktopOperation op = Create(c, "op-1");
  fake_.ScriptOperation("op-1", {QuotaExceeded(), Running("op-1"),
                                 QuotaExceeded(), Done("op-1")});
  auto desktop = op.Await();
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 4);
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
