// DesktopImageService against the in-process emulator: the seed images,
// copies, images from desktops, updates and deletion rules.
#include "gmock/gmock.h"
#include "google/protobuf/empty.pb.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

class DesktopImageServiceTest : public EmulatorTest {
 protected:
  api::DesktopImage Get(const std::string& id, grpc::Status* status) {
    api::GetDesktopImageRequest request;
    request.set_image_id(id);
    api::DesktopImage image;
    *status = stubs_->images->Get(Ctx().get(), request, &image);
    return image;
  }

  api::DesktopImage Copy(const std::string& name) {
    api::CopyDesktopImageRequest request;
    request.set_folder_id("my-folder");
    request.set_name(name);
    request.set_image_id("img-ubuntu-22-04");
    operation::Operation op;
    EXPECT_TRUE(stubs_->images->Copy(Ctx().get(), request, &op).ok());
    api::DesktopImage image;
    EXPECT_TRUE(WaitDone(op.id()).response().UnpackTo(&image));
    return image;
  }
};

TEST_F(DesktopImageServiceTest, SeedImagesAreReadyInTheDefaultFolder) {
  api::ListDesktopImagesRequest request;
  request.set_folder_id(std::string(emulator::kDefaultFolderId));
  api::ListDesktopImagesResponse response;
  ASSERT_TRUE(stubs_->images->List(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.desktop_images_size(), 2);
  for (const api::DesktopImage& image : response.desktop_images()) {
    EXPECT_EQ(image.status(), api::DesktopImage::ACTIVE);
    EXPECT_EQ(image.folder_id(), emulator::kDefaultFolderId);
    EXPECT_GT(image.min_disk_size(), 0);
  }
  grpc::Status status;
  api::DesktopImage ubuntu = Get("img-ubuntu-22-04", &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(ubuntu.name(), "ubuntu-22-04");
  Get("img-missing", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DesktopImageServiceTest, CopyMakesANewImageInTheTargetFolder) {
  emu_->SetOperationDelay(absl::Hours(1));
  api::CopyDesktopImageRequest request;
  request.set_folder_id("my-folder");
  request.set_name("my-copy");
  request.set_description("copied");
  (*request.mutable_labels())["team"] = "qa";
  request.set_image_id("img-ubuntu-22-04");
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->Copy(Ctx().get(), request, &op).ok());
  EXPECT_FALSE(op.done());
  api::CopyDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.image_id().substr(0, 3), "dim");
  grpc::Status status;
  EXPECT_EQ(Get(metadata.image_id(), &status).status(),
            api::DesktopImage::CREATING);

  emu_->SetOperationDelay(absl::Milliseconds(1));
  api::DesktopImage copy = Copy("second-copy");
  EXPECT_EQ(copy.status(), api::DesktopImage::ACTIVE);
  EXPECT_EQ(copy.folder_id(), "my-folder");
  EXPECT_EQ(copy.name(), "second-copy");

  // The hour-long copy is still CREATING: it cannot be copied itself.
  request.set_image_id(metadata.image_id());
  request.set_name("copy-of-copy");
  status = stubs_->images->Copy(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DesktopImageServiceTest, CopyChecksSourceAndName) {
  api::CopyDesktopImageRequest request;
  request.set_folder_id("my-folder");
  request.set_name("x");
  request.set_image_id("img-missing");
  operation::Operation op;
  EXPECT_EQ(stubs_->images->Copy(Ctx().get(), request, &op).error_code(),
            grpc::StatusCode::NOT_FOUND);
  Copy("x");
  request.set_image_id("img-ubuntu-22-04");
  EXPECT_EQ(stubs_->images->Copy(Ctx().get(), request, &op).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(DesktopImageServiceTest, CopyFromDesktopUsesTheDesktopsFolder) {
  api::DesktopGroup group = CreateGroup();
  api::Desktop desktop = CreateDesktop(group.id());
  api::CopyFromDesktopRequest request;
  request.set_desktop_id(desktop.id());
  request.set_name("snapshot");
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->CopyFromDesktop(Ctx().get(), request, &op).ok());
  api::CopyFromDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  api::DesktopImage image;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&image));
  EXPECT_EQ(image.id(), metadata.image_id());
  EXPECT_EQ(image.folder_id(), desktop.folder_id());
  EXPECT_EQ(image.status(), api::DesktopImage::ACTIVE);
  EXPECT_EQ(image.storage_size(), int64_t{64} << 30);  // group's boot disk

  request.set_desktop_id("dskmissing0000000000");
  EXPECT_EQ(
      stubs_->images->CopyFromDesktop(Ctx().get(), request, &op).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(DesktopImageServiceTest, UpdateChangesMaskedFields) {
  api::DesktopImage image = Copy("name-1");
  api::UpdateDesktopImageRequest request;
  request.set_image_id(image.id());
  request.set_name("name-2");
  (*request.mutable_labels())["k"] = "v";
  request.mutable_update_mask()->add_paths("labels");
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->Update(Ctx().get(), request, &op).ok());
  api::UpdateDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.image_id(), image.id());
  api::DesktopImage updated;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&updated));
  EXPECT_EQ(updated.name(), "name-1");
  EXPECT_EQ(updated.labels().at("k"), "v");

  request.clear_update_mask();  // empty mask: every set field
  ASSERT_TRUE(stubs_->images->Update(Ctx().get(), request, &op).ok());
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&updated));
  EXPECT_EQ(updated.name(), "name-2");
}

TEST_F(DesktopImageServiceTest, DeleteRemovesUnusedImagesOnly) {
  api::DesktopGroup group = CreateGroup();  // uses img-ubuntu-22-04
  api::DeleteDesktopImageRequest request;
  request.set_image_id("img-ubuntu-22-04");
  operation::Operation op;
  grpc::Status status = stubs_->images->Delete(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr(group.id()));

  api::DesktopImage image = Copy("to-delete");
  request.set_image_id(image.id());
  ASSERT_TRUE(stubs_->images->Delete(Ctx().get(), request, &op).ok());
  api::DeleteDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.image_id(), image.id());
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  Get(image.id(), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace emulator_test
