// Where the emulator listens: `localhost:PORT` answers on 127.0.0.1 and on
// [::1] (so `grpcurl localhost:PORT` works whichever one a tool resolves),
// and a taken port is reported as "address in use".

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The port of `address` (HOST:PORT).
int PortOf(const std::string& address) {
  int port = 0;
  EXPECT_TRUE(absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port))
      << address;
  return port;
}

// Whether this machine has an IPv6 loopback to test against.
bool HaveIpv6Loopback() {
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  bool ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  close(fd);
  return ok;
}

// One real RPC over `target`.
bool Answers(const std::string& target) {
  Stubs stubs(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  api::GetDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  api::DesktopImage image;
  grpc::Status status = stubs.images->Get(Ctx().get(), request, &image);
  EXPECT_TRUE(status.ok()) << target << ": " << status.error_message();
  return status.ok() && image.id() == "img-ubuntu-22-04";
}

TEST(ListenTest, LocalhostAnswersOnBothLoopbacks) {
  clouddesktop::emulator::EmulatorOptions options = FastOptions();
  options.listen_address = "localhost:0";
  auto emu = clouddesktop::emulator::Emulator::Start(options);
  ASSERT_TRUE(emu.ok()) << emu.status();
  const std::string address = (*emu)->address();
  EXPECT_THAT(address, StartsWith("localhost:"));
  const int port = PortOf(address);
  ASSERT_GT(port, 0);
  EXPECT_TRUE(Answers("127.0.0.1:" + std::to_string(port)));
  if (HaveIpv6Loopback()) {
    EXPECT_TRUE(Answers("[::1]:" + std::to_string(port)));
  } else {
    std::cout << "no IPv6 loopback here: [::1] not checked\n";
  }
  (*emu)->Shutdown();
}

TEST(ListenTest, TakenPortSaysAddressInUse) {
  auto first = clouddesktop::emulator::Emulator::Start(FastOptions());
  ASSERT_TRUE(first.ok()) << first.status();
  clouddesktop::emulator::EmulatorOptions options = FastOptions();
  options.listen_address = (*first)->address();
  auto second = clouddesktop::emulator::Emulator::Start(options);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr("address in use"));
  EXPECT_THAT(second.status().message(), HasSubstr((*first)->address()));

  // The same for localhost:PORT while 127.0.0.1:PORT is taken.
  options.listen_address =
      "localhost:" + std::to_string(PortOf((*first)->address()));
  auto third = clouddesktop::emulator::Emulator::Start(options);
  EXPECT_EQ(third.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(third.status().message(), HasSubstr("address in use"));
  (*first)->Shutdown();
}

}  // namespace
}  // namespace emulator_test
