// DesktopImageService against the in-process emulator: the seed images,
// copies from Compute images, images from desktops, updates and deletion.
// Each rule's test name says where the rule comes from: `Ref` (the API
// reference of the method or field), `Guide` (a how-to guide or the API
// design guide), `Assumption` (README's emulator table), or `NoRule` (a
// rule the docs do not state, so the emulator does not enforce it).
#include "gmock/gmock.h"
#include "google/protobuf/empty.pb.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

// A Compute image id the emulator has never seen (20 lowercase letters and
// digits, like every Yandex Cloud resource id).
constexpr char kComputeImage[] = "fd8a1b2c3d4e5f6g7h8i";

class DesktopImageServiceTest : public EmulatorTest {
 protected:
  api::DesktopImage Get(const std::string& id, grpc::Status* status) {
    api::GetDesktopImageRequest request;
    request.set_image_id(id);
    api::DesktopImage image;
    *status = stubs_->images->Get(Ctx().get(), request, &image);
    return image;
  }

  grpc::Status StartCopy(const std::string& image_id, const std::string& name,
                         operation::Operation* op) {
    api::CopyDesktopImageRequest request;
    request.set_folder_id("my-folder");
    request.set_name(name);
    request.set_image_id(image_id);
    return stubs_->images->Copy(Ctx().get(), request, op);
  }

  api::DesktopImage Copy(const std::string& name) {
    operation::Operation op;
    EXPECT_TRUE(StartCopy(kComputeImage, name, &op).ok());
    api::DesktopImage image;
    EXPECT_TRUE(WaitDone(op.id()).response().UnpackTo(&image));
    return image;
  }
};

TEST_F(DesktopImageServiceTest, SeedImagesAreReadyInTheDefaultFolder) {
  api::ListDesktopImagesRequest request;
  request.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  api::ListDesktopImagesResponse response;
  ASSERT_TRUE(stubs_->images->List(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.desktop_images_size(), 2);
  for (const api::DesktopImage& image : response.desktop_images()) {
    EXPECT_EQ(image.status(), api::DesktopImage::ACTIVE);
    EXPECT_EQ(image.folder_id(), clouddesktop::emulator::kDefaultFolderId);
    EXPECT_GT(image.min_disk_size(), 0);
  }
  grpc::Status status;
  api::DesktopImage ubuntu = Get("img-ubuntu-22-04", &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(ubuntu.name(), "ubuntu-22-04");
  Get("img-missing", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

// CopyDesktopImageRequest.image_id: "ID of the compute image to copy the
// image from". The default catalogue knows every id of that shape.
TEST_F(DesktopImageServiceTest, RefCopyTurnsAComputeImageNeverSeenBefore) {
  emu_->SetOperationDelay(absl::Hours(1));
  api::CopyDesktopImageRequest request;
  request.set_folder_id("my-folder");
  request.set_name("my-copy");
  request.set_description("copied");
  (*request.mutable_labels())["team"] = "qa";
  request.set_image_id(kComputeImage);
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->Copy(Ctx().get(), request, &op).ok());
  EXPECT_FALSE(op.done());
  api::CopyDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.image_id().substr(0, 3), "dim");
  EXPECT_NE(metadata.image_id(), kComputeImage);
  grpc::Status status;
  EXPECT_EQ(Get(metadata.image_id(), &status).status(),
            api::DesktopImage::CREATING);

  emu_->SetOperationDelay(absl::Milliseconds(1));
  api::DesktopImage copy = Copy("second-copy");
  EXPECT_EQ(copy.status(), api::DesktopImage::ACTIVE);
  EXPECT_EQ(copy.folder_id(), "my-folder");
  EXPECT_EQ(copy.name(), "second-copy");
  EXPECT_EQ(copy.min_disk_size(),
            clouddesktop::emulator::ComputeImage().min_disk_size);
  EXPECT_EQ(copy.storage_size(),
            clouddesktop::emulator::ComputeImage().storage_size);
}

// A desktop image (or any other resource of the emulator) is not a Compute
// image: the real Copy does not copy desktop images.
TEST_F(DesktopImageServiceTest, RefCopyDoesNotCopyDesktopImages) {
  api::DesktopImage copy = Copy("first");
  for (const std::string& id : {copy.id(), std::string("img-ubuntu-22-04")}) {
    operation::Operation op;
    grpc::Status status = StartCopy(id, "copy-of-desktop-image", &op);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << id;
    EXPECT_THAT(status.error_message(), HasSubstr("compute image " + id));
  }
}

// Ids of another shape cannot name a Compute image: NOT_FOUND with the
// default catalogue, no setup needed.
TEST_F(DesktopImageServiceTest, AssumptionOpenCatalogueMissesMalformedIds) {
  operation::Operation op;
  grpc::Status status = StartCopy("no-such-image", "x", &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("compute image no-such-image"));
}

// The docs state no name uniqueness for images (only for groups).
TEST_F(DesktopImageServiceTest, NoRuleImageNamesNeedNotBeUnique) {
  api::DesktopImage first = Copy("same-name");
  api::DesktopImage second = Copy("same-name");
  EXPECT_NE(first.id(), second.id());
  EXPECT_EQ(second.name(), "same-name");
}

// Operations guide, create-from-desktop: "Make sure the desktop you want to
// create a custom image from is stopped."
TEST_F(DesktopImageServiceTest, GuideCopyFromDesktopNeedsAStoppedDesktop) {
  api::DesktopGroup group = CreateGroup();
  api::Desktop desktop = CreateDesktop(group.id());
  api::CopyFromDesktopRequest request;
  request.set_desktop_id(desktop.id());
  request.set_name("snapshot");
  operation::Operation op;
  grpc::Status status =
      stubs_->images->CopyFromDesktop(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("ACTIVE"));

  api::StopRequest stop;
  stop.set_desktop_id(desktop.id());
  ASSERT_TRUE(stubs_->desktops->Stop(Ctx().get(), stop, &op).ok());
  WaitDone(op.id());
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

TEST_F(DesktopImageServiceTest, RefUpdateChangesOnlyTheMaskedFields) {
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
}

// DesktopImage.Update reference: "If updateMask is not sent in the request,
// all fields' values will be updated. Fields specified in the request will
// be updated to provided values. The rest of the fields will be reset to
// the default."
TEST_F(DesktopImageServiceTest, RefUpdateWithoutMaskResetsUnsetFields) {
  api::DesktopImage image = Copy("name-1");
  api::UpdateDesktopImageRequest request;
  request.set_image_id(image.id());
  (*request.mutable_labels())["k"] = "v";
  request.mutable_update_mask()->add_paths("labels");
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->Update(Ctx().get(), request, &op).ok());
  WaitDone(op.id());

  api::UpdateDesktopImageRequest rename;
  rename.set_image_id(image.id());
  rename.set_name("name-2");
  ASSERT_TRUE(stubs_->images->Update(Ctx().get(), rename, &op).ok());
  api::DesktopImage updated;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&updated));
  EXPECT_EQ(updated.name(), "name-2");
  EXPECT_TRUE(updated.labels().empty());
}

