// The default chain: its order (explicit provider, $YC_IAM_TOKEN,
// $YC_SERVICE_ACCOUNT_KEY_FILE, $YC_TOKEN, the metadata service) and its
// error when nothing is found.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/oauth_warning.h"
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
using ::clouddesktop::MakeDefaultAuth;
using ::clouddesktop::StaticTokenAuth;
using ::clouddesktop::internal::TokenRefresher;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing_util::AwaitToken;

class DefaultChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clouddesktop::internal::ResetOAuthWarningForTesting();
  }

  CredentialsOptions Options() {
    CredentialsOptions options;
    options.warning_sink = warnings_.sink();
    options.metadata_initial_backoff = absl::Milliseconds(1);
    return options;
  }

  // Every variable of the chain unset for the test.
  ScopedEnv iam_{"YC_IAM_TOKEN", nullptr};
  ScopedEnv key_{"YC_SERVICE_ACCOUNT_KEY_FILE", nullptr};
  ScopedEnv oauth_{"YC_TOKEN", nullptr};
  ScopedEnv metadata_{"YC_METADATA_ADDR", nullptr};
  Warnings warnings_;
};

TEST_F(DefaultChainTest, ExplicitProviderComesFirst) {
  ScopedEnv iam("YC_IAM_TOKEN", "env-iam-token");
  ScopedEnv oauth("YC_TOKEN", "env-oauth-token");
  auto mine = std::make_shared<StaticTokenAuth>("mine");
  auto auth = MakeDefaultAuth(mine, Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_EQ(auth->get(), mine.get());
}

TEST_F(DefaultChainTest, IamTokenVariableBeforeKeyFileAndOAuth) {
  ScopedEnv iam("YC_IAM_TOKEN", " env-iam-token\n");
  ScopedEnv key("YC_SERVICE_ACCOUNT_KEY_FILE", "/nonexistent/key.json");
  ScopedEnv oauth("YC_TOKEN", "env-oauth-token");
  auto auth = MakeDefaultAuth(Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_EQ(*AwaitToken(**auth), "env-iam-token");
  EXPECT_THAT(warnings_.all(), IsEmpty());  // OAuth was not looked at
}

TEST_F(DefaultChainTest, KeyFileVariableBeforeOAuth) {
  std::string path =
      WriteTempFile("chain_key.json", KeyFileJson(SharedRsaKey().get()));
  ScopedEnv key("YC_SERVICE_ACCOUNT_KEY_FILE", path.c_str());
  ScopedEnv oauth("YC_TOKEN", "env-oauth-token");
  auto auth = MakeDefaultAuth(Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  // The refreshing key provider, not a static token.
  EXPECT_NE(dynamic_cast<TokenRefresher*>(auth->get()), nullptr);
  EXPECT_THAT(warnings_.all(), IsEmpty());  // no OAuth deprecation warning
}

TEST_F(DefaultChainTest, UnusableKeyFileIsAnErrorNotAFallThrough) {
  ScopedEnv key("YC_SERVICE_ACCOUNT_KEY_FILE", "/nonexistent/key.json");
  ScopedEnv oauth("YC_TOKEN", "env-oauth-token");
  auto auth = MakeDefaultAuth(Options());
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(auth.status().message()),
              HasSubstr("$YC_SERVICE_ACCOUNT_KEY_FILE: service-account key "
                        "file \"/nonexistent/key.json\""));
  EXPECT_THAT(warnings_.all(), IsEmpty());
}

TEST_F(DefaultChainTest, OAuthVariableBeforeMetadata) {
  FakeMetadataServer server;
  server.SetAnswer(FakeMetadataServer::Token("from-metadata"));
  ScopedEnv metadata("YC_METADATA_ADDR", server.address().c_str());
  ScopedEnv oauth("YC_TOKEN", "y0_SECRET-OAUTH");
  auto auth = MakeDefaultAuth(Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  ASSERT_THAT(warnings_.all(), SizeIs(1));
  EXPECT_THAT(warnings_.all()[0], HasSubstr("deprecated"));
  EXPECT_THAT(warnings_.all()[0], Not(HasSubstr("SECRET")));
  EXPECT_EQ(server.hits(), 0);
}

TEST_F(DefaultChainTest, MetadataServiceLast) {
  FakeMetadataServer server;
  server.SetAnswer(FakeMetadataServer::Token("from-metadata"));
  ScopedEnv metadata("YC_METADATA_ADDR", server.address().c_str());
  ScopedEnv empty("YC_IAM_TOKEN", "");  // empty counts as unset
  auto auth = MakeDefaultAuth(Options());
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_EQ(server.hits(), 1);  // probed
  EXPECT_EQ(*AwaitToken(**auth), "from-metadata");
  EXPECT_EQ(server.hits(), 1);  // the probe's token is kept
}

TEST_F(DefaultChainTest, NothingFoundListsWhatWasTriedInOrder) {
  ClosedPort closed;
  ScopedEnv metadata("YC_METADATA_ADDR", closed.address().c_str());
  auto auth = MakeDefaultAuth(Options());
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.status().code(), absl::StatusCode::kNotFound);
  const std::string message(auth.status().message());
  const std::string steps[] = {
      "an explicit provider (none given)",
      "$YC_IAM_TOKEN (not set)",
      "$YC_SERVICE_ACCOUNT_KEY_FILE (not set)",
      "$YC_TOKEN (not set)",
      absl::StrCat("compute metadata service at ", closed.address()),
  };
  size_t at = 0;
  for (const std::string& step : steps) {
    size_t found = message.find(step, at);
    ASSERT_NE(found, std::string::npos) << step << " in order in: " << message;
    at = found + step.size();
  }
  EXPECT_THAT(message, HasSubstr("no credentials found"));
}

TEST_F(DefaultChainTest, BadValuesAreNamedNotQuoted) {
  {
    ScopedEnv iam("YC_IAM_TOKEN", "t1.SECRET with space");
    auto auth = MakeDefaultAuth(Options());
    ASSERT_FALSE(auth.ok());
    EXPECT_EQ(auth.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(auth.status().message()),
                HasSubstr("$YC_IAM_TOKEN"));
    EXPECT_THAT(std::string(auth.status().message()), Not(HasSubstr("SECRET")));
  }
  {
    std::string path = WriteTempFile(
        "chain_bad.json",
        absl::StrCat("{\"id\": \"k\", \"private_key\": \"",
                     PemBody(PrivateKeyPem(SharedRsaKey().get())), "\"}"));
    ScopedEnv key("YC_SERVICE_ACCOUNT_KEY_FILE", path.c_str());
    auto auth = MakeDefaultAuth(Options());
    ASSERT_FALSE(auth.ok());
    EXPECT_EQ(auth.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string message(auth.status().message());
    EXPECT_THAT(message, HasSubstr(path));
    EXPECT_THAT(message, HasSubstr("missing field \"service_account_id\""));
    const std::string body = PemBody(PrivateKeyPem(SharedRsaKey().get()));
    EXPECT_THAT(message, Not(HasSubstr(body.substr(0, 16))));
  }
}

TEST(StaticTokenTest, Validation) {
  auto auth = clouddesktop::MakeIamTokenAuth("  t1.abc-DEF_123  \n");
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_EQ(*AwaitToken(**auth), "t1.abc-DEF_123");
  EXPECT_EQ(clouddesktop::MakeIamTokenAuth("").status().code(),
            absl::StatusCode::kInvalidArgument);
  auto bad = clouddesktop::MakeIamTokenAuth("SECRET\r\ninjected: 1");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr("SECRET")));
}

}  // namespace
}  // namespace credentials_test
