// The compute metadata service client against a loopback fake (cpp-httplib):
// the request it sends, expiry and refresh, a slow answer, HTTP errors,
// malformed answers, and prompt shutdown.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/metadata_client.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/fake_metadata_server.h"
#include "tests/credentials/test_util.h"
#include "tests/testing_util/await_token.h"

namespace credentials_test {
namespace {

using ::clouddesktop::AuthProvider;
using ::clouddesktop::CredentialsOptions;
using ::clouddesktop::MakeMetadataServiceAuth;
using ::clouddesktop::internal::ParseMetadataToken;
using ::clouddesktop::internal::ResolveMetadataAddress;
using ::clouddesktop::internal::TokenRefresher;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing_util::AwaitToken;

constexpr absl::Duration kWait = absl::Seconds(30);

TEST(ParseMetadataTokenTest, GoodAnswer) {
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  auto token = ParseMetadataToken(
      R"({"access_token":"tok","expires_in":43167,"token_type":"Bearer"})", t0,
      "src");
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->value, "tok");
  EXPECT_EQ(token->issued_at, t0);
  EXPECT_EQ(token->expires_at, t0 + absl::Seconds(43167));
  // token_type is optional and case-insensitive.
  EXPECT_TRUE(
      ParseMetadataToken(R"({"access_token":"tok","expires_in":60})", t0, "s")
          .ok());
  EXPECT_TRUE(
      ParseMetadataToken(
          R"({"access_token":"tok","expires_in":60,"token_type":"bearer"})", t0,
          "s")
          .ok());
}

TEST(ParseMetadataTokenTest, BadAnswersNameTheProblemNotTheToken) {
  struct Case {
    const char* body;
    const char* problem;
  } cases[] = {
      {"{SECRET-1", "not valid JSON"},
      {"[\"SECRET-1\"]", "not a JSON object"},
      {R"({"expires_in":60})", "no access_token"},
      {R"({"access_token":"","expires_in":60})", "no access_token"},
      {R"({"access_token":["SECRET-1"],"expires_in":60})", "no access_token"},
      {R"({"access_token":"SECRET-1"})", "no expires_in"},
      {R"({"access_token":"SECRET-1","expires_in":"60"})", "no expires_in"},
      {R"({"access_token":"SECRET-1","expires_in":0})", "not positive"},
      {R"({"access_token":"SECRET-1","expires_in":-5})", "not positive"},
      // Positive, but no time at all once a Duration (found by fuzzing: it
      // was accepted as a token that expired as it was issued).
      {R"({"access_token":"SECRET-1","expires_in":1e-40})",
       "expires_in is 1e-40, shorter than a nanosecond"},
      {R"({"access_token":"SECRET-1","expires_in":60,"token_type":"MAC"})",
       "token_type is \"MAC\", not Bearer"},
      {R"({"access_token":"SECRET-1","expires_in":60,"token_type":1})",
       "token_type is not a string"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    auto token = ParseMetadataToken(c.body, absl::UnixEpoch(), "the source");
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.status().code(), absl::StatusCode::kInternal);
    EXPECT_THAT(std::string(token.status().message()),
                HasSubstr(absl::StrCat("the source: ")));
    EXPECT_THAT(std::string(token.status().message()), HasSubstr(c.problem));
    EXPECT_THAT(std::string(token.status().message()),
                Not(HasSubstr("SECRET")));
  }
}

TEST(ResolveMetadataAddressTest, OptionThenEnvironmentThenDefault) {
  CredentialsOptions options;
  {
    ScopedEnv env("YC_METADATA_ADDR", nullptr);
    EXPECT_EQ(*ResolveMetadataAddress(options), "169.254.169.254");
  }
  {
    ScopedEnv env("YC_METADATA_ADDR", "10.0.0.1:8080");
    EXPECT_EQ(*ResolveMetadataAddress(options), "10.0.0.1:8080");
    options.metadata_address = "[::1]:80";
    EXPECT_EQ(*ResolveMetadataAddress(options), "[::1]:80");
  }
  for (const char* bad :
       {"evil.example/path?", "user@host", "host:80/x", "-oProxy", "a b"}) {
    SCOPED_TRACE(bad);
    options.metadata_address = bad;
    auto address = ResolveMetadataAddress(options);
    EXPECT_EQ(address.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_FALSE(MakeMetadataServiceAuth(options).ok());
  }
  ScopedEnv env("YC_METADATA_ADDR", "bad/addr");
  options.metadata_address.clear();
  auto address = ResolveMetadataAddress(options);
  EXPECT_EQ(address.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(address.status().message()),
              HasSubstr("$YC_METADATA_ADDR"));
}

class MetadataTest : public ::testing::Test {
 protected:
  CredentialsOptions Options() {
    CredentialsOptions options;
    options.metadata_address = server_.address();
    options.metadata_initial_backoff = absl::Milliseconds(1);
    options.clock = clock_;
    options.warning_sink = warnings_.sink();
    return options;
  }

  std::shared_ptr<AuthProvider> Make(const CredentialsOptions& options) {
    auto auth = MakeMetadataServiceAuth(options);
    EXPECT_TRUE(auth.ok()) << auth.status();
    return auth.ok() ? *auth : nullptr;
  }

  // Asks for a token, destroys the provider once the server has seen the
  // request: that takes well under the waits `options` set up, and the
  // caller's future ends CANCELLED.
  void ExpectDestroyingAfterTheFirstHitIsPrompt(
      const CredentialsOptions& options) {
    auto auth = Make(options);
    auto future = auth->GetToken();
    ASSERT_TRUE(server_.WaitForHits(1));
    const absl::Time start = absl::Now();
    auth.reset();  // joins the provider's thread
    EXPECT_LT(absl::Now() - start, absl::Seconds(10));
    ASSERT_TRUE(future.is_ready());
    EXPECT_EQ(future.Get().status().code(), absl::StatusCode::kCancelled);
  }

  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
  FakeMetadataServer server_;
  Warnings warnings_;
};

TEST_F(MetadataTest, FetchesWithTheFlavorHeaderAndCaches) {
  server_.SetAnswer(FakeMetadataServer::Token("meta-token-1"));
  auto auth = Make(Options());
  EXPECT_EQ(server_.hits(), 0);  // nothing until asked
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "meta-token-1");
  EXPECT_EQ(server_.last_path(),
            "/computeMetadata/v1/instance/service-accounts/default/token");
  EXPECT_EQ(server_.last_flavor(), "Google");
  EXPECT_EQ(*AwaitToken(*auth), "meta-token-1");
  EXPECT_EQ(server_.hits(), 1);
}

TEST_F(MetadataTest, RefreshesBeforeExpiresIn) {
  server_.SetAnswers({FakeMetadataServer::Token("first", 3600),
                      FakeMetadataServer::Token("second", 3600)});
  auto auth = Make(Options());
  ASSERT_EQ(*AwaitToken(*auth), "first");

  clock_->Advance(absl::Minutes(53));
  EXPECT_EQ(*AwaitToken(*auth), "first");
  EXPECT_EQ(server_.hits(), 1);

  clock_->Advance(absl::Minutes(1));  // 6 minutes left: due
  auto due = auth->GetToken();
  ASSERT_TRUE(due.is_ready());  // the cached token, without waiting
  EXPECT_EQ(*due.Get(), "first");
  ASSERT_TRUE(server_.WaitForHits(2));
  auto* refresher = dynamic_cast<TokenRefresher*>(auth.get());
  ASSERT_NE(refresher, nullptr);
  ASSERT_TRUE(refresher->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(*AwaitToken(*auth), "second");
  EXPECT_EQ(server_.hits(), 2);
}

TEST_F(MetadataTest, PastExpiryTheCallerWaitsForANewToken) {
  server_.SetAnswers({FakeMetadataServer::Token("first", 600),
                      FakeMetadataServer::Token("second", 600)});
  auto auth = Make(Options());
  ASSERT_EQ(*AwaitToken(*auth), "first");
  clock_->Advance(absl::Minutes(10));
  EXPECT_EQ(*AwaitToken(*auth), "second");
}

TEST_F(MetadataTest, SlowAnswerTimesOutAndIsRetried) {
  FakeMetadataServer::Answer hang;
  hang.hang = true;
  server_.SetAnswer(hang);
  CredentialsOptions options = Options();
  options.metadata_timeout = absl::Milliseconds(200);
  options.metadata_attempts = 2;
  auto auth = Make(options);
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("timed out"));
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr(absl::StrCat("compute metadata service at ",
                                     server_.address())));
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("2 attempts"));
  EXPECT_EQ(server_.hits(), 2);
}

