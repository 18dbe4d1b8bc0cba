// The standalone emulator binary: its flags, the "listening on" line,
// shutdown on SIGTERM/SIGINT with exit code 0, usage errors with exit code 2.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/subprocess.h"

namespace emulator_test {
namespace {

using ::testing_util::EmulatorBinary;
using ::testing_util::ListeningAddress;
using ::testing_util::Subprocess;

using ::testing_util::KeyPtr;
using ::testing_util::NewRsaKey;
using ::testing_util::PrivateKeyPem;
using ::testing_util::PublicKeyPem;
using ::testing_util::SelfSignedCertificatePem;
using ::testing_util::SignJwt;

using ::testing::HasSubstr;
using ::testing::Not;

TEST(BinaryTest, PrintsListeningLineServesAndStopsOnSigterm) {
  Subprocess process(EmulatorBinary(), {"--listen", "127.0.0.1:0"});
  ASSERT_TRUE(process.started());
  std::optional<std::string> line = process.ReadLine(absl::Seconds(30));
  ASSERT_TRUE(line.has_value()) << process.Stderr();
  // Exactly "listening on HOST:PORT".
  constexpr absl::string_view kPrefix = "listening on 127.0.0.1:";
  ASSERT_TRUE(absl::StartsWith(*line, kPrefix)) << *line;
  int port = 0;
  EXPECT_TRUE(absl::SimpleAtoi(line->substr(kPrefix.size()), &port)) << *line;
  EXPECT_GT(port, 0);
  std::string address = line->substr(std::string("listening on ").size());

  Stubs stubs(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  endpoint::ListApiEndpointsRequest request;
  endpoint::ListApiEndpointsResponse response;
  ASSERT_TRUE(stubs.endpoints->List(Ctx().get(), request, &response).ok());
  ASSERT_GT(response.endpoints_size(), 0);
  EXPECT_EQ(response.endpoints(0).address(), address);

  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0) << process.Stderr();
}

TEST(BinaryTest, StopsOnSigint) {
  Subprocess process(EmulatorBinary(), {});
  ASSERT_FALSE(ListeningAddress(process).empty()) << process.Stderr();
  process.Signal(SIGINT);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0) << process.Stderr();
}

TEST(BinaryTest, FlagsReachTheEmulator) {
  KeyPtr key = NewRsaKey();
  std::string pem_path =
      absl::StrCat(std::getenv("TEST_TMPDIR"), "/sa-key.pub.pem");
  std::ofstream(pem_path) << PublicKeyPem(key.get());
  Subprocess process(
      EmulatorBinary(),
      {"--listen=127.0.0.1:0", "--require-token", "--operation-delay", "1h",
       "--poll-interval-hint", "1500ms", "--faults",
       "DesktopImageService.List:unavailable=1", "--sa-public-key",
       absl::StrCat("sa-1:key-1:", pem_path)});
  std::string address = ListeningAddress(process);
  ASSERT_FALSE(address.empty()) << process.Stderr();
  Stubs stubs(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));

  // --require-token
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  EXPECT_EQ(stubs.images->Get(Ctx().get(), get, &image).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // --sa-public-key: a JWT signed with the key is exchanged for a token.
  int64_t now = absl::ToUnixSeconds(absl::Now());
  iam::CreateIamTokenRequest exchange;
  exchange.set_jwt(
      SignJwt(key.get(), R"({"alg":"PS256","kid":"key-1"})",
              absl::StrFormat(R"({"iss":"sa-1","aud":"%s","iat":%d,"exp":%d})",
                              "https://iam.api.cloud.yandex.net/iam/v1/tokens",
                              now, now + 600)));
  iam::CreateIamTokenResponse token;
  grpc::Status status = stubs.tokens->Create(Ctx().get(), exchange, &token);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(
      stubs.images->Get(Ctx(token.iam_token()).get(), get, &image).ok());

  // --faults
  api::ListDesktopImagesRequest list;
  list.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  api::ListDesktopImagesResponse images;
  EXPECT_EQ(stubs.images->List(Ctx(token.iam_token()).get(), list, &images)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // --operation-delay and --poll-interval-hint
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id("f");
  copy.set_name("c");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
  operation::Operation op;
  auto context = Ctx(token.iam_token());
  ASSERT_TRUE(stubs.images->Copy(context.get(), copy, &op).ok());
  EXPECT_FALSE(op.done());
  auto hint =
      context->GetServerInitialMetadata().find("x-operation-poll-interval");
  ASSERT_NE(hint, context->GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(hint->second.data(), hint->second.size()), "1.5");

  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0) << process.Stderr();
}

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

TEST(BinaryTest, ServesTlsFromCertificateAndKeyFiles) {
  KeyPtr key = NewRsaKey();
  std::string cert = SelfSignedCertificatePem(key.get());
  std::string cert_path = TempPath("binary-server.crt");
  std::string key_path = TempPath("binary-server.key");
  std::ofstream(cert_path) << cert;
  std::ofstream(key_path) << PrivateKeyPem(key.get());
  Subprocess process(EmulatorBinary(),
                     {"--tls-cert", cert_path, "--tls-key", key_path});
  std::string address = ListeningAddress(process);
  ASSERT_FALSE(address.empty()) << process.Stderr();

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = cert;
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  Stubs stubs(
      grpc::CreateCustomChannel(address, grpc::SslCredentials(ssl), args));
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  grpc::Status status = stubs.images->Get(Ctx().get(), get, &image);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(image.id(), "img-ubuntu-22-04");

  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0) << process.Stderr();
}

