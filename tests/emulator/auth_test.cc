// Token checking (require_token) and the IAM token exchange: PS256 JWTs
// signed with a service-account key generated at run time.
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/crypto.h"

namespace emulator_test {
namespace {

using ::testing_util::KeyPtr;
using ::testing_util::NewRsaKey;
using ::testing_util::PublicKeyPem;
using ::testing_util::SignJwt;

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAudience[] = "https://iam.api.cloud.yandex.net/iam/v1/tokens";

class AuthTest : public EmulatorTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.require_token = true;
    options.service_account_keys.push_back(
        {"sa-1", "key-1", PublicKeyPem(key_.get())});
    return options;
  }

  static std::string Claims(const std::string& iss, const std::string& aud,
                            int64_t iat, int64_t exp) {
    return absl::StrFormat(R"({"iss":"%s","aud":"%s","iat":%d,"exp":%d})", iss,
                           aud, iat, exp);
  }

  static std::string Header(const std::string& kid) {
    return absl::StrFormat(R"({"typ":"JWT","alg":"PS256","kid":"%s"})", kid);
  }

  // A JWT that passes every check, with one part changed by the caller.
  std::string Jwt(const std::string& kid = "key-1",
                  const std::string& iss = "sa-1",
                  const std::string& aud = kAudience, int64_t iat_offset = 0,
                  int64_t exp_offset = 3600, EVP_PKEY* key = nullptr) {
    int64_t now = absl::ToUnixSeconds(absl::Now());
    return SignJwt(key != nullptr ? key : key_.get(), Header(kid),
                   Claims(iss, aud, now + iat_offset, now + exp_offset));
  }

  grpc::Status Exchange(const std::string& jwt,
                        iam::CreateIamTokenResponse* response) {
    iam::CreateIamTokenRequest request;
    request.set_jwt(jwt);
    return stubs_->tokens->Create(Ctx().get(), request, response);
  }

  grpc::Status GetImage(const std::string& token,
                        const std::string& raw_authorization = "") {
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    api::DesktopImage image;
    auto context = Ctx(token);
    if (!raw_authorization.empty()) {
      context->AddMetadata("authorization", raw_authorization);
    }
    return stubs_->images->Get(context.get(), request, &image);
  }

  KeyPtr key_ = NewRsaKey();
};

TEST_F(AuthTest, CallsWithoutAValidTokenAreUnauthenticated) {
  grpc::Status status = GetImage("");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization"));

  status = GetImage("t1.not-a-token-this-emulator-issued");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // Secrets never appear in errors.
  EXPECT_THAT(status.error_message(), Not(HasSubstr("not-a-token")));

  status = GetImage("", "Basic dXNlcjpwYXNz");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("dXNlcjpwYXNz")));

  EXPECT_TRUE(GetImage(emu_->IssueTokenForTesting()).ok());
}

