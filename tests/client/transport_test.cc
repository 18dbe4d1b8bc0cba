// The transport as a user configures it: TLS with a private CA, TLS that
// refuses a certificate the roots do not vouch for, plaintext only when
// asked for, and endpoint discovery through ApiEndpointService.List, all
// against the emulator serving TLS with a certificate made at run time.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/temp_file.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_util::KeyPtr key = testing_util::NewRsaKey();
    cert_pem_ = testing_util::SelfSignedCertificatePem(key.get());
    emulator::EmulatorOptions options;
    options.operation_delay = absl::Milliseconds(10);
    options.tls_cert_file =
        testing_util::WriteTempFile("server.crt", cert_pem_);
    options.tls_key_file = testing_util::WriteTempFile(
        "server.key", testing_util::PrivateKeyPem(key.get()));
    auto emu = emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
  }
  void TearDown() override {
    if (emu_) emu_->Shutdown();
  }

  // TLS (the default) to the emulator; the certificate names localhost.
  ConnectionOptions Options() const {
    ConnectionOptions options;
    options.endpoint = emu_->address();
    options.operation_endpoint = emu_->address();
    options.channel_arguments.SetSslTargetNameOverride("localhost");
    options.rpc_timeout = absl::Seconds(10);
    options.retry_policy = std::make_shared<LimitedRetryPolicy>(0);
    return options;
  }

  static absl::StatusOr<api::DesktopImage> GetImage(
      const Connections& connections) {
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    return DesktopImageClient(connections).GetDesktopImage(request);
  }

  std::string cert_pem_;
  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
};

TEST_F(TransportTest, TlsWithACustomCa) {
  ConnectionOptions options = Options();
  options.ca_pem = cert_pem_;
  Connections connections = MakeConnections(options);
  absl::StatusOr<api::DesktopImage> image = GetImage(connections);
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(image->id(), "img-ubuntu-22-04");
}

TEST_F(TransportTest, SystemRootsDoNotTrustAnUnknownCertificate) {
  ConnectionOptions options = Options();  // TLS, system roots
  options.rpc_timeout = absl::Seconds(3);
  Connections connections = MakeConnections(options);
  absl::StatusOr<api::DesktopImage> image = GetImage(connections);
  EXPECT_EQ(image.status().code(), absl::StatusCode::kUnavailable)
      << image.status();
  EXPECT_THAT(image.status().message(),
              HasSubstr("DesktopImageService.Get: UNAVAILABLE"));
}

TEST_F(TransportTest, PlaintextOnlyWhenAskedForAndThenNoTls) {
  ConnectionOptions options = Options();
  options.insecure = true;
  options.rpc_timeout = absl::Seconds(3);
  Connections connections = MakeConnections(options);
  // The server speaks only TLS; the error says what to look at.
  absl::StatusOr<api::DesktopImage> image = GetImage(connections);
  EXPECT_EQ(image.status().code(), absl::StatusCode::kUnavailable)
      << image.status();
  EXPECT_THAT(image.status().message(),
              HasSubstr("the channel is plaintext (insecure): the server may "
                        "expect TLS"));
}

// Issue 20: TLS to a plaintext port says that TLS could not be set up.
TEST_F(TransportTest, TlsToAPlaintextServerSaysTlsCouldNotBeSetUp) {
  clouddesktop::emulator::EmulatorOptions plain_options;
  auto plain = clouddesktop::emulator::Emulator::Start(plain_options);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ConnectionOptions options = Options();
  options.endpoint = (*plain)->address();
  options.operation_endpoint = (*plain)->address();
  options.ca_pem = cert_pem_;
  options.rpc_timeout = absl::Seconds(3);
  absl::StatusOr<api::DesktopImage> image = GetImage(MakeConnections(options));
  EXPECT_EQ(image.status().code(), absl::StatusCode::kUnavailable)
      << image.status();
  EXPECT_THAT(image.status().message(),
              HasSubstr("TLS could not be set up: the server may be plaintext"))
      << image.status();
  (*plain)->Shutdown();
}

