// Parsing the standalone emulator's flags.
#include "clouddesktop/emulator/internal/command_line.h"

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/temp_file.h"

namespace {

using ::clouddesktop::emulator::internal::CommandLine;
using ::clouddesktop::emulator::internal::ParseCommandLine;
using ::clouddesktop::emulator::internal::Usage;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing_util::NewRsaKey;
using ::testing_util::PrivateKeyPem;
using ::testing_util::PublicKeyPem;
using ::testing_util::WriteTempFile;

// JSON string literal of `text` (only newlines and quotes occur in PEM).
std::string JsonString(const std::string& text) {
  return "\"" +
         absl::StrReplaceAll(text,
                             {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}) +
         "\"";
}

TEST(CommandLineTest, DefaultsWithoutFlags) {
  absl::StatusOr<CommandLine> parsed = ParseCommandLine({});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->options.listen_address, "127.0.0.1:0");
  EXPECT_FALSE(parsed->options.require_token);
  EXPECT_TRUE(parsed->options.compute_images.empty());  // open catalogue
  EXPECT_FALSE(parsed->help);
}

TEST(CommandLineTest, ParsesEveryFlagInBothForms) {
  absl::StatusOr<CommandLine> parsed = ParseCommandLine(
      {"--listen", "0.0.0.0:50051", "--operation-delay=500ms",
       "--poll-interval-hint", "2s", "--require-token", "--faults",
       "*:latency=10ms", "--tls-cert", "c.pem", "--tls-key=k.pem",
       "--compute-image", "fd8aaaaaaaaaaaaaaaaa",
       "--compute-image=fd8bbbbbbbbbbbbbbbbb"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const clouddesktop::emulator::EmulatorOptions& o = parsed->options;
  EXPECT_EQ(o.listen_address, "0.0.0.0:50051");
  EXPECT_EQ(o.operation_delay, absl::Milliseconds(500));
  EXPECT_EQ(o.poll_interval_hint, absl::Seconds(2));
  EXPECT_TRUE(o.require_token);
  EXPECT_EQ(o.faults.rules.size(), 1u);
  EXPECT_EQ(o.tls_cert_file, "c.pem");
  EXPECT_EQ(o.tls_key_file, "k.pem");
  ASSERT_EQ(o.compute_images.size(), 2u);
  EXPECT_EQ(o.compute_images[0].id, "fd8aaaaaaaaaaaaaaaaa");
  EXPECT_EQ(o.compute_images[1].id, "fd8bbbbbbbbbbbbbbbbb");
}

TEST(CommandLineTest, UsageErrorsNameTheFlag) {
  EXPECT_THAT(ParseCommandLine({"--listen", "nope"}).status().message(),
              HasSubstr("--listen"));
  EXPECT_THAT(ParseCommandLine({"--require-token=yes"}).status().message(),
              HasSubstr("takes no value"));
  EXPECT_THAT(
      ParseCommandLine({"--poll-interval-hint", "-1s"}).status().message(),
      HasSubstr("--poll-interval-hint"));
  EXPECT_THAT(ParseCommandLine({"--sa-public-key", "sa:key:/nonexistent.pem"})
                  .status()
                  .message(),
              HasSubstr("cannot read /nonexistent.pem"));
  EXPECT_THAT(ParseCommandLine({"positional"}).status().message(),
              HasSubstr("unknown flag"));
}

}  // namespace

TEST(CommandLineTest, SaKeyReadsTheYcKeyFile) {
  auto key = NewRsaKey();
  std::string public_pem = PublicKeyPem(key.get());
  // As `yc iam key create` writes it: public_key and private_key, the
  // latter behind a line that is not PEM.
  std::string path = WriteTempFile(
      "yc-key.json",
      "{\"id\": \"ajekey\", \"service_account_id\": \"ajesa\", "
      "\"created_at\": \"2024-01-01T00:00:00Z\", \"key_algorithm\": "
      "\"RSA_2048\", \"public_key\": " +
          JsonString(public_pem) + ", \"private_key\": " +
          JsonString("PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID "
                     "<ajekey>\n" +
                     PrivateKeyPem(key.get())) +
          "}");
  absl::StatusOr<CommandLine> parsed = ParseCommandLine({"--sa-key", path});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->options.service_account_keys.size(), 1u);
  const clouddesktop::emulator::ServiceAccountKey& got =
      parsed->options.service_account_keys[0];
  EXPECT_EQ(got.key_id, "ajekey");
  EXPECT_EQ(got.service_account_id, "ajesa");
  EXPECT_EQ(got.public_key_pem, public_pem);
}

