// `clouddesktop emulator`: the flags and behaviour of the standalone
// emulator (//:emulator), run as the real binary: it serves the CLI, stops
// cleanly on SIGINT and SIGTERM, rejects bad flags like it, and describes
// the same services over server reflection (what grpcurl asks).

#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

namespace reflection = ::grpc::reflection::v1alpha;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(EmulatorCommandTest, ServesLikeTheEmulatorBinaryAndStopsOnSignals) {
  for (int signal : {SIGTERM, SIGINT}) {
    Emulator emulator({"--operation-delay", "20ms"}, CliBinary());
    ASSERT_TRUE(emulator.ok()) << emulator.process().err();
    Result r = RunCli(emulator.Args({"images", "list", "--folder-id",
                                     "emulator-folder", "--format", "json"}));
    ASSERT_EQ(r.exit_code, 0) << r.Describe();
    EXPECT_THAT(Json(r), SizeIs(2));
    emulator.process().Signal(signal);
    EXPECT_EQ(emulator.process().Wait(absl::Seconds(30)), 0)
        << emulator.process().err();
  }
}

TEST(EmulatorCommandTest, UsageErrorsExit2) {
  Result r = RunCli({"emulator", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_THAT(r.err, AllOf(HasSubstr("--no-such-flag"), HasSubstr("usage:")));
  Result half = RunCli({"emulator", "--tls-cert", "only.pem"});
  EXPECT_EQ(half.exit_code, 2) << half.Describe();
}

// The services an emulator lists over reflection, each with the file
// that declares it as the server describes it (empty if it cannot).
std::vector<std::pair<std::string, std::string>> Describe(
    const Emulator& emulator) {
  auto stub = reflection::ServerReflection::NewStub(grpc::CreateChannel(
      emulator.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  auto stream = stub->ServerReflectionInfo(&context);
  auto ask = [&](const reflection::ServerReflectionRequest& request) {
    reflection::ServerReflectionResponse response;
    EXPECT_TRUE(stream->Write(request));
    EXPECT_TRUE(stream->Read(&response));
    return response;
  };
  reflection::ServerReflectionRequest list;
  list.set_list_services("");
  reflection::ServerReflectionResponse services = ask(list);
  // Which file declares each service, over every file the server sent
  // (it may send a file once per stream).
  std::map<std::string, std::string> declared_in;
  for (const auto& service : services.list_services_response().service()) {
    reflection::ServerReflectionRequest request;
    request.set_file_containing_symbol(service.name());
    reflection::ServerReflectionResponse response = ask(request);
    for (const std::string& bytes :
         response.file_descriptor_response().file_descriptor_proto()) {
      google::protobuf::FileDescriptorProto file;
      if (!file.ParseFromString(bytes)) continue;
      for (const auto& declared : file.service()) {
        declared_in[file.package() + "." + declared.name()] = file.name();
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> described;
  for (const auto& service : services.list_services_response().service()) {
    described.emplace_back(service.name(), declared_in[service.name()]);
  }
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
  std::sort(described.begin(), described.end());
  return described;
}

TEST(EmulatorCommandTest, ReflectionDescribesWhatTheEmulatorBinaryDoes) {
  Emulator binary;
  Emulator command({}, CliBinary());
  ASSERT_TRUE(binary.ok()) << binary.process().err();
  ASSERT_TRUE(command.ok()) << command.process().err();
  auto expected = Describe(binary);
  EXPECT_THAT(expected,
              Contains(std::pair<std::string, std::string>(
                  "grpc.health.v1.Health", "grpc/health/v1/health.proto")));
  EXPECT_EQ(Describe(command), expected);
}

}  // namespace
}  // namespace cli_test
