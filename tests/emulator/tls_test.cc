// Serving TLS with a certificate and key from files (generated at run time).

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/temp_file.h"

namespace emulator_test {
namespace {

using ::testing_util::KeyPtr;
using ::testing_util::NewRsaKey;
using ::testing_util::PrivateKeyPem;
using ::testing_util::SelfSignedCertificatePem;
using ::testing_util::WriteTempFile;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    KeyPtr key = NewRsaKey();
    cert_pem_ = SelfSignedCertificatePem(key.get());
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.tls_cert_file = WriteTempFile("server.crt", cert_pem_);
    options.tls_key_file =
        WriteTempFile("server.key", PrivateKeyPem(key.get()));
    auto emu = clouddesktop::emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
  }

  std::string cert_pem_;
  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
};

TEST_F(TlsTest, ServesTlsToClientsThatTrustTheCertificate) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = cert_pem_;
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  Stubs stubs(grpc::CreateCustomChannel(emu_->address(),
                                        grpc::SslCredentials(ssl), args));
  api::GetDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  grpc::Status status = stubs.images->Get(Ctx().get(), request, &image);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(image.id(), "img-ubuntu-22-04");
}

TEST_F(TlsTest, PlaintextClientsAreNotServed) {
  Stubs stubs(
      grpc::CreateChannel(emu_->address(), grpc::InsecureChannelCredentials()));
  api::GetDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  auto context = Ctx();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  EXPECT_FALSE(stubs.images->Get(context.get(), request, &image).ok());
}

TEST(TlsOptionsTest, BadTlsOptionsFailToStart) {
  clouddesktop::emulator::EmulatorOptions options = FastOptions();
  options.tls_cert_file = "/nonexistent/server.crt";
  EXPECT_EQ(clouddesktop::emulator::Emulator::Start(options).status().code(),
            absl::StatusCode::kInvalidArgument);  // no key file
  options.tls_key_file = "/nonexistent/server.key";
  EXPECT_EQ(clouddesktop::emulator::Emulator::Start(options).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(StartOptionsTest, BadListenAddressesFailToStart) {
  clouddesktop::emulator::EmulatorOptions options = FastOptions();
  options.listen_address = "no-port";
  EXPECT_EQ(clouddesktop::emulator::Emulator::Start(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.listen_address = "127.0.0.1:99999";
  EXPECT_EQ(clouddesktop::emulator::Emulator::Start(options).status().code(),
            absl::StatusCode::kInvalidArgument);

  // A port already taken.
  auto first = clouddesktop::emulator::Emulator::Start(FastOptions());
  ASSERT_TRUE(first.ok());
  options.listen_address = (*first)->address();
  EXPECT_EQ(clouddesktop::emulator::Emulator::Start(options).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace emulator_test
