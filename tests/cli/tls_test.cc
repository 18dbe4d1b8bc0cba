// The real `clouddesktop` binary against an emulator process that serves
// TLS with a self-signed certificate made at test run time (no key is
// checked in) and requires IAM tokens: --ca-cert, a service account key
// (--sa-key-file) exchanged with the emulator's IamTokenService, a token
// from $YC_IAM_TOKEN or --token-file, and the errors without them.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestTls server = MakeTestTls();
    TestTls account = MakeTestTls();  // the service account's key pair
    cert_ = new std::string(WriteTempFile("server.crt", server.cert_pem));
    std::string key = WriteTempFile("server.key", server.key_pem);
    std::string public_key =
        WriteTempFile("sa.pub.pem", account.public_key_pem);
    nlohmann::json sa_key = {{"id", "key-1"},
                             {"service_account_id", "sa-1"},
                             {"key_algorithm", "RSA_2048"},
                             {"private_key", account.key_pem}};
    sa_key_file_ = new std::string(WriteTempFile("sa-key.json", sa_key.dump()));
    emulator_ = new Emulator({"--tls-cert", *cert_, "--tls-key", key,
                              "--operation-delay", "20ms", "--require-token",
                              "--sa-public-key",
                              absl::StrCat("sa-1:key-1:", public_key)});
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    delete cert_;
    delete sa_key_file_;
  }

  // TLS with the test's CA and the service account's key.
  static std::vector<std::string> Args(std::vector<std::string> args,
                                       std::string endpoint = "") {
    args.insert(
        args.begin(),
        {"--endpoint", endpoint.empty() ? emulator_->address() : endpoint,
         "--ca-cert", *cert_, "--sa-key-file", *sa_key_file_});
    return args;
  }

  static Emulator* emulator_;
  static std::string* cert_;
  static std::string* sa_key_file_;
};

Emulator* TlsTest::emulator_ = nullptr;
std::string* TlsTest::cert_ = nullptr;
std::string* TlsTest::sa_key_file_ = nullptr;

TEST_F(TlsTest, ListsAndWaitsOverTls) {
  Result list = RunCli(Args({"images", "list", "--folder-id", "emulator-folder",
                             "--format", "json"}));
  ASSERT_EQ(list.exit_code, 0) << list.Describe();
  EXPECT_THAT(Json(list), SizeIs(2));

  Result copy = RunCli(
      Args({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
            "tls-folder", "--name", "over-tls", "--wait", "--format", "json"}));
  ASSERT_EQ(copy.exit_code, 0) << copy.Describe();
  EXPECT_EQ(Json(copy)["name"], "over-tls");

  // The certificate names localhost too.
  std::string port =
      emulator_->address().substr(emulator_->address().rfind(':') + 1);
  Result by_name = RunCli(Args({"images", "get", "img-windows-11"},
                               absl::StrCat("localhost:", port)));
  EXPECT_EQ(by_name.exit_code, 0) << by_name.Describe();
  EXPECT_THAT(by_name.out, HasSubstr("name: windows-11"));
}

TEST_F(TlsTest, UntrustedCertificateIsAnApiError) {
  Result r = RunCli({"--endpoint", emulator_->address(), "--sa-key-file",
                     *sa_key_file_, "--timeout", "5s", "images", "get",
                     "img-windows-11"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("UNAVAILABLE"));
}

// Issue 20: a --ca-cert that holds no certificate (not PEM, or empty) is a
// usage error naming the file, before anything is sent; it used to end
// after six attempts with "empty address list" (or, empty, silently use the
// system roots).
TEST_F(TlsTest, CaCertWithoutACertificateIsAUsageErrorNamingTheFile) {
  for (const std::string& path :
       {std::string("/etc/passwd"), WriteTempFile("empty.crt", "")}) {
    Result r = RunCli({"--endpoint", emulator_->address(), "--ca-cert", path,
                       "--sa-key-file", *sa_key_file_, "images", "get",
                       "img-windows-11"});
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
    EXPECT_THAT(r.err, HasSubstr(absl::StrCat("--ca-cert: ", path,
                                              " holds no PEM certificate")))
        << r.Describe();
    EXPECT_THAT(r.err, Not(HasSubstr("empty address list")));
  }
}

// Issue 20: a plaintext client against the TLS port is told why it failed.
TEST_F(TlsTest, PlaintextAgainstTlsSaysTheServerMayExpectTls) {
  Result r = RunCli({"--endpoint", emulator_->address(), "--insecure",
                     "--timeout", "5s", "images", "get", "img-windows-11"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("the server may expect TLS")) << r.Describe();
}

TEST_F(TlsTest, WithoutCredentialsUnauthenticated) {
  Result r = RunCli({"--endpoint", emulator_->address(), "--ca-cert", *cert_,
                     "images", "get", "img-windows-11"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("DesktopImageService.Get"),
                           HasSubstr("UNAUTHENTICATED")));
}

TEST_F(TlsTest, BadKeyFileIsAUsageErrorWithoutTheKey) {
  TestTls other = MakeTestTls();
  nlohmann::json broken = {{"id", "key-1"}, {"private_key", other.key_pem}};
  std::string path = WriteTempFile("broken-key.json", broken.dump());
  Result r = RunCli({"--endpoint", emulator_->address(), "--ca-cert", *cert_,
                     "--sa-key-file", path, "images", "get", "img-windows-11"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("credentials"), HasSubstr("service_account_id")));
  std::vector<std::string> pem_lines = absl::StrSplit(other.key_pem, '\n');
  ASSERT_GT(pem_lines.size(), 2u);
  EXPECT_THAT(r.err, Not(HasSubstr(pem_lines[1])));  // key material
}

TEST_F(TlsTest, IamTokenFromTheEnvironmentOrAFileIsSentNeverPrinted) {
  const std::string secret = "t1.not-a-real-token-0123456789";
  std::vector<std::string> args = {
      "--endpoint", emulator_->address(), "--ca-cert", *cert_, "images",
      "get",        "img-windows-11"};
  // The emulator tells "no token" from "a token it did not issue".
  Result none = RunCli(args);
  EXPECT_EQ(none.exit_code, 1) << none.Describe();
  EXPECT_THAT(none.err, HasSubstr("has no 'authorization"));

  Subprocess::Options env;
  env.env = {"YC_IAM_TOKEN=" + secret};
  Result from_env = RunCli(args, env);
  EXPECT_EQ(from_env.exit_code, 1) << from_env.Describe();
  EXPECT_THAT(from_env.err, AllOf(HasSubstr("UNAUTHENTICATED"),
                                  HasSubstr("unknown, expired or revoked")));

  std::vector<std::string> with_file = args;
  with_file.insert(with_file.begin(),
                   {"--token-file", WriteTempFile("iam-token", secret + "\n")});
  Result from_file = RunCli(with_file);
  EXPECT_EQ(from_file.exit_code, 1) << from_file.Describe();
  EXPECT_THAT(from_file.err, HasSubstr("unknown, expired or revoked"));
  EXPECT_THAT(from_file.err, Not(HasSubstr("--token is visible")));

  for (const Result* r : {&from_env, &from_file}) {
    EXPECT_THAT(r->out + r->err, Not(HasSubstr(secret))) << r->Describe();
  }
}

}  // namespace
}  // namespace cli_test
