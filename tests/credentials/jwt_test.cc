// The service-account JWT, checked independently of the code that makes it:
// split, base64url-decoded, parsed, and its PS256 signature verified with
// the public key through OpenSSL.

#include "clouddesktop/credentials/internal/jwt.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/internal/service_account_key.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/test_util.h"

namespace credentials_test {
namespace {

using ::clouddesktop::internal::MakeServiceAccountJwt;
using ::clouddesktop::internal::ParseServiceAccountKey;
using ::clouddesktop::internal::ServiceAccountKey;
using ::testing::Not;

// base64url without padding (RFC 7515), decoded with OpenSSL rather than
// the abseil code that encoded it: the alphabet is translated back to
// standard base64 and the padding restored by hand.
std::string Decode(absl::string_view part) {
  std::string b64(part);
  for (char& c : b64) {
    EXPECT_TRUE(absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                c == '-' || c == '_')
        << "not base64url: " << part;
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  const size_t pad = (4 - b64.size() % 4) % 4;
  EXPECT_NE(pad, 3u) << "impossible base64 length: " << part;
  b64.append(pad, '=');
  std::string out(b64.size() / 4 * 3, '\0');
  const int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(b64.data()),
                      static_cast<int>(b64.size()));
  EXPECT_GE(n, 0) << part;
  if (n < 0 || static_cast<size_t>(n) < pad) return "";
  // EVP_DecodeBlock counts the bytes the padding stands for.
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length exactly 32.
bool VerifyPs256(EVP_PKEY* public_key, absl::string_view signed_part,
                 absl::string_view signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  return EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr,
                              public_key) == 1 &&
         EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1 &&
         EVP_DigestVerify(
             ctx.get(),
             reinterpret_cast<const unsigned char*>(signature.data()),
             signature.size(),
             reinterpret_cast<const unsigned char*>(signed_part.data()),
             signed_part.size()) == 1;
}

// The public half only, as a verifier would hold it.
KeyPtr PublicOnly(EVP_PKEY* key) {
  std::string pem = PublicKeyPem(key);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  return KeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                &EVP_PKEY_free);
}

ServiceAccountKey ParsedKey(EVP_PKEY* key) {
  auto parsed = ParseServiceAccountKey(
      KeyFileJson(key, "ajekeyid0123", "ajesaid4567"), "test key");
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return *parsed;
}

TEST(JwtTest, HeaderClaimsAndSignature) {
  KeyPtr key = SharedRsaKey();
  const absl::Time now = absl::FromUnixSeconds(1712345678);
  auto jwt = MakeServiceAccountJwt(ParsedKey(key.get()), now);
  ASSERT_TRUE(jwt.ok()) << jwt.status();

  std::vector<std::string> parts = absl::StrSplit(*jwt, '.');
  ASSERT_EQ(parts.size(), 3u);
  for (const std::string& part : parts) {
    // base64url without padding.
    EXPECT_THAT(part, Not(::testing::HasSubstr("=")));
    EXPECT_THAT(part, Not(::testing::HasSubstr("+")));
    EXPECT_THAT(part, Not(::testing::HasSubstr("/")));
  }

  auto header = nlohmann::json::parse(Decode(parts[0]));
  EXPECT_EQ(header,
            nlohmann::json(
                {{"typ", "JWT"}, {"alg", "PS256"}, {"kid", "ajekeyid0123"}}));

  auto claims = nlohmann::json::parse(Decode(parts[1]));
  EXPECT_EQ(claims.size(), 4u) << claims.dump();
  EXPECT_EQ(claims["iss"], "ajesaid4567");
  EXPECT_EQ(claims["aud"], "https://iam.api.cloud.yandex.net/iam/v1/tokens");
  ASSERT_TRUE(claims["iat"].is_number_integer());
  ASSERT_TRUE(claims["exp"].is_number_integer());
  EXPECT_EQ(claims["iat"].get<int64_t>(), 1712345678);
  EXPECT_EQ(claims["exp"].get<int64_t>(), 1712345678 + 3600);

  const std::string signature = Decode(parts[2]);
  EXPECT_EQ(signature.size(), 256u);  // 2048-bit modulus
  KeyPtr public_key = PublicOnly(key.get());
  const std::string signed_part = parts[0] + "." + parts[1];
  EXPECT_TRUE(VerifyPs256(public_key.get(), signed_part, signature));
  // The check is real: a changed claim fails it.
  EXPECT_FALSE(VerifyPs256(public_key.get(), signed_part + "x", signature));
}

TEST(JwtTest, SignaturesAreRandomizedButAllVerify) {
  KeyPtr key = SharedRsaKey();
  ServiceAccountKey parsed = ParsedKey(key.get());
  const absl::Time now = absl::FromUnixSeconds(1712345678);
  auto a = MakeServiceAccountJwt(parsed, now);
  auto b = MakeServiceAccountJwt(parsed, now);
  ASSERT_TRUE(a.ok() && b.ok());
  // PSS salts are random: same claims, different signatures.
  EXPECT_NE(*a, *b);
  KeyPtr public_key = PublicOnly(key.get());
  for (const std::string& jwt : {*a, *b}) {
    std::vector<std::string> parts = absl::StrSplit(jwt, '.');
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_TRUE(VerifyPs256(public_key.get(), parts[0] + "." + parts[1],
                            Decode(parts[2])));
  }
}

TEST(JwtTest, FourKilobitKey) {
  KeyPtr key = NewRsaKey(4096);
  auto jwt = MakeServiceAccountJwt(ParsedKey(key.get()),
                                   absl::FromUnixSeconds(1712345678));
  ASSERT_TRUE(jwt.ok()) << jwt.status();
  std::vector<std::string> parts = absl::StrSplit(*jwt, '.');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(Decode(parts[2]).size(), 512u);
  EXPECT_TRUE(VerifyPs256(PublicOnly(key.get()).get(),
                          parts[0] + "." + parts[1], Decode(parts[2])));
}

}  // namespace
}  // namespace credentials_test
