// Paging, filtering and ordering of List methods over gRPC, including the
// errors a user gets for bad page tokens, filters and orders.
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ListTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    group_ = CreateGroup("group");
    // Created in this order: cc, aa, dd, bb, ee.
    for (const char* name : {"cc", "aa", "dd", "bb", "ee"}) {
      ids_[name] = CreateDesktop(group_.id(), name).id();
    }
    // bb is STOPPED.
    api::StopRequest stop;
    stop.set_desktop_id(ids_["bb"]);
    operation::Operation op;
    EXPECT_TRUE(stubs_->desktops->Stop(Ctx().get(), stop, &op).ok());
    WaitDone(op.id());
  }

  grpc::Status List(api::ListDesktopsRequest request,
                    api::ListDesktopsResponse* response) {
    request.set_folder_id(
        std::string(clouddesktop::emulator::kDefaultFolderId));
    return stubs_->desktops->List(Ctx().get(), request, response);
  }

  std::vector<std::string> Names(const std::string& filter,
                                 const std::string& order_by = "") {
    api::ListDesktopsRequest request;
    request.set_filter(filter);
    request.set_order_by(order_by);
    api::ListDesktopsResponse response;
    grpc::Status status = List(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& d : response.desktops()) names.push_back(d.name());
    return names;
  }

  api::DesktopGroup group_;
  std::map<std::string, std::string> ids_;
};

TEST_F(ListTest, DefaultOrderIsCreationOrder) {
  EXPECT_THAT(Names(""), ElementsAre("cc", "aa", "dd", "bb", "ee"));
}

TEST_F(ListTest, OrderByNameCreatedAtStatus) {
  EXPECT_THAT(Names("", "name"), ElementsAre("aa", "bb", "cc", "dd", "ee"));
  EXPECT_THAT(Names("", "name desc"),
              ElementsAre("ee", "dd", "cc", "bb", "aa"));
  EXPECT_THAT(Names("", "created_at desc"),
              ElementsAre("ee", "bb", "dd", "aa", "cc"));
  // ACTIVE sorts before STOPPED (life-cycle order), then by name.
  EXPECT_THAT(Names("", "status desc, name asc"),
              ElementsAre("bb", "aa", "cc", "dd", "ee"));
}

// The documented operators on name: =, !=, IN, NOT IN.
TEST_F(ListTest, RefFilterGrammar) {
  EXPECT_THAT(Names("name = \"dd\""), ElementsAre("dd"));
  EXPECT_THAT(Names("name != \"dd\"", "name"),
              ElementsAre("aa", "bb", "cc", "ee"));
  EXPECT_THAT(Names("name IN (\"aa\", \"ee\")", "name"),
              ElementsAre("aa", "ee"));
  EXPECT_THAT(Names("  name   NOT IN ( \"aa\",\"ee\" ) ", "name"),
              ElementsAre("bb", "cc", "dd"));
}

// ListDesktopsRequest.filter: "Currently you can use filtering only on
// [Desktop.name] field. 2. An operator. Can be either `=` or `!=` for single
// values, `IN` or `NOT IN` for lists of values." Anything else is refused,
// saying what is not supported.
TEST_F(ListTest, RefFilterIsOneConditionOnName) {
  api::ListDesktopsRequest request;
  request.set_filter("name = \"aa\" AND name = \"bb\"");
  api::ListDesktopsResponse response;
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("filter"));
  EXPECT_THAT(status.error_message(),
              HasSubstr("position 13: AND is not supported"));
  auto violations = ViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field(), "filter");

  for (const char* field : {"status = ACTIVE", "id = \"x\"", "colour = red"}) {
    request.set_filter(field);
    status = List(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("is not supported"));
    EXPECT_THAT(status.error_message(), HasSubstr("(filterable: name)"));
  }
}

TEST_F(ListTest, BadOrderIsInvalidArgument) {
  api::ListDesktopsRequest request;
  request.set_order_by("memory desc");
  api::ListDesktopsResponse response;
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("order_by"));
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "order_by");
}

