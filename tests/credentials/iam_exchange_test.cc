// Service-account key and OAuth providers against the in-process emulator's
// IamTokenService (the token they get is accepted by the API, a revoked one
// is replaced after OnUnauthenticated), and against a fake IamTokenService
// that records what the client sends (no authorization header, a deadline)
// and misbehaves on demand.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/oauth_warning.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/log_sink.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/test_util.h"
#include "tests/testing_util/await_token.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"

namespace credentials_test {
namespace {

namespace iam = ::yandex::cloud::iam::v1;
namespace api = ::yandex::cloud::clouddesktop::v1::api;

using ::clouddesktop::AuthProvider;
using ::clouddesktop::CredentialsOptions;
using ::clouddesktop::MakeOAuthTokenAuth;
using ::clouddesktop::MakeServiceAccountKeyAuthFromJson;
using ::clouddesktop::internal::TokenRefresher;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing_util::AwaitToken;

constexpr absl::Duration kWait = absl::Seconds(30);

class EmulatorExchangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clouddesktop::emulator::EmulatorOptions options;
    options.require_token = true;
    options.operation_delay = absl::Milliseconds(1);
    auto emu = clouddesktop::emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
    channel_ = grpc::CreateChannel(emu_->address(),
                                   grpc::InsecureChannelCredentials());
    ASSERT_TRUE(emu_->RegisterServiceAccountKey("sa-emu", "key-emu",
                                                PublicKeyPem(key_.get()))
                    .ok());
  }

  CredentialsOptions Options() {
    CredentialsOptions options;
    options.iam_endpoint = emu_->address();
    options.iam_insecure = true;
    options.warning_sink = warnings_.sink();
    return options;
  }

  // DesktopImageService.Get with `token` as the bearer token.
  grpc::Status CallApi(const std::string& token) {
    auto stub = api::DesktopImageService::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kWait));
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    api::DesktopImage image;
    return stub->Get(&context, request, &image);
  }

  grpc::Status Revoke(const std::string& token) {
    auto stub = iam::IamTokenService::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kWait));
    iam::RevokeIamTokenRequest request;
    request.set_iam_token(token);
    iam::RevokeIamTokenResponse response;
    return stub->Revoke(&context, request, &response);
  }

  KeyPtr key_ = SharedRsaKey();
  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
  std::shared_ptr<grpc::Channel> channel_;
  Warnings warnings_;
};

TEST_F(EmulatorExchangeTest, ServiceAccountKeyTokenIsAccepted) {
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(key_.get(), "key-emu", "sa-emu"), Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  absl::StatusOr<std::string> token = AwaitToken(**auth);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_FALSE(token->empty());
  grpc::Status status = CallApi(*token);
  EXPECT_TRUE(status.ok()) << status.error_message();
  // The emulator does check.
  EXPECT_EQ(CallApi("not-a-token").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(warnings_.all(), SizeIs(0));
}

TEST_F(EmulatorExchangeTest, UnknownKeyIsUnauthenticatedWithoutTheJwt) {
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(key_.get(), "key-unknown", "sa-emu"), Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  absl::StatusOr<std::string> token = AwaitToken(**auth);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnauthenticated);
  const std::string message(token.status().message());
  EXPECT_THAT(message, HasSubstr("IamTokenService.Create at "));
  EXPECT_THAT(message, HasSubstr("service account sa-emu, key key-unknown"));
  EXPECT_THAT(message, Not(HasSubstr("eyJ")));  // no JWT part
}