// No page says an image in use by a group cannot be deleted.
TEST_F(DesktopImageServiceTest, NoRuleAnImageInUseCanBeDeleted) {
  api::DesktopImage image = Copy("base");
  api::CreateDesktopGroupRequest group_request = GroupRequest("uses-base");
  group_request.set_desktop_image_id(image.id());
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Create(Ctx().get(), group_request, &op).ok());
  ASSERT_FALSE(WaitDone(op.id()).has_error());

  api::DeleteDesktopImageRequest request;
  request.set_image_id(image.id());
  ASSERT_TRUE(stubs_->images->Delete(Ctx().get(), request, &op).ok());
  api::DeleteDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.image_id(), image.id());
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  grpc::Status status;
  Get(image.id(), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

// One operation at a time per resource: a CREATING image cannot be deleted.
TEST_F(DesktopImageServiceTest, AssumptionOneOperationAtATimePerImage) {
  emu_->SetOperationDelay(absl::Hours(1));
  operation::Operation op;
  ASSERT_TRUE(StartCopy(kComputeImage, "slow", &op).ok());
  api::CopyDesktopImageMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  api::DeleteDesktopImageRequest request;
  request.set_image_id(metadata.image_id());
  grpc::Status status = stubs_->images->Delete(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("operation running"));
}

// A closed catalogue: exactly the declared Compute images exist.
class ClosedCatalogueTest : public DesktopImageServiceTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    clouddesktop::emulator::ComputeImage image;
    image.id = "fd8declaredimage0001";
    image.min_disk_size = int64_t{50} << 30;
    options.compute_images.push_back(image);
    return options;
  }
};

TEST_F(ClosedCatalogueTest, AssumptionOnlyDeclaredComputeImagesExist) {
  operation::Operation op;
  grpc::Status status = StartCopy(kComputeImage, "missing", &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr(kComputeImage));

  ASSERT_TRUE(StartCopy("fd8declaredimage0001", "declared", &op).ok());
  api::DesktopImage image;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&image));
  EXPECT_EQ(image.min_disk_size(), int64_t{50} << 30);
  EXPECT_EQ(image.name(), "declared");
}

}  // namespace
}  // namespace emulator_test
