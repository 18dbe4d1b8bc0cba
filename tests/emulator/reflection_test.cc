// Server reflection as grpcurl uses it: list the services of the emulator
// binary, fetch the file descriptor of each (file_containing_symbol) and
// build them into a DescriptorPool. Links no libgrpc++_reflection: its own
// client comes from a copy of reflection.proto.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <set>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/descriptor_database.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "subprocess.h"

namespace emulator_test {
namespace {

namespace reflection = ::grpc::reflection::v1alpha;
using ::testing::IsSupersetOf;

class ReflectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    process_ = std::make_unique<Subprocess>(EmulatorBinary(),
                                            std::vector<std::string>{});
    address_ = StartAndListen(*process_);
    ASSERT_FALSE(address_.empty()) << process_->Stderr();
    stub_ = reflection::ServerReflection::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    context_.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    stream_ = stub_->ServerReflectionInfo(&context_);
  }

  void TearDown() override {
    if (stream_ != nullptr) {
      stream_->WritesDone();
      EXPECT_TRUE(stream_->Finish().ok());
    }
    process_->Signal(SIGTERM);
    EXPECT_EQ(process_->Wait(absl::Seconds(20)), 0);
  }

  reflection::ServerReflectionResponse Ask(
      const reflection::ServerReflectionRequest& request) {
    reflection::ServerReflectionResponse response;
    EXPECT_TRUE(stream_->Write(request));
    EXPECT_TRUE(stream_->Read(&response));
    return response;
  }

  std::vector<std::string> ListServices() {
    reflection::ServerReflectionRequest request;
    request.set_list_services("");
    reflection::ServerReflectionResponse response = Ask(request);
    EXPECT_TRUE(response.has_list_services_response())
        << response.DebugString();
    std::vector<std::string> names;
    for (const auto& s : response.list_services_response().service()) {
      names.push_back(s.name());
    }
    return names;
  }

  std::unique_ptr<Subprocess> process_;
  std::string address_;
  std::unique_ptr<reflection::ServerReflection::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<
      grpc::ClientReaderWriter<reflection::ServerReflectionRequest,
                               reflection::ServerReflectionResponse>>
      stream_;
};

TEST_F(ReflectionTest, ListsEveryServiceAndDescribesEachOne) {
  std::vector<std::string> services = ListServices();
  EXPECT_THAT(
      services,
      IsSupersetOf({"yandex.cloud.clouddesktop.v1.api.DesktopImageService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
                    "yandex.cloud.operation.OperationService",
                    "yandex.cloud.iam.v1.IamTokenService",
                    "yandex.cloud.endpoint.ApiEndpointService",
                    "grpc.health.v1.Health",
                    "grpc.reflection.v1alpha.ServerReflection"}));

  // What grpcurl does for `describe`: fetch the file that declares each
  // service (the server sends its imports along) and build a pool.
  google::protobuf::SimpleDescriptorDatabase database;
  std::set<std::string> files;
  for (const std::string& service : services) {
    reflection::ServerReflectionRequest request;
    request.set_file_containing_symbol(service);
    reflection::ServerReflectionResponse response = Ask(request);
    ASSERT_TRUE(response.has_file_descriptor_response())
        << service << ": " << response.DebugString();
    ASSERT_GT(response.file_descriptor_response().file_descriptor_proto_size(),
              0);
    for (const std::string& bytes :
         response.file_descriptor_response().file_descriptor_proto()) {
      google::protobuf::FileDescriptorProto file;
      ASSERT_TRUE(file.ParseFromString(bytes));
      if (files.insert(file.name()).second) ASSERT_TRUE(database.Add(file));
    }
  }
  google::protobuf::DescriptorPool pool(&database);
  for (const std::string& service : services) {
    const google::protobuf::ServiceDescriptor* descriptor =
        pool.FindServiceByName(service);
    ASSERT_NE(descriptor, nullptr) << service;
    EXPECT_GT(descriptor->method_count(), 0) << service;
  }
  const google::protobuf::ServiceDescriptor* desktops =
      pool.FindServiceByName("yandex.cloud.clouddesktop.v1.api.DesktopService");
  ASSERT_NE(desktops, nullptr);
  EXPECT_EQ(desktops->method_count(), 12);
  const google::protobuf::MethodDescriptor* create =
      desktops->FindMethodByName("Create");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->output_type()->full_name(),
            "yandex.cloud.operation.Operation");
  EXPECT_NE(pool.FindMessageTypeByName(
                "yandex.cloud.clouddesktop.v1.api.CreateDesktopMetadata"),
            nullptr);
  EXPECT_TRUE(
      files.count("yandex/cloud/clouddesktop/v1/desktop_service.proto"));
}

TEST_F(ReflectionTest, UnknownSymbolIsAnError) {
  reflection::ServerReflectionRequest request;
  request.set_file_containing_symbol("no.such.Service");
  reflection::ServerReflectionResponse response = Ask(request);
  ASSERT_TRUE(response.has_error_response());
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace emulator_test
