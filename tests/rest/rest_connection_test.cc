// The REST transport behind the public API (ConnectionOptions::transport =
// kRest) where it must do what only the wire can: cancellation and
// deadlines reach the HTTP call, destroying the connections ends calls in
// flight, tokens travel as the authorization header, TLS with custom roots,
// the response limit, unreachable hosts, and what the log sink records.
// The suites that run every RPC over both transports are in
// tests/client/emulator_test.cc.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/faults.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/recording_log_sink.h"
#include "tests/testing_util/temp_file.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class RestConnectionTest : public ::testing::Test {
 protected:
  void Start(emulator::EmulatorOptions options = {}) {
    options.operation_delay = absl::Milliseconds(10);
    options.http_listen_address = "127.0.0.1:0";
    auto emu = emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
  }
  void SetUp() override { Start(); }
  void TearDown() override {
    if (emu_) emu_->Shutdown();
  }

  // REST only: the gRPC endpoints lead nowhere, so a call that reached
  // gRPC would fail.
  ConnectionOptions Options() const {
    ConnectionOptions options;
    options.transport = TransportKind::kRest;
    options.endpoint = "grpc-unused.invalid:1";
    options.operation_endpoint = "grpc-unused.invalid:1";
    options.rest_endpoint = emu_->http_address();
    options.rest_operation_endpoint = emu_->http_address();
    options.insecure = true;
    options.rpc_timeout = absl::Seconds(10);
    return options;
  }

  void SetFaults(const std::string& spec) {
    auto faults = emulator::ParseFaultSpec(spec);
    ASSERT_TRUE(faults.ok()) << faults.status();
    emu_->SetFaults(*faults);
  }

  static api::GetDesktopImageRequest GetImage() {
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    return request;
  }

  std::unique_ptr<emulator::Emulator> emu_;
};

