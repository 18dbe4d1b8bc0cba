// Unit-testing your own code with //:client_mocks (CMake:
// clouddesktop::mocks): the clients take any Connection, so a test gives
// them a gmock one. No server, no threads, no network.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/mocks/mock_desktop_image_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

namespace cd = ::clouddesktop;
namespace api = ::clouddesktop::api;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// --- Your code: the names of a folder's ACTIVE images, across all pages.
absl::StatusOr<std::vector<std::string>> ActiveImageNames(
    const cd::DesktopImageClient& images, const std::string& folder_id) {
  api::ListDesktopImagesRequest request;
  request.set_folder_id(folder_id);
  std::vector<std::string> names;
  for (const absl::StatusOr<api::DesktopImage>& image :
       images.ListDesktopImages(request)) {
    if (!image.ok()) return image.status();
    if (image->status() == api::DesktopImage::ACTIVE) {
      names.push_back(image->name());
    }
  }
  return names;
}

// --- Your tests.

// A page of images as the connection would return it, ready at once.
cd::Future<absl::StatusOr<api::ListDesktopImagesResponse>> Page(
    std::vector<std::pair<std::string, api::DesktopImage::Status>> images,
    std::string next_page_token) {
  api::ListDesktopImagesResponse page;
  for (auto& [name, status] : images) {
    api::DesktopImage* image = page.add_desktop_images();
    image->set_name(name);
    image->set_status(status);
  }
  page.set_next_page_token(std::move(next_page_token));
  return cd::MakeReadyFuture(
      absl::StatusOr<api::ListDesktopImagesResponse>(std::move(page)));
}

TEST(ActiveImageNamesTest, ReadsEveryPageAndKeepsActiveImages) {
  auto mock = std::make_shared<cd::mocks::MockDesktopImageConnection>();
  // The first call asks for the folder from the start, the second for the
  // page the first one pointed at.
  EXPECT_CALL(*mock, ListDesktopImages(_, _))
      .WillOnce(
          [](const api::ListDesktopImagesRequest& r, const cd::CallOptions&) {
            EXPECT_EQ(r.folder_id(), "folder-1");
            EXPECT_EQ(r.page_token(), "");
            return Page({{"base", api::DesktopImage::ACTIVE},
                         {"copying", api::DesktopImage::CREATING}},
                        "page-2");
          })
      .WillOnce(
          [](const api::ListDesktopImagesRequest& r, const cd::CallOptions&) {
            EXPECT_EQ(r.page_token(), "page-2");
            return Page({{"snapshot", api::DesktopImage::ACTIVE}}, "");
          });

  cd::DesktopImageClient images(mock);
  absl::StatusOr<std::vector<std::string>> names =
      ActiveImageNames(images, "folder-1");
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_THAT(*names, ElementsAre("base", "snapshot"));
}

TEST(ActiveImageNamesTest, ReturnsTheListError) {
  auto mock = std::make_shared<cd::mocks::MockDesktopImageConnection>();
  EXPECT_CALL(*mock, ListDesktopImages(_, _))
      .WillOnce(
          [](const api::ListDesktopImagesRequest&, const cd::CallOptions&) {
            return cd::MakeReadyFuture(
                absl::StatusOr<api::ListDesktopImagesResponse>(
                    absl::PermissionDeniedError("no access to folder-1")));
          });

  cd::DesktopImageClient images(mock);
  absl::StatusOr<std::vector<std::string>> names =
      ActiveImageNames(images, "folder-1");
  EXPECT_EQ(names.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(names.status().message(), HasSubstr("folder-1"));
}

}  // namespace