TEST_F(AuthTest, IamEndpointAndOperationlessServicesNeedNoToken) {
  endpoint::ListApiEndpointsRequest list;
  endpoint::ListApiEndpointsResponse endpoints;
  EXPECT_TRUE(stubs_->endpoints->List(Ctx().get(), list, &endpoints).ok());
  iam::CreateIamTokenResponse response;
  EXPECT_TRUE(Exchange(Jwt(), &response).ok());
  // OperationService is a Cloud API like the others: it needs one.
  operation::GetOperationRequest get;
  get.set_operation_id("dopmissing0000000000");
  operation::Operation op;
  EXPECT_EQ(stubs_->operations->Get(Ctx().get(), get, &op).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, ValidJwtIsExchangedForAWorkingToken) {
  iam::CreateIamTokenResponse response;
  grpc::Status status = Exchange(Jwt(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.iam_token().substr(0, 3), "t1.");
  absl::Time expires = absl::FromUnixSeconds(response.expires_at().seconds());
  EXPECT_GT(expires, absl::Now() + absl::Hours(11));
  EXPECT_LT(expires, absl::Now() + absl::Hours(13));

  EXPECT_TRUE(GetImage(response.iam_token()).ok());

  // Operations started with it name the service account.
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id("f");
  copy.set_name("c");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->images->Copy(Ctx(response.iam_token()).get(), copy, &op).ok());
  EXPECT_EQ(op.created_by(), "sa-1");
}

TEST_F(AuthTest, RevokedTokensStopWorking) {
  iam::CreateIamTokenResponse created;
  ASSERT_TRUE(Exchange(Jwt(), &created).ok());
  ASSERT_TRUE(GetImage(created.iam_token()).ok());
  iam::RevokeIamTokenRequest revoke;
  revoke.set_iam_token(created.iam_token());
  iam::RevokeIamTokenResponse revoked;
  ASSERT_TRUE(stubs_->tokens->Revoke(Ctx().get(), revoke, &revoked).ok());
  EXPECT_EQ(revoked.subject_id(), "sa-1");
  EXPECT_EQ(GetImage(created.iam_token()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, JwtChecksFailWithTheirReason) {
  KeyPtr other_key = NewRsaKey();
  struct Case {
    std::string name;
    std::string jwt;
    std::string reason;
  } cases[] = {
      {"unknown kid", Jwt("key-9"), "unknown key id"},
      {"wrong aud", Jwt("key-1", "sa-1", "https://example.com"), "aud"},
      {"wrong iss", Jwt("key-1", "sa-2"), "iss"},
      {"expired", Jwt("key-1", "sa-1", kAudience, -7200, -3600), "expired"},
      {"iat in the future", Jwt("key-1", "sa-1", kAudience, 3600, 7200), "iat"},
      {"bad signature",
       Jwt("key-1", "sa-1", kAudience, 0, 3600, other_key.get()), "signature"},
  };
  for (const Case& c : cases) {
    iam::CreateIamTokenResponse response;
    grpc::Status status = Exchange(c.jwt, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << c.name;
    EXPECT_THAT(status.error_message(), HasSubstr(c.reason)) << c.name;
    EXPECT_THAT(status.error_message(), Not(HasSubstr(c.jwt))) << c.name;
  }

  // A tampered claim breaks the signature too.
  std::string jwt = Jwt();
  size_t first_dot = jwt.find('.');
  size_t second_dot = jwt.find('.', first_dot + 1);
  int64_t now = absl::ToUnixSeconds(absl::Now());
  std::string tampered =
      jwt.substr(0, first_dot + 1) +
      absl::WebSafeBase64Escape(Claims("sa-1", kAudience, now, now + 86400)) +
      jwt.substr(second_dot);
  iam::CreateIamTokenResponse response;
  grpc::Status status = Exchange(tampered, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("signature"));
}

TEST_F(AuthTest, MalformedJwtIsInvalidArgument) {
  iam::CreateIamTokenResponse response;
  grpc::Status status = Exchange("not-a-jwt", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "jwt");
  EXPECT_THAT(status.error_message(), Not(HasSubstr("not-a-jwt")));
}

TEST_F(AuthTest, KeysCanBeRegisteredLater) {
  KeyPtr late = NewRsaKey();
  std::string jwt = Jwt("key-late", "sa-late", kAudience, 0, 3600, late.get());
  iam::CreateIamTokenResponse response;
  EXPECT_EQ(Exchange(jwt, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(emu_->RegisterServiceAccountKey("sa-late", "key-late",
                                              PublicKeyPem(late.get()))
                  .ok());
  EXPECT_TRUE(Exchange(jwt, &response).ok());
  EXPECT_EQ(emu_->RegisterServiceAccountKey("sa", "k", "not a pem").code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AuthTest, OauthAndServiceAccountTokens) {
  iam::CreateIamTokenRequest request;
  request.set_yandex_passport_oauth_token("y0_anything");
  iam::CreateIamTokenResponse response;
  ASSERT_TRUE(stubs_->tokens->Create(Ctx().get(), request, &response).ok());
  EXPECT_TRUE(GetImage(response.iam_token()).ok());

  iam::CreateIamTokenRequest empty;
  grpc::Status status = stubs_->tokens->Create(Ctx().get(), empty, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  iam::CreateIamTokenForServiceAccountRequest for_sa;
  for_sa.set_service_account_id("sa-7");
  ASSERT_TRUE(
      stubs_->tokens->CreateForServiceAccount(Ctx().get(), for_sa, &response)
          .ok());
  EXPECT_TRUE(GetImage(response.iam_token()).ok());
}

class ShortLivedTokenTest : public AuthTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = AuthTest::Options();
    options.token_lifetime = absl::Milliseconds(500);
    return options;
  }
};

TEST_F(ShortLivedTokenTest, IssuedTokensStopWorkingAtExpiresAt) {
  iam::CreateIamTokenResponse response;
  ASSERT_TRUE(Exchange(Jwt(), &response).ok());
  absl::Time expires_at =
      absl::FromUnixSeconds(response.expires_at().seconds()) +
      absl::Nanoseconds(response.expires_at().nanos());
  EXPECT_LE(expires_at, absl::Now() + absl::Milliseconds(500));
  // Past expires_at the token is refused like any unknown one.
  absl::SleepFor(expires_at - absl::Now() + absl::Milliseconds(50));
  grpc::Status status = GetImage(response.iam_token());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("expired"));
  EXPECT_THAT(status.error_message(), Not(HasSubstr(response.iam_token())));
}

}  // namespace
}  // namespace emulator_test
