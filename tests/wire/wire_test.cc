// Compares the compiled descriptors of the project's .proto files with the
// wire tables of the public API (tests/testdata/wire). A difference means the
// real server would see other field numbers, names or options than it
// expects, so every one is a failure.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/empty.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/wire/wire_tables.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/api/operation.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"
#include "yandex/cloud/endpoint/api_endpoint.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop::wire_test {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;

// The generated pool only holds files whose code is linked in, and a static
// link drops what nothing references: touch one symbol of every file.
void LinkGeneratedFiles() {
  const google::protobuf::Descriptor* anchors[] = {
      google::api::HttpRule::descriptor(),
      google::protobuf::Empty::descriptor(),
      google::rpc::BadRequest::descriptor(),
      google::rpc::Status::descriptor(),
      yandex::cloud::MapKeySpec::descriptor(),
      yandex::cloud::access::AccessBinding::descriptor(),
      yandex::cloud::api::Operation::descriptor(),
      api::Desktop::descriptor(),
      api::DesktopGroup::descriptor(),
      api::GetDesktopGroupRequest::descriptor(),
      api::DesktopImage::descriptor(),
      api::GetDesktopImageRequest::descriptor(),
      api::GetDesktopRequest::descriptor(),
      api::DiskSpec::descriptor(),
      yandex::cloud::endpoint::ApiEndpoint::descriptor(),
      yandex::cloud::endpoint::GetApiEndpointRequest::descriptor(),
      yandex::cloud::iam::v1::CreateIamTokenRequest::descriptor(),
      yandex::cloud::operation::Operation::descriptor(),
      yandex::cloud::operation::GetOperationRequest::descriptor(),
  };
  for (const auto* anchor : anchors) EXPECT_NE(anchor, nullptr);
  // google/api/annotations.proto declares only the extension.
  EXPECT_EQ(google::api::http.number(), 72295728);
}

std::string TablesDir() {
  const char* dir = std::getenv("WIRE_TABLES_DIR");
  return dir != nullptr && *dir != '\0' ? dir : "tests/testdata/wire";
}

// Data rows of one table, counted without the parser: non-blank lines after
// the header.
int CountDataRows(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  int lines = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line != "\r") ++lines;
  }
  return lines > 0 ? lines - 1 : 0;
}

TEST(WireTest, GeneratedDescriptorsMatchTables) {
  LinkGeneratedFiles();
  Tables tables;
  std::string error;
  ASSERT_TRUE(LoadTables(TablesDir(), &tables, &error)) << error;

  int rows_checked = 0;
  const std::vector<std::string> differences =
      CompareWithTables(*google::protobuf::DescriptorPool::generated_pool(),
                        tables, &rows_checked);
  for (const std::string& difference : differences) {
    ADD_FAILURE() << difference;
  }
  EXPECT_EQ(differences.size(), 0u);

  std::cout << "checked " << rows_checked << " rows" << std::endl;
  const int table_rows = CountDataRows(TablesDir() + "/rpcs.tsv") +
                         CountDataRows(TablesDir() + "/fields.tsv") +
                         CountDataRows(TablesDir() + "/enums.tsv") +
                         CountDataRows(TablesDir() + "/oneofs.tsv");
  EXPECT_EQ(rows_checked, table_rows);
  EXPECT_EQ(tables.RowCount(), table_rows);
}

}  // namespace
}  // namespace clouddesktop::wire_test