// The provider's side of "an UNAUTHENTICATED answer forces one refresh and
// one retry of the call", end to end: the call path reports the rejected
// token and retries once with the token GetToken then gives.
TEST_F(EmulatorExchangeTest, RevokedTokenIsReplacedAfterOnUnauthenticated) {
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(key_.get(), "key-emu", "sa-emu"), Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  std::string first = *AwaitToken(**auth);
  ASSERT_TRUE(CallApi(first).ok());
  ASSERT_TRUE(Revoke(first).ok());
  grpc::Status status = CallApi(first);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  (*auth)->OnUnauthenticated(first);  // one refresh...
  absl::StatusOr<std::string> second = AwaitToken(**auth);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(*second, first);
  status = CallApi(*second);  // ...and one retry
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// Records the outcome of every attempt.
class AttemptLog final : public clouddesktop::LogSink {
 public:
  void Record(const clouddesktop::AttemptRecord& record) override {
    clouddesktop::internal::MutexLock lock(&mu_);
    codes_.push_back(record.code);
  }
  std::vector<absl::StatusCode> codes() {
    clouddesktop::internal::MutexLock lock(&mu_);
    return codes_;
  }

 private:
  clouddesktop::internal::Mutex mu_;
  std::vector<absl::StatusCode> codes_;
};

// The same through the client library: its call path reports the rejected
// token and retries once, outside its retry policy.
TEST_F(EmulatorExchangeTest, ClientRetriesOnceWithARefreshedToken) {
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(key_.get(), "key-emu", "sa-emu"), Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  auto log = std::make_shared<AttemptLog>();
  clouddesktop::ConnectionOptions options;
  options.endpoint = emu_->address();
  options.operation_endpoint = emu_->address();
  options.insecure = true;
  options.auth = *auth;
  options.log_sink = log;
  options.retry_policy = nullptr;  // only the UNAUTHENTICATED rule retries
  clouddesktop::DesktopImageClient client(
      clouddesktop::MakeConnections(options));
  api::GetDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  ASSERT_TRUE(client.GetDesktopImage(request).ok());

  const std::string first = *AwaitToken(**auth);
  ASSERT_TRUE(Revoke(first).ok());
  auto image = client.GetDesktopImage(request);
  EXPECT_TRUE(image.ok()) << image.status();
  EXPECT_THAT(log->codes(),
              ::testing::ElementsAre(absl::StatusCode::kOk,
                                     absl::StatusCode::kUnauthenticated,
                                     absl::StatusCode::kOk));
  EXPECT_EQ(dynamic_cast<TokenRefresher*>(auth->get())->fetch_count(), 2);
}

TEST_F(EmulatorExchangeTest, OAuthTokenExchangeWarnsOnce) {
  clouddesktop::internal::ResetOAuthWarningForTesting();
  auto first = MakeOAuthTokenAuth("y0_SECRET-OAUTH", Options());
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = MakeOAuthTokenAuth("y0_SECRET-OAUTH", Options());
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_THAT(warnings_.all(), SizeIs(1));
  EXPECT_THAT(warnings_.all()[0], HasSubstr("deprecated"));
  EXPECT_THAT(warnings_.all()[0], Not(HasSubstr("SECRET")));

  absl::StatusOr<std::string> token = AwaitToken(**first);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_TRUE(CallApi(*token).ok());
  EXPECT_THAT(warnings_.all(), SizeIs(1));

  EXPECT_EQ(MakeOAuthTokenAuth("  ", Options()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A scripted IamTokenService that records what it receives.
class FakeIamService final : public iam::IamTokenService::CallbackService {
 public:
  enum class Mode { kIssue, kEchoError, kHang };

  struct Seen {
    bool had_authorization = false;
    absl::Duration deadline_in;  // from arrival
    iam::CreateIamTokenRequest request;
  };

  void set_mode(Mode mode) {
    clouddesktop::internal::MutexLock lock(&mu_);
    mode_ = mode;
  }
  void set_lifetime(absl::Duration lifetime) {
    clouddesktop::internal::MutexLock lock(&mu_);
    lifetime_ = lifetime;
  }
  std::vector<Seen> seen() {
    clouddesktop::internal::MutexLock lock(&mu_);
    return seen_;
  }
  bool WaitForCalls(size_t n) {
    clouddesktop::internal::MutexLock lock(&mu_);
    const auto deadline =
        clouddesktop::internal::CondVar::SteadyDeadline(absl::Seconds(30));
    while (seen_.size() < n) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return seen_.size() >= n;
  }
  // Finishes calls held by kHang.
  void FinishHung() {
    std::vector<grpc::ServerUnaryReactor*> hung;
    {
      clouddesktop::internal::MutexLock lock(&mu_);
      hung.swap(hung_);
    }
    for (auto* reactor : hung) {
      reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "bye"));
    }
  }

  grpc::ServerUnaryReactor* Create(
      grpc::CallbackServerContext* context,
      const iam::CreateIamTokenRequest* request,
      iam::CreateIamTokenResponse* response) override {
    auto* reactor = context->DefaultReactor();
    clouddesktop::internal::ReleasableMutexLock lock(&mu_);
    Seen seen;
    seen.had_authorization =
        context->client_metadata().count("authorization") > 0;
    seen.deadline_in = absl::FromChrono(context->deadline()) - absl::Now();
    seen.request = *request;
    seen_.push_back(seen);
    cv_.SignalAll();
    switch (mode_) {
      case Mode::kIssue: {
        response->set_iam_token(absl::StrCat("fake-iam-", seen_.size()));
        absl::Time expires = absl::Now() + lifetime_;
        response->mutable_expires_at()->set_seconds(
            absl::ToUnixSeconds(expires));
        lock.Release();
        reactor->Finish(grpc::Status::OK);
        break;
      }
      case Mode::kEchoError: {
        const std::string credential =
            request->jwt().empty() ? request->yandex_passport_oauth_token()
                                   : request->jwt();
        lock.Release();
        reactor->Finish(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                     "rejected credential " + credential));
        break;
      }
      case Mode::kHang:
        hung_.push_back(reactor);
        break;
    }
    return reactor;
  }

 private:
  clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar cv_;
  Mode mode_ ABSL_GUARDED_BY(mu_) = Mode::kIssue;
  absl::Duration lifetime_ ABSL_GUARDED_BY(mu_) = absl::Hours(12);
  std::vector<Seen> seen_ ABSL_GUARDED_BY(mu_);
  std::vector<grpc::ServerUnaryReactor*> hung_ ABSL_GUARDED_BY(mu_);
};

class FakeIamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    service_.FinishHung();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  }

  CredentialsOptions Options() {
    CredentialsOptions options;
    options.iam_endpoint = absl::StrCat("127.0.0.1:", port_);
    options.iam_insecure = true;
    options.iam_timeout = absl::Seconds(7);
    options.clock = clock_;
    return options;
  }

  std::shared_ptr<AuthProvider> KeyAuth() {
    auto auth = MakeServiceAccountKeyAuthFromJson(
        KeyFileJson(SharedRsaKey().get()), Options());
    EXPECT_TRUE(auth.ok()) << auth.status();
    return auth.ok() ? *auth : nullptr;
  }

  FakeIamService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>(absl::Now());
};

