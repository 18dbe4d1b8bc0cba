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
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing_util/subprocess.h"

namespace emulator_test {
namespace {

using ::testing_util::EmulatorBinary;
using ::testing_util::ListeningAddress;
using ::testing_util::Subprocess;

using ::testing::IsSupersetOf;

// Both protocol versions: v1alpha (gRPC 1.51's own) and v1 (served by the
// binaries beside it); the same messages under two packages.
struct V1Alpha {
  using Service = ::grpc::reflection::v1alpha::ServerReflection;
  using Request = ::grpc::reflection::v1alpha::ServerReflectionRequest;
  using Response = ::grpc::reflection::v1alpha::ServerReflectionResponse;
};
struct V1 {
  using Service = ::grpc::reflection::v1::ServerReflection;
  using Request = ::grpc::reflection::v1::ServerReflectionRequest;
  using Response = ::grpc::reflection::v1::ServerReflectionResponse;
};

template <typename Protocol>
class ReflectionTest : public ::testing::Test {
 protected:
  using Request = typename Protocol::Request;
  using Response = typename Protocol::Response;

  void SetUp() override {
    process_ = std::make_unique<Subprocess>(EmulatorBinary(),
                                            std::vector<std::string>{});
    address_ = ListeningAddress(*process_);
    ASSERT_FALSE(address_.empty()) << process_->Stderr();
    stub_ = Protocol::Service::NewStub(
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

  Response Ask(const Request& request) {
    Response response;
    EXPECT_TRUE(stream_->Write(request));
    EXPECT_TRUE(stream_->Read(&response));
    return response;
  }

  std::vector<std::string> ListServices() {
    Request request;
    request.set_list_services("");
    Response response = Ask(request);
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
  std::unique_ptr<typename Protocol::Service::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReaderWriter<Request, Response>> stream_;
};

using Protocols = ::testing::Types<V1Alpha, V1>;
TYPED_TEST_SUITE(ReflectionTest, Protocols);

TYPED_TEST(ReflectionTest, ListsEveryServiceAndDescribesEachOne) {
  std::vector<std::string> services = this->ListServices();
  EXPECT_THAT(
      services,
      IsSupersetOf({"yandex.cloud.clouddesktop.v1.api.DesktopImageService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
                    "yandex.cloud.operation.OperationService",
                    "yandex.cloud.iam.v1.IamTokenService",
                    "yandex.cloud.endpoint.ApiEndpointService",
                    "grpc.health.v1.Health",
                    "grpc.reflection.v1alpha.ServerReflection",
                    "grpc.reflection.v1.ServerReflection"}));

  // What grpcurl does for `describe`: fetch the file that declares each
  // service (the server sends its imports along) and build a pool.
  google::protobuf::SimpleDescriptorDatabase database;
  std::set<std::string> files;
  for (const std::string& service : services) {
    typename TestFixture::Request request;
    request.set_file_containing_symbol(service);
    typename TestFixture::Response response = this->Ask(request);
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

TYPED_TEST(ReflectionTest, UnknownSymbolIsAnError) {
  typename TestFixture::Request request;
  request.set_file_containing_symbol("no.such.Service");
  typename TestFixture::Response response = this->Ask(request);
  ASSERT_TRUE(response.has_error_response());
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace emulator_test