TEST(CommandLineTest, SaKeyDerivesThePublicKeyWhenAbsent) {
  auto key = NewRsaKey();
  std::string path =
      WriteTempFile("private-only.json",
                    "{\"id\": \"k2\", \"service_account_id\": \"sa2\", "
                    "\"private_key\": " +
                        JsonString("PLEASE DO NOT REMOVE THIS LINE!\n" +
                                   PrivateKeyPem(key.get())) +
                        "}");
  absl::StatusOr<CommandLine> parsed =
      ParseCommandLine({"--sa-key=" + path, "--sa-key", path});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->options.service_account_keys.size(), 2u);  // repeatable
  EXPECT_EQ(parsed->options.service_account_keys[0].public_key_pem,
            PublicKeyPem(key.get()));
}

TEST(CommandLineTest, BadSaKeyFilesNameTheProblemNotTheSecret) {
  auto key = NewRsaKey();
  std::string private_pem = PrivateKeyPem(key.get());
  struct Case {
    std::string json;
    std::string message;
  } cases[] = {
      {"not json " + private_pem, "not a JSON object"},
      {"{\"service_account_id\": \"sa\", \"private_key\": " +
           JsonString(private_pem) + "}",
       "\"id\""},
      {"{\"id\": \"k\", \"private_key\": " + JsonString(private_pem) + "}",
       "\"service_account_id\""},
      {"{\"id\": \"k\", \"service_account_id\": \"sa\", \"private_key\": "
       "\"-----BEGIN PRIVATE KEY-----\\nMIIsecretbits\\n-----END PRIVATE "
       "KEY-----\\n\"}",
       "neither \"public_key\" nor a readable PEM \"private_key\""},
  };
  for (const Case& c : cases) {
    std::string path = WriteTempFile("bad-key.json", c.json);
    absl::Status status = ParseCommandLine({"--sa-key", path}).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.message;
    EXPECT_THAT(status.message(), HasSubstr("--sa-key")) << c.message;
    EXPECT_THAT(status.message(), HasSubstr(path)) << c.message;
    EXPECT_THAT(status.message(), HasSubstr(c.message));
    EXPECT_THAT(status.message(), Not(HasSubstr("PRIVATE KEY")));
    EXPECT_THAT(status.message(), Not(HasSubstr("MII")));
  }
  EXPECT_THAT(ParseCommandLine({"--sa-key", "/nonexistent/key.json"})
                  .status()
                  .message(),
              HasSubstr("cannot read /nonexistent/key.json"));
}

TEST(CommandLineTest, HelpDocumentsEveryFlagAndTheFaultGrammar) {
  absl::StatusOr<CommandLine> parsed = ParseCommandLine({"--help"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->help);
  std::string usage = Usage("emulator");
  for (const char* text : {"--listen",
                           "--tls-cert",
                           "--tls-key",
                           "--operation-delay",
                           "--poll-interval-hint",
                           "--require-token",
                           "--sa-key",
                           "--sa-public-key",
                           "--compute-image",
                           "--faults",
                           "latency=",
                           "unavailable=",
                           "resource_exhausted=",
                           "internal=",
                           "not_found_polls=",
                           "op_error=",
                           "health_check=",
                           "CREATION_FAILED",
                           "DesktopService.Get:",
                           "listening on",
                           "SIGTERM"}) {
    EXPECT_THAT(usage, HasSubstr(text));
  }
}