TEST(BinaryTest, SaKeyAcceptsTheYcKeyFile) {
  KeyPtr key = NewRsaKey();
  // A key file as `yc iam key create` writes it, private key only (the
  // emulator derives the public half); the PEM's newlines JSON-escaped.
  std::string private_key =
      "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekey>\n" +
      PrivateKeyPem(key.get());
  std::string escaped;
  for (char c : private_key) {
    if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  std::string path = TempPath("authorized_key.json");
  std::ofstream(path) << R"({"id": "ajekey", "service_account_id": "ajesa", )"
                      << R"("key_algorithm": "RSA_2048", "private_key": ")"
                      << escaped << "\"}";
  Subprocess process(EmulatorBinary(), {"--require-token", "--sa-key", path});
  std::string address = ListeningAddress(process);
  ASSERT_FALSE(address.empty()) << process.Stderr();
  Stubs stubs(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));

  int64_t now = absl::ToUnixSeconds(absl::Now());
  iam::CreateIamTokenRequest exchange;
  exchange.set_jwt(
      SignJwt(key.get(), R"({"alg":"PS256","typ":"JWT","kid":"ajekey"})",
              absl::StrFormat(R"({"iss":"ajesa","aud":"%s","iat":%d,"exp":%d})",
                              "https://iam.api.cloud.yandex.net/iam/v1/tokens",
                              now, now + 600)));
  iam::CreateIamTokenResponse token;
  grpc::Status status = stubs.tokens->Create(Ctx().get(), exchange, &token);
  ASSERT_TRUE(status.ok()) << status.error_message();
  api::GetDesktopImageRequest get;
  get.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  EXPECT_TRUE(
      stubs.images->Get(Ctx(token.iam_token()).get(), get, &image).ok());

  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0) << process.Stderr();
  // The private key never reaches the output.
  EXPECT_THAT(process.Stderr(), ::testing::Not(HasSubstr("PRIVATE KEY")));
}

TEST(BinaryTest, UsageErrorsExitWithCode2) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--bogus"}, "--bogus: unknown flag"},
      {{"--listen"}, "--listen: needs a value"},
      {{"--operation-delay", "fast"}, "--operation-delay"},
      {{"--faults", "Nope.Get:latency=1s"}, "unknown service \"Nope\""},
      {{"--tls-cert", "cert.pem"}, "give both or neither"},
      {{"--sa-public-key", "just-an-id"}, "SA_ID:KEY_ID:PEM_FILE"},
  };
  for (const Case& c : cases) {
    Subprocess process(EmulatorBinary(), c.args);
    ASSERT_TRUE(process.started());
    EXPECT_EQ(process.Wait(absl::Seconds(20)), 2) << c.message;
    EXPECT_THAT(process.Stderr(), HasSubstr(c.message));
    EXPECT_THAT(process.Stderr(), HasSubstr("usage:"));
  }
}

TEST(BinaryTest, StartFailuresExitWithCode1) {
  Subprocess process(EmulatorBinary(), {"--tls-cert", "/nonexistent/c.pem",
                                        "--tls-key", "/nonexistent/k.pem"});
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 1);
  EXPECT_THAT(process.Stderr(), HasSubstr("/nonexistent/c.pem"));
}

TEST(BinaryTest, HelpDocumentsTheFlagsAndFaultGrammarAndExitsWithCode0) {
  Subprocess process(EmulatorBinary(), {"--help"});
  std::optional<std::string> line = process.ReadLine(absl::Seconds(20));
  ASSERT_TRUE(line.has_value());
  EXPECT_THAT(*line, HasSubstr("usage:"));
  std::string help = *line;
  while (std::optional<std::string> next =
             process.ReadLine(absl::Seconds(20))) {
    help += "\n" + *next;
  }
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0);
  for (const char* text :
       {"--listen HOST:PORT", "--tls-cert", "--tls-key", "--operation-delay",
        "--require-token", "--faults", "--sa-key",
        "not_found_polls=", "op_error=", "latency=", "unavailable="}) {
    EXPECT_THAT(help, HasSubstr(text));
  }
}

// Issue 20: with a low open-file limit, 300 connections held at once used to
// stop gRPC 1.51's listener for good ("Failed accept4: Too many open
// files"); every later client timed out. Now the connections past the limit
// are refused at once, said so on stderr, and once they are released the
// emulator serves again.
TEST(BinaryTest, RecoversAfterRunningOutOfFileDescriptors) {
  Subprocess process(
      "/bin/sh", {"-c", absl::StrCat("ulimit -n 128 && exec ", EmulatorBinary(),
                                     " --listen 127.0.0.1:0")});
  const std::string address = ListeningAddress(process);
  ASSERT_FALSE(address.empty()) << process.Stderr();
  const int port = std::stoi(address.substr(address.rfind(':') + 1));

  std::vector<int> held;
  for (int i = 0; i < 300; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof(to)) != 0) {
      close(fd);  // refused outright: the backlog is full
      continue;
    }
    held.push_back(fd);
  }
  absl::SleepFor(absl::Seconds(2));
  for (int fd : held) close(fd);

  // Served again once the descriptors are back (a new channel each try).
  bool served = false;
  for (int attempt = 0; attempt < 20 && !served; ++attempt) {
    Stubs stubs(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    endpoint::ListApiEndpointsRequest request;
    endpoint::ListApiEndpointsResponse response;
    served = stubs.endpoints->List(Ctx().get(), request, &response).ok();
    if (!served) absl::SleepFor(absl::Milliseconds(500));
  }
  EXPECT_TRUE(served) << process.Stderr();
  process.Signal(SIGTERM);
  EXPECT_EQ(process.Wait(absl::Seconds(20)), 0);
  EXPECT_THAT(process.Stderr(), HasSubstr("emulator: refusing connections"));
  EXPECT_THAT(process.Stderr(), Not(HasSubstr("Failed accept4")));
}

}  // namespace
}  // namespace emulator_test