TEST_F(RestConnectionTest, CancellingAFutureCancelsTheHttpCall) {
  SetFaults("DesktopImageService.Get:latency=20s");
  DesktopImageClient images(MakeConnections(Options()));
  const absl::Time start = absl::Now();
  auto f = images.GetDesktopImageAsync(GetImage());
  absl::SleepFor(absl::Milliseconds(50));
  f.Cancel();
  absl::StatusOr<api::DesktopImage> image = f.Get();
  EXPECT_EQ(image.status().code(), absl::StatusCode::kCancelled)
      << image.status();
  EXPECT_THAT(image.status().message(), HasSubstr("DesktopImageService.Get"));
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(RestConnectionTest, TheAttemptDeadlineEndsASlowHttpCall) {
  SetFaults("DesktopImageService.Get:latency=20s");
  ConnectionOptions options = Options();
  options.rpc_timeout = absl::Milliseconds(300);
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(0);
  DesktopImageClient images(MakeConnections(options));
  const absl::Time start = absl::Now();
  absl::StatusOr<api::DesktopImage> image = images.GetDesktopImage(GetImage());
  EXPECT_EQ(image.status().code(), absl::StatusCode::kDeadlineExceeded)
      << image.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(RestConnectionTest, DestroyingTheConnectionsCancelsCallsInFlight) {
  SetFaults("DesktopImageService.Get:latency=20s");
  Future<absl::StatusOr<api::DesktopImage>> f;
  const absl::Time start = absl::Now();
  {
    DesktopImageClient images(MakeConnections(Options()));
    f = images.GetDesktopImageAsync(GetImage());
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(f.Get().status().code(), absl::StatusCode::kCancelled);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

// The last client released inside a continuation while the call's
// completion still runs: the connection, and the HTTP client with its
// event thread, may go from any thread without a deadlock or a crash.
TEST_F(RestConnectionTest, ReleasingTheLastClientInsideAContinuation) {
  for (int i = 0; i < 20; ++i) {
    Future<int> done;
    {
      auto client =
          std::make_shared<DesktopImageClient>(MakeConnections(Options()));
      done =
          client->GetDesktopImageAsync(GetImage())
              .Then([client](absl::StatusOr<api::DesktopImage> image) mutable {
                client.reset();
                return image.ok() ? 1 : 0;
              });
    }
    EXPECT_EQ(done.Get(), 1);
  }
}

TEST_F(RestConnectionTest, TokensTravelAsTheAuthorizationHeader) {
  emu_->Shutdown();
  emulator::EmulatorOptions options;
  options.require_token = true;
  Start(options);
  auto good = MakeIamTokenAuth(emu_->IssueTokenForTesting());
  ASSERT_TRUE(good.ok()) << good.status();
  ConnectionOptions with_token = Options();
  with_token.auth = *good;
  EXPECT_TRUE(DesktopImageClient(MakeConnections(with_token))
                  .GetDesktopImage(GetImage())
                  .ok());

  ConnectionOptions without = Options();
  absl::StatusOr<api::DesktopImage> refused =
      DesktopImageClient(MakeConnections(without)).GetDesktopImage(GetImage());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated)
      << refused.status();
}

TEST_F(RestConnectionTest, EveryAttemptIsLoggedWithTheServersIdsAndPeer) {
  auto records = std::make_shared<testing_util::RecordingLogSink>();
  ConnectionOptions options = Options();
  options.log_sink = records;
  ASSERT_TRUE(DesktopImageClient(MakeConnections(options))
                  .GetDesktopImage(GetImage())
                  .ok());
  std::vector<AttemptRecord> seen = records->records();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "DesktopImageService.Get");
  EXPECT_NE(seen[0].request_id, "");
  EXPECT_NE(seen[0].client_request_id, "");
  EXPECT_THAT(seen[0].peer, StartsWith("ipv4:127.0.0.1:"));
}

TEST_F(RestConnectionTest, AnUnreachableHostIsUnavailableNamingIt) {
  ConnectionOptions options = Options();
  options.rest_endpoint = "127.0.0.1:1";  // nothing listens on port 1
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(1);
  options.backoff_policy = std::make_shared<ExponentialBackoffPolicy>(
      absl::Milliseconds(1), absl::Milliseconds(1), 1.0);
  absl::StatusOr<api::DesktopImage> image =
      DesktopImageClient(MakeConnections(options)).GetDesktopImage(GetImage());
  EXPECT_EQ(image.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(image.status().message(), HasSubstr("127.0.0.1:1"));
  EXPECT_EQ(FromStatus(image.status()).attempts, 2);  // retried once
}

TEST_F(RestConnectionTest, AResponseOverTheLimitFailsAtOnceNotRetried) {
  ConnectionOptions options = Options();
  options.max_response_bytes = 64;
  absl::StatusOr<api::DesktopImage> image =
      DesktopImageClient(MakeConnections(options)).GetDesktopImage(GetImage());
  ASSERT_EQ(image.status().code(), absl::StatusCode::kResourceExhausted)
      << image.status();
  EXPECT_EQ(FromStatus(image.status()).attempts, 1);
  EXPECT_THAT(image.status().message(),
              HasSubstr("larger than this client's limit of 64 bytes (raise "
                        "ConnectionOptions::max_response_bytes"));
}

TEST_F(RestConnectionTest, TlsWithACustomCa) {
  emu_->Shutdown();
  testing_util::KeyPtr key = testing_util::NewRsaKey();
  const std::string cert = testing_util::SelfSignedCertificatePem(key.get());
  emulator::EmulatorOptions tls;
  tls.tls_cert_file = testing_util::WriteTempFile("server.crt", cert);
  tls.tls_key_file = testing_util::WriteTempFile(
      "server.key", testing_util::PrivateKeyPem(key.get()));
  Start(tls);
  ConnectionOptions options = Options();
  options.insecure = false;
  options.ca_pem = cert;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(0);
  EXPECT_TRUE(DesktopImageClient(MakeConnections(options))
                  .GetDesktopImage(GetImage())
                  .ok());

  // The system's roots do not trust it.
  options.ca_pem.clear();
  absl::StatusOr<api::DesktopImage> untrusted =
      DesktopImageClient(MakeConnections(options)).GetDesktopImage(GetImage());
  EXPECT_EQ(untrusted.status().code(), absl::StatusCode::kUnavailable)
      << untrusted.status();
}

TEST_F(RestConnectionTest, DiscoveryIsRefusedNamingTheOptionsToSet) {
  ConnectionOptions options = Options();
  options.discovery_endpoint = kDefaultDiscoveryEndpoint;
  absl::StatusOr<ConnectionOptions> discovered = DiscoverEndpoints(options);
  EXPECT_EQ(discovered.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(discovered.status().message(), HasSubstr("rest_endpoint"));
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