TEST_F(FakeIamTest, SendsAFreshJwtWithADeadlineAndNoAuthorization) {
  auto auth = KeyAuth();
  ASSERT_EQ(*AwaitToken(*auth), "fake-iam-1");
  auth->OnUnauthenticated("fake-iam-1");
  ASSERT_EQ(*AwaitToken(*auth), "fake-iam-2");

  std::vector<FakeIamService::Seen> seen = service_.seen();
  ASSERT_THAT(seen, SizeIs(2));
  for (const auto& s : seen) {
    EXPECT_FALSE(s.had_authorization);
    EXPECT_GT(s.deadline_in, absl::Seconds(1));
    // grpc-timeout travels rounded up.
    EXPECT_LE(s.deadline_in, absl::Seconds(7) + absl::Milliseconds(100));
    EXPECT_EQ(s.request.identity_case(), iam::CreateIamTokenRequest::kJwt);
  }
  // A new JWT per exchange.
  EXPECT_NE(seen[0].request.jwt(), seen[1].request.jwt());
}

TEST_F(FakeIamTest, RefreshesAheadOfExpiresAt) {
  service_.set_lifetime(absl::Hours(1));
  auto auth = KeyAuth();
  ASSERT_EQ(*AwaitToken(*auth), "fake-iam-1");
  clock_->Advance(absl::Minutes(50));
  EXPECT_EQ(*AwaitToken(*auth), "fake-iam-1");
  EXPECT_THAT(service_.seen(), SizeIs(1));
  clock_->Advance(absl::Minutes(5));  // 5 of 60 minutes left
  auto due = auth->GetToken();
  ASSERT_TRUE(due.is_ready());
  EXPECT_EQ(*due.Get(), "fake-iam-1");
  ASSERT_TRUE(service_.WaitForCalls(2));
  ASSERT_TRUE(dynamic_cast<TokenRefresher*>(auth.get())
                  ->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(*AwaitToken(*auth), "fake-iam-2");
}

TEST_F(FakeIamTest, CredentialsEchoedByTheServiceAreRedacted) {
  service_.set_mode(FakeIamService::Mode::kEchoError);
  auto auth = KeyAuth();
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("rejected credential [redacted]"));
  EXPECT_THAT(std::string(token.status().message()), Not(HasSubstr("eyJ")));

  clouddesktop::internal::ResetOAuthWarningForTesting();
  CredentialsOptions options = Options();
  Warnings warnings;
  options.warning_sink = warnings.sink();
  auto oauth = MakeOAuthTokenAuth("y0_OAUTH-SECRET", options);
  ASSERT_TRUE(oauth.ok());
  token = AwaitToken(**oauth);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(std::string(token.status().message()), Not(HasSubstr("SECRET")));
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("OAuth token"));
}

TEST_F(FakeIamTest, DeadlineExceededWhenTheServiceHangs) {
  service_.set_mode(FakeIamService::Mode::kHang);
  CredentialsOptions options = Options();
  options.iam_timeout = absl::Milliseconds(300);
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(SharedRsaKey().get()), options);
  ASSERT_TRUE(auth.ok());
  absl::StatusOr<std::string> token = AwaitToken(**auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST_F(FakeIamTest, DestroyingDuringAnExchangeCancelsIt) {
  service_.set_mode(FakeIamService::Mode::kHang);
  CredentialsOptions options = Options();
  options.iam_timeout = absl::Minutes(5);
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(SharedRsaKey().get()), options);
  ASSERT_TRUE(auth.ok());
  auto future = (*auth)->GetToken();
  ASSERT_TRUE(service_.WaitForCalls(1));
  const absl::Time start = absl::Now();
  auth->reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  ASSERT_TRUE(future.is_ready());
  EXPECT_EQ(future.Get().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(FakeIamTest, UnreachableEndpointIsUnavailable) {
  ClosedPort closed;
  CredentialsOptions options = Options();
  options.iam_endpoint = closed.address();
  options.iam_timeout = absl::Seconds(2);
  auto auth = MakeServiceAccountKeyAuthFromJson(
      KeyFileJson(SharedRsaKey().get()), options);
  ASSERT_TRUE(auth.ok());
  absl::StatusOr<std::string> token = AwaitToken(**auth);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(token.status().code(),
              ::testing::AnyOf(absl::StatusCode::kUnavailable,
                               absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr(closed.address()));
}

}  // namespace
}  // namespace credentials_test