TEST_F(MetadataTest, ServerErrorsAreRetriedWithBackoff) {
  FakeMetadataServer::Answer error;
  error.status = 500;
  server_.SetAnswers({error, error, FakeMetadataServer::Token("after-500s")});
  auto auth = Make(Options());
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "after-500s");
  EXPECT_EQ(server_.hits(), 3);
}

TEST_F(MetadataTest, PersistentServerErrorsFailAfterTheAttempts) {
  FakeMetadataServer::Answer error;
  error.status = 500;
  error.body = R"({"access_token":"SECRET-IN-ERROR-BODY"})";
  server_.SetAnswer(error);
  auto auth = Make(Options());
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("HTTP 500 (3 attempts)"));
  EXPECT_THAT(std::string(token.status().message()), Not(HasSubstr("SECRET")));
  EXPECT_EQ(server_.hits(), 3);
}

TEST_F(MetadataTest, MalformedJsonIsNotRetried) {
  FakeMetadataServer::Answer bad;
  bad.body = R"({"access_token":"SECRET-PARTIAL)";
  server_.SetAnswer(bad);
  auto auth = Make(Options());
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("not valid JSON"));
  EXPECT_THAT(std::string(token.status().message()), Not(HasSubstr("SECRET")));
  EXPECT_EQ(server_.hits(), 1);
}

