// The shipped FileDescriptorSet (//proto:descriptor_set, what users give
// `grpcurl -protoset`) holds every file a tool needs to call the API and
// decode its errors: the Yandex files, the googleapis files (which come from
// @com_google_googleapis, not from proto/) and the well-known types, each
// once, and it builds a consistent pool.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"

namespace {

TEST(DescriptorSetTest, HoldsEveryFileOnceAndBuildsAPool) {
  std::ifstream in("proto/descriptor_set.pb", std::ios::binary);
  ASSERT_TRUE(in.good()) << "proto/descriptor_set.pb not in the runfiles";
  std::stringstream bytes;
  bytes << in.rdbuf();
  google::protobuf::FileDescriptorSet set;
  ASSERT_TRUE(set.ParseFromString(bytes.str()));

  std::set<std::string> names;
  google::protobuf::DescriptorPool pool;
  for (const auto& file : set.file()) {
    EXPECT_TRUE(names.insert(file.name()).second) << file.name() << " twice";
  }
  // Dependencies come before their dependents in a descriptor set.
  for (const auto& file : set.file()) {
    EXPECT_NE(pool.BuildFile(file), nullptr) << file.name();
  }
  for (const char* name : {
           "google/rpc/status.proto",
           "google/rpc/error_details.proto",
           "google/api/annotations.proto",
           "google/api/http.proto",
           "google/protobuf/any.proto",
           "yandex/cloud/clouddesktop/v1/desktop_service.proto",
           "yandex/cloud/clouddesktop/v1/desktop_group_service.proto",
           "yandex/cloud/clouddesktop/v1/desktop_image_service.proto",
           "yandex/cloud/operation/operation_service.proto",
           "yandex/cloud/endpoint/api_endpoint_service.proto",
           "yandex/cloud/iam/v1/iam_token_service.proto",
       }) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  EXPECT_NE(pool.FindMessageTypeByName("google.rpc.BadRequest"), nullptr);
  EXPECT_NE(
      pool.FindServiceByName("yandex.cloud.clouddesktop.v1.api.DesktopService"),
      nullptr);
}

}  // namespace
