// Service-account key files: what is accepted, one clear error per problem
// (naming the file), the permission warning, and no key material in any
// error.

#include "clouddesktop/credentials/internal/service_account_key.h"

#include <openssl/pem.h>

#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/credentials.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/test_util.h"

namespace credentials_test {
namespace {

using ::clouddesktop::internal::ParseServiceAccountKey;
using ::clouddesktop::internal::ReadServiceAccountKeyFile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kSource[] = "service-account key file \"/keys/sa.json\"";

nlohmann::json GoodKey() {
  return nlohmann::json::parse(KeyFileJson(SharedRsaKey().get()));
}

// No part of the private key may appear in `message`: neither its PEM
// framing nor any 16-character window of its body.
void ExpectNoKeyMaterial(absl::string_view message) {
  EXPECT_THAT(std::string(message), Not(HasSubstr("PRIVATE KEY-----")));
  const std::string body = PemBody(PrivateKeyPem(SharedRsaKey().get()));
  for (size_t i = 0; i + 16 <= body.size(); i += 8) {
    ASSERT_THAT(std::string(message), Not(HasSubstr(body.substr(i, 16))))
        << "key material at " << i;
  }
}

absl::Status ParseError(const std::string& json) {
  auto key = ParseServiceAccountKey(json, kSource);
  EXPECT_FALSE(key.ok());
  if (key.ok()) return absl::OkStatus();
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument)
      << key.status();
  EXPECT_THAT(std::string(key.status().message()), HasSubstr(kSource));
  ExpectNoKeyMaterial(key.status().message());
  return key.status();
}

TEST(ServiceAccountKeyTest, ParsesYcKeyFile) {
  auto key = ParseServiceAccountKey(
      KeyFileJson(SharedRsaKey().get(), "ajekey", "ajesa"), kSource);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->id, "ajekey");
  EXPECT_EQ(key->service_account_id, "ajesa");
  EXPECT_EQ(key->key_algorithm, "RSA_2048");
  EXPECT_EQ(key->created_at, "2024-01-02T03:04:05.678901Z");
  ASSERT_NE(key->private_key, nullptr);
}

TEST(ServiceAccountKeyTest, OptionalFieldsMayBeAbsent) {
  nlohmann::json json = GoodKey();
  json.erase("public_key");
  json.erase("created_at");
  json.erase("key_algorithm");
  auto key = ParseServiceAccountKey(json.dump(), kSource);
  ASSERT_TRUE(key.ok()) << key.status();
}

TEST(ServiceAccountKeyTest, TraditionalRsaPemIsAccepted) {
  nlohmann::json json = GoodKey();
  // "BEGIN RSA PRIVATE KEY" (PKCS#1), as older tools write it.
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()),
                                                &BIO_free);
  ASSERT_EQ(PEM_write_bio_PrivateKey_traditional(bio.get(),
                                                 SharedRsaKey().get(), nullptr,
                                                 nullptr, 0, nullptr, nullptr),
            1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);  // NOLINT(runtime/int)
  json["private_key"] = std::string(data, static_cast<size_t>(size));
  auto key = ParseServiceAccountKey(json.dump(), kSource);
  ASSERT_TRUE(key.ok()) << key.status();
}

TEST(ServiceAccountKeyTest, NotJson) {
  std::string text = KeyFileJson(SharedRsaKey().get());
  text.pop_back();  // the closing brace
  absl::Status status = ParseError(text);
  EXPECT_THAT(std::string(status.message()), HasSubstr("not valid JSON"));
  // A raw PEM pasted instead of the JSON file.
  status = ParseError(PrivateKeyPem(SharedRsaKey().get()));
  EXPECT_THAT(std::string(status.message()), HasSubstr("not valid JSON"));
}

TEST(ServiceAccountKeyTest, NotAnObject) {
  absl::Status status = ParseError("[1, 2]");
  EXPECT_THAT(std::string(status.message()), HasSubstr("not a JSON object"));
}

TEST(ServiceAccountKeyTest, EachMissingRequiredField) {
  for (const char* field : {"id", "service_account_id", "private_key"}) {
    SCOPED_TRACE(field);
    nlohmann::json json = GoodKey();
    json.erase(field);
    absl::Status status = ParseError(json.dump());
    EXPECT_THAT(std::string(status.message()),
                HasSubstr(absl::StrCat("missing field \"", field, "\"")));
  }
}

TEST(ServiceAccountKeyTest, EmptyAndWrongTypeFields) {
  nlohmann::json json = GoodKey();
  json["id"] = "";
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("field \"id\" is empty"));
  json = GoodKey();
  json["service_account_id"] = 42;
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("field \"service_account_id\" must be a string"));
  json = GoodKey();
  json["created_at"] = nlohmann::json::array();
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("field \"created_at\" must be a string"));
}

TEST(ServiceAccountKeyTest, WrongPem) {
  nlohmann::json json = GoodKey();
  json["private_key"] = "not a pem at all";
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("\"private_key\" is not PEM"));

  // A damaged body: PEM framing, broken base64.
  std::string pem = PrivateKeyPem(SharedRsaKey().get());
  pem[pem.find('\n') + 10] = '*';
  json["private_key"] = pem;
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("\"private_key\" is not a valid PEM private key"));

  // A public key where the private key belongs.
  json["private_key"] = PublicKeyPem(SharedRsaKey().get());
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("\"private_key\" is not a valid PEM private key"));

  json = GoodKey();
  json["public_key"] =
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC "
      "KEY-----\n";
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("\"public_key\" is not a valid PEM public key"));
}

