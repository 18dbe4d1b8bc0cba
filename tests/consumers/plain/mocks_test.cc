// A user's unit test of their own code with the library's gmock classes.
#include <memory>
#include <string>

#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/mocks/mock_desktop_image_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

namespace cd = ::clouddesktop;
using ::testing::_;

// The user's code: the name of an image, or "?" when it cannot be read.
std::string ImageName(const cd::DesktopImageClient& client,
                      const std::string& id) {
  cd::api::GetDesktopImageRequest request;
  request.set_image_id(id);
  auto image = client.GetDesktopImage(request);
  return image.ok() ? image->name() : "?";
}

TEST(ConsumerMocksTest, ReadsTheName) {
  auto connection = std::make_shared<cd::mocks::MockDesktopImageConnection>();
  cd::api::DesktopImage image;
  image.set_name("ubuntu");
  EXPECT_CALL(*connection, GetDesktopImage(_, _))
      .WillOnce([&](const cd::api::GetDesktopImageRequest& r,
                    const cd::CallOptions&) {
        EXPECT_EQ(r.image_id(), "img-1");
        return cd::MakeReadyFuture(
            absl::StatusOr<cd::api::DesktopImage>(image));
      });
  EXPECT_EQ(ImageName(cd::DesktopImageClient(connection), "img-1"), "ubuntu");
}

}  // namespace