// Issue 20: roots that hold no certificate (an empty file, /etc/passwd) used
// to fail each call after six attempts with "empty address list", or, when
// empty, fall back to the system roots. Now every call and discovery fail
// at once, naming the option; nothing is sent.
TEST_F(TransportTest, CaPemWithoutACertificateFailsAtOnceNamingTheOption) {
  for (const std::string& pem :
       {std::string("root:x:0:0:root:/root:/bin/bash\n"),
        std::string("-----BEGIN CERTIFICATE-----\nnot base64!\n"
                    "-----END CERTIFICATE-----\n"),
        std::string("-----BEGIN PRIVATE KEY-----\nMIIB\n"
                    "-----END PRIVATE KEY-----\n")}) {
    ConnectionOptions options = Options();
    options.ca_pem = pem;
    options.retry_policy = std::make_shared<LimitedRetryPolicy>(5);
    const absl::Time start = absl::Now();
    absl::StatusOr<api::DesktopImage> image =
        GetImage(MakeConnections(options));
    EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument)
        << image.status();
    EXPECT_THAT(
        image.status().message(),
        HasSubstr("DesktopImageService.Get: INVALID_ARGUMENT: "
                  "ConnectionOptions::ca_pem holds no PEM certificate"));
    EXPECT_LT(absl::Now() - start, absl::Seconds(2));  // no retries
    options.discovery_endpoint = emu_->address();
    absl::StatusOr<ConnectionOptions> discovered = DiscoverEndpoints(options);
    EXPECT_EQ(discovered.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(discovered.status().message(),
                HasSubstr("ca_pem holds no PEM certificate"));
  }
}

// Issue 20: a token that no header can carry (20 MB, or with a line break)
// used to be retried six times as RESOURCE_EXHAUSTED; now the call fails at
// once, saying why without printing the token.
TEST_F(TransportTest, TokensNoHeaderCanCarryAreRefusedAtOnce) {
  struct Case {
    std::string token;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {std::string(20 << 20, 'a'),
            "the token from the credentials is 20971520 bytes; it cannot fit "
            "in request metadata"},
           {"t1.secret\nX-Injected: 1",
            "the token from the credentials has a byte that a header cannot "
            "carry (0x0a at offset 9)"},
       }) {
    ConnectionOptions options = Options();
    options.ca_pem = cert_pem_;
    options.auth = std::make_shared<StaticTokenAuth>(c.token);
    options.retry_policy = std::make_shared<LimitedRetryPolicy>(5);
    absl::StatusOr<api::DesktopImage> image =
        GetImage(MakeConnections(options));
    EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument)
        << image.status().message().substr(0, 200);
    EXPECT_THAT(image.status().message(), HasSubstr(c.says));
    EXPECT_THAT(image.status().message(), Not(HasSubstr("secret")));
    EXPECT_LT(image.status().message().size(), 1000u);
  }
}

TEST_F(TransportTest, DiscoveredEndpointsOverTls) {
  ConnectionOptions options = Options();
  options.ca_pem = cert_pem_;
  options.endpoint = "unused.invalid:1";
  options.operation_endpoint = "unused.invalid:2";
  options.discovery_endpoint = emu_->address();
  absl::StatusOr<ConnectionOptions> discovered = DiscoverEndpoints(options);
  ASSERT_TRUE(discovered.ok()) << discovered.status();
  EXPECT_EQ(discovered->endpoint, emu_->address());
  EXPECT_EQ(discovered->operation_endpoint, emu_->address());
  EXPECT_EQ(discovered->ca_pem, cert_pem_);  // the rest is kept
  Connections connections = MakeConnections(*discovered);
  ASSERT_TRUE(GetImage(connections).ok());
}

// The endpoint list is public: discovery never asks for a token (so none
// can leak to a mistyped discovery endpoint, and a slow provider cannot
// delay it).
class CountingAuth final : public AuthProvider {
 public:
  Future<absl::StatusOr<std::string>> GetToken() override {
    ++calls;
    return MakeReadyFuture(absl::StatusOr<std::string>(
        absl::PermissionDeniedError("discovery must not ask for a token")));
  }
  std::atomic<int> calls{0};
};

TEST_F(TransportTest, DiscoverySendsNoCredentials) {
  ConnectionOptions options = Options();
  options.ca_pem = cert_pem_;
  auto auth = std::make_shared<CountingAuth>();
  options.auth = auth;
  options.discovery_endpoint = emu_->address();
  absl::StatusOr<ConnectionOptions> discovered = DiscoverEndpoints(options);
  ASSERT_TRUE(discovered.ok()) << discovered.status();
  EXPECT_EQ(auth->calls.load(), 0);
  EXPECT_EQ(discovered->auth, auth);  // kept for the service calls
}

TEST_F(TransportTest, DiscoveryFailuresNameTheMethod) {
  ConnectionOptions options = Options();  // system roots: refused
  options.rpc_timeout = absl::Seconds(3);
  options.discovery_endpoint = emu_->address();
  absl::StatusOr<ConnectionOptions> discovered = DiscoverEndpoints(options);
  EXPECT_EQ(discovered.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(discovered.status().message(),
              HasSubstr("ApiEndpointService.List: UNAVAILABLE"));
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