TEST(ServiceAccountKeyTest, NotRsa) {
  KeyPtr ec = NewEcKey();
  nlohmann::json json = GoodKey();
  json["private_key"] = PrivateKeyPem(ec.get());
  json.erase("public_key");
  absl::Status status = ParseError(json.dump());
  EXPECT_THAT(std::string(status.message()), HasSubstr("not RSA"));
  EXPECT_THAT(std::string(status.message()),
              Not(HasSubstr(PemBody(PrivateKeyPem(ec.get())).substr(0, 16))));

  json = GoodKey();
  json["key_algorithm"] = "EC_P256";
  status = ParseError(json.dump());
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("\"key_algorithm\" is \"EC_P256\", not RSA"));
}

TEST(ServiceAccountKeyTest, ShortRsaKey) {
  KeyPtr small = NewRsaKey(1024);
  nlohmann::json json = nlohmann::json::parse(KeyFileJson(small.get()));
  absl::Status status = ParseError(json.dump());
  EXPECT_THAT(std::string(status.message()), HasSubstr("1024-bit"));
}

TEST(ServiceAccountKeyTest, PublicKeyOfAnotherKey) {
  KeyPtr other = NewRsaKey(2048);
  nlohmann::json json = GoodKey();
  json["public_key"] = PublicKeyPem(other.get());
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("\"public_key\" does not match field \"private_key\""));
}

TEST(ServiceAccountKeyTest, EncryptedKeyFailsWithoutPrompting) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()),
                                                &BIO_free);
  static char passphrase[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio.get(), SharedRsaKey().get(),
                                          EVP_aes_256_cbc(), nullptr, 0,
                                          nullptr, passphrase),
            1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);  // NOLINT(runtime/int)
  nlohmann::json json = GoodKey();
  json["private_key"] = std::string(data, static_cast<size_t>(size));
  EXPECT_THAT(std::string(ParseError(json.dump()).message()),
              HasSubstr("unencrypted"));
}

TEST(ServiceAccountKeyTest, FileErrorsNameTheFile) {
  Warnings warnings;
  auto missing =
      ReadServiceAccountKeyFile("/nonexistent/dir/key.json", warnings.sink());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("\"/nonexistent/dir/key.json\""));

  nlohmann::json json = GoodKey();
  json.erase("service_account_id");
  std::string path = WriteTempFile("no_sa.json", json.dump());
  auto bad = ReadServiceAccountKeyFile(path, warnings.sink());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            absl::StrCat("service-account key file \"", path,
                         "\": missing field \"service_account_id\""));
  ExpectNoKeyMaterial(bad.status().message());

  const char* dir = std::getenv("TEST_TMPDIR");
  auto directory = ReadServiceAccountKeyFile(dir, warnings.sink());
  ASSERT_FALSE(directory.ok());
  EXPECT_THAT(std::string(directory.status().message()),
              HasSubstr("not a regular file"));
  EXPECT_THAT(warnings.all(), IsEmpty());
}

// A key file is a few kilobytes: a huge file (a disk image, a log given by
// mistake) is refused by its size before any of it is read or parsed.
TEST(ServiceAccountKeyTest, HugeFileIsRefusedNamingIt) {
  Warnings warnings;
  nlohmann::json json = GoodKey();
  // Still a valid key file apart from its size.
  json["description"] = std::string(1024 * 1024, 'x');
  std::string path = WriteTempFile("huge.json", json.dump());
  auto huge = ReadServiceAccountKeyFile(path, warnings.sink());
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(huge.status().message()),
              HasSubstr(absl::StrCat("\"", path, "\"")));
  EXPECT_THAT(std::string(huge.status().message()),
              HasSubstr("too large for a key file"));
  ExpectNoKeyMaterial(huge.status().message());
  EXPECT_THAT(warnings.all(), IsEmpty());
}

TEST(ServiceAccountKeyTest, WarnsWhenReadableByOthers) {
  const std::string json = KeyFileJson(SharedRsaKey().get());
  {
    Warnings warnings;
    std::string path = WriteTempFile("private.json", json, 0600);
    ASSERT_TRUE(ReadServiceAccountKeyFile(path, warnings.sink()).ok());
    EXPECT_THAT(warnings.all(), IsEmpty());
  }
  {
    Warnings warnings;
    std::string path = WriteTempFile("world.json", json, 0644);
    ASSERT_TRUE(ReadServiceAccountKeyFile(path, warnings.sink()).ok());
    ASSERT_THAT(warnings.all(), SizeIs(1));
    EXPECT_THAT(warnings.all()[0], HasSubstr(path));
    EXPECT_THAT(warnings.all()[0], HasSubstr("readable by others"));
    EXPECT_THAT(warnings.all()[0], HasSubstr("0644"));
    ExpectNoKeyMaterial(warnings.all()[0]);
  }
  {
    Warnings warnings;
    std::string path = WriteTempFile("group.json", json, 0640);
    ASSERT_TRUE(ReadServiceAccountKeyFile(path, warnings.sink()).ok());
    ASSERT_THAT(warnings.all(), SizeIs(1));
    EXPECT_THAT(warnings.all()[0], HasSubstr("readable by its group"));
  }
}

TEST(ServiceAccountKeyTest, FactoryReportsTheSameErrors) {
  nlohmann::json json = GoodKey();
  json["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n";
  std::string path = WriteTempFile("broken.json", json.dump());
  auto auth = clouddesktop::MakeServiceAccountKeyAuth(path);
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(auth.status().message()), HasSubstr(path));
  ExpectNoKeyMaterial(auth.status().message());

  auto from_json = clouddesktop::MakeServiceAccountKeyAuthFromJson(
      json.dump(), {}, "inline key");
  ASSERT_FALSE(from_json.ok());
  EXPECT_THAT(std::string(from_json.status().message()),
              HasSubstr("inline key: field \"private_key\""));
}

}  // namespace
}  // namespace credentials_test