TEST_F(ListTest, PagesCoverEverythingOnceInOrder) {
  api::ListDesktopsRequest request;
  request.set_page_size(2);
  request.set_order_by("name");
  std::vector<std::string> names;
  int pages = 0;
  while (pages < 10) {
    api::ListDesktopsResponse response;
    ASSERT_TRUE(List(request, &response).ok());
    ++pages;
    EXPECT_LE(response.desktops_size(), 2);
    for (const auto& d : response.desktops()) names.push_back(d.name());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(names, ElementsAre("aa", "bb", "cc", "dd", "ee"));
}

TEST_F(ListTest, PageTokensAreBoundToTheQueryAndUnforgeable) {
  api::ListDesktopsRequest request;
  request.set_page_size(2);
  api::ListDesktopsResponse response;
  ASSERT_TRUE(List(request, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  std::string token = response.next_page_token();

  // The same token with another order: rejected.
  request.set_page_token(token);
  request.set_order_by("name");
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "page_token");

  // Hand-made or edited tokens: rejected, whichever character changed
  // (the last one included, whose spare bits base64 would ignore).
  request.clear_order_by();
  std::vector<std::string> forged = {"garbage", "AQAAAAI"};
  for (size_t i :
       {size_t{0}, token.size() / 2, token.size() - 2, token.size() - 1}) {
    for (char c : {'A', 'x', 'y', '_'}) {
      std::string edited = token;
      edited[i] = c;
      if (edited != token) forged.push_back(edited);
    }
  }
  for (const std::string& forged_token : forged) {
    request.set_page_token(forged_token);
    EXPECT_EQ(List(request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << forged_token << " (issued: " << token << ")";
  }
  // The issued token itself still works.
  request.set_page_token(token);
  EXPECT_TRUE(List(request, &response).ok());
}

TEST_F(ListTest, PageSizeDefaultsTo100AndIsCheckedAgainst1000) {
  api::ListDesktopsRequest request;
  request.set_page_size(1001);
  api::ListDesktopsResponse response;
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "page_size");

  // 120 images in one folder: the first page of a default list has 100.
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id("big-folder");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
  for (int i = 0; i < 120; ++i) {
    copy.set_name("image-" + std::to_string(i));
    operation::Operation op;
    ASSERT_TRUE(stubs_->images->Copy(Ctx().get(), copy, &op).ok());
  }
  api::ListDesktopImagesRequest list;
  list.set_folder_id("big-folder");
  api::ListDesktopImagesResponse images;
  ASSERT_TRUE(stubs_->images->List(Ctx().get(), list, &images).ok());
  EXPECT_EQ(images.desktop_images_size(), 100);
  EXPECT_FALSE(images.next_page_token().empty());
  list.set_page_token(images.next_page_token());
  ASSERT_TRUE(stubs_->images->List(Ctx().get(), list, &images).ok());
  EXPECT_EQ(images.desktop_images_size(), 20);
  EXPECT_TRUE(images.next_page_token().empty());
}

TEST_F(ListTest, GroupListFiltersAndPages) {
  CreateGroup("other");
  api::ListDesktopGroupsRequest request;
  request.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  request.set_filter("name = \"other\"");
  api::ListDesktopGroupsResponse response;
  ASSERT_TRUE(stubs_->groups->List(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.desktop_groups_size(), 1);
  EXPECT_EQ(response.desktop_groups(0).name(), "other");

  request.clear_filter();
  request.set_order_by("name desc");
  ASSERT_TRUE(stubs_->groups->List(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.desktop_groups_size(), 2);
  EXPECT_EQ(response.desktop_groups(0).name(), "other");
  EXPECT_EQ(response.desktop_groups(1).name(), "group");

  request.set_folder_id("empty-folder");
  ASSERT_TRUE(stubs_->groups->List(Ctx().get(), request, &response).ok());
  EXPECT_EQ(response.desktop_groups_size(), 0);
}

}  // namespace
}  // namespace emulator_test