TEST_F(MetadataTest, NotFoundIsNotRetried) {
  FakeMetadataServer::Answer missing;
  missing.status = 404;
  server_.SetAnswer(missing);
  auto auth = Make(Options());
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("HTTP 404"));
  EXPECT_EQ(server_.hits(), 1);
}

TEST_F(MetadataTest, ConnectionRefused) {
  ClosedPort closed;
  CredentialsOptions options = Options();
  options.metadata_address = closed.address();
  auto auth = Make(options);
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr(closed.address()));
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("3 attempts"));
}

TEST_F(MetadataTest, ProxyVariablesAreIgnored) {
  ClosedPort proxy;
  const std::string url = absl::StrCat("http://", proxy.address());
  ScopedEnv http_proxy("http_proxy", url.c_str());
  ScopedEnv all_proxy("ALL_PROXY", url.c_str());
  server_.SetAnswer(FakeMetadataServer::Token("direct"));
  auto auth = Make(Options());
  absl::StatusOr<std::string> token = AwaitToken(*auth);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "direct");
}

TEST_F(MetadataTest, DestroyingDuringASlowAnswerIsPrompt) {
  FakeMetadataServer::Answer hang;
  hang.hang = true;
  server_.SetAnswer(hang);
  CredentialsOptions options = Options();
  options.metadata_timeout = absl::Minutes(5);
  ExpectDestroyingAfterTheFirstHitIsPrompt(options);
}

// The wait between attempts is the retry loop's backoff timer: destroying
// the provider cancels it instead of sleeping it out.
TEST_F(MetadataTest, DestroyingDuringTheBackoffIsPrompt) {
  FakeMetadataServer::Answer error;
  error.status = 503;
  server_.SetAnswer(error);
  CredentialsOptions options = Options();
  options.metadata_initial_backoff = absl::Minutes(5);
  ExpectDestroyingAfterTheFirstHitIsPrompt(options);
  EXPECT_EQ(server_.hits(), 1);
}

}  // namespace
}  // namespace credentials_test
