// The name-to-id resolvers (clouddesktop/name_resolver.h) against the
// in-process emulator: one match, none, several, bad arguments, and a List
// that fails.

#include "clouddesktop/name_resolver.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/faults.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class NameResolverTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(""); }

  void Start(const std::string& faults) {
    clouddesktop::emulator::EmulatorOptions options;
    options.operation_delay = absl::Milliseconds(10);
    if (!faults.empty()) {
      auto spec = clouddesktop::emulator::ParseFaultSpec(faults);
      ASSERT_TRUE(spec.ok()) << spec.status();
      options.faults = *spec;
    }
    auto emu = clouddesktop::emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
    ConnectionOptions connection;
    connection.endpoint = connection.operation_endpoint = emu_->address();
    connection.insecure = true;
    connections_ = MakeConnections(connection);
  }

  std::string CopyImage(const std::string& folder, const std::string& name) {
    api::CopyDesktopImageRequest copy;
    copy.set_folder_id(folder);
    copy.set_name(name);
    copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
    auto op = DesktopImageClient(connections_).CopyDesktopImage(copy);
    EXPECT_TRUE(op.ok()) << op.status();
    if (!op.ok()) return "";
    auto image = op->Await();
    EXPECT_TRUE(image.ok()) << image.status();
    return image.ok() ? image->id() : "";
  }

  std::string CreateGroup(const std::string& folder, const std::string& name) {
    api::CreateDesktopGroupRequest request;
    request.set_folder_id(folder);
    request.set_desktop_image_id("img-ubuntu-22-04");
    request.set_name(name);
    request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
    request.mutable_resources_spec()->set_cores(2);
    request.mutable_resources_spec()->set_core_fraction(100);
    request.mutable_network_interface_spec()->set_network_id("net-1");
    request.mutable_network_interface_spec()->add_subnet_ids("subnet-a");
    auto op = DesktopGroupClient(connections_).CreateDesktopGroup(request);
    EXPECT_TRUE(op.ok()) << op.status();
    if (!op.ok()) return "";
    auto group = op->Await();
    EXPECT_TRUE(group.ok()) << group.status();
    return group.ok() ? group->id() : "";
  }

  std::string CreateDesktop(const std::string& group, const std::string& name) {
    api::CreateDesktopRequest request;
    request.set_desktop_group_id(group);
    request.set_name(name);
    auto* user = request.add_users();
    user->set_subject_id("alice");
    user->set_subject_type("userAccount");
    auto op = DesktopClient(connections_).CreateDesktop(request);
    EXPECT_TRUE(op.ok()) << op.status();
    if (!op.ok()) return "";
    auto desktop = op->Await();
    EXPECT_TRUE(desktop.ok()) << desktop.status();
    if (!desktop.ok()) return "";
    return desktop->id();
  }

  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
  Connections connections_;
};

TEST_F(NameResolverTest, FiltersByNameWithEscapes) {
  EXPECT_EQ(NameFilter("team"), R"(name="team")");
  EXPECT_EQ(NameFilter(R"(a"b\c)"), R"(name="a\"b\\c")");
}

TEST_F(NameResolverTest, ImagesByName) {
  DesktopImageClient images(connections_);
  // The emulator's seed images.
  EXPECT_EQ(ResolveDesktopImageId(images, "emulator-folder", "windows-11")
                .value_or("?"),
            "img-windows-11");

  absl::StatusOr<std::string> missing =
      ResolveDesktopImageId(images, "emulator-folder", "windows-12");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(),
              AllOf(HasSubstr("desktop image"), HasSubstr("\"windows-12\""),
                    HasSubstr("emulator-folder")));
  // Names are per folder.
  EXPECT_EQ(ResolveDesktopImageId(images, "other-folder", "windows-11")
                .status()
                .code(),
            absl::StatusCode::kNotFound);

  // Image names need not be unique: two of one name are an error that
  // names both.
  std::string a = CopyImage("twins", "twin");
  std::string b = CopyImage("twins", "twin");
  std::string c = CopyImage("twins", "single");
  absl::StatusOr<std::string> twin =
      ResolveDesktopImageId(images, "twins", "twin");
  EXPECT_EQ(twin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(twin.status().message(),
              AllOf(HasSubstr("2 desktop images"), HasSubstr(a), HasSubstr(b),
                    HasSubstr("give the id")));
  EXPECT_EQ(ResolveDesktopImageId(images, "twins", "single").value_or("?"), c);
  // A name is matched whole, not as a prefix.
  EXPECT_EQ(ResolveDesktopImageId(images, "twins", "twi").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(NameResolverTest, GroupsAndDesktopsByName) {
  std::string group = CreateGroup("resolve-folder", "team");
  ASSERT_FALSE(group.empty());
  DesktopGroupClient groups(connections_);
  EXPECT_EQ(
      ResolveDesktopGroupId(groups, "resolve-folder", "team").value_or("?"),
      group);
  EXPECT_EQ(
      ResolveDesktopGroupId(groups, "resolve-folder", "tea").status().code(),
      absl::StatusCode::kNotFound);

  std::string d1 = CreateDesktop(group, "desk-one");
  std::string d2 = CreateDesktop(group, "desk-two");
  std::string d3 = CreateDesktop(group, "desk-two");
  DesktopClient desktops(connections_);
  EXPECT_EQ(
      ResolveDesktopId(desktops, "resolve-folder", "desk-one").value_or("?"),
      d1);
  absl::StatusOr<std::string> two =
      ResolveDesktopId(desktops, "resolve-folder", "desk-two");
  EXPECT_EQ(two.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(two.status().message(), AllOf(HasSubstr(d2), HasSubstr(d3)));
}

TEST_F(NameResolverTest, EmptyArgumentsAreInvalidAndSendNothing) {
  // Against an emulator that fails every List: an INVALID_ARGUMENT here
  // shows no call was made.
  Start("DesktopImageService.List:internal=1");
  DesktopImageClient images(connections_);
  absl::StatusOr<std::string> no_folder =
      ResolveDesktopImageId(images, "", "x");
  EXPECT_EQ(no_folder.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_folder.status().message(), HasSubstr("no folder id"));
  absl::StatusOr<std::string> no_name =
      ResolveDesktopImageId(images, "emulator-folder", "");
  EXPECT_EQ(no_name.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_name.status().message(), HasSubstr("the name is empty"));
}

TEST_F(NameResolverTest, AFailedListKeepsItsCodeAndRequestIds) {
  Start("DesktopImageService.List:internal=1");
  DesktopImageClient images(connections_);
  absl::StatusOr<std::string> id =
      ResolveDesktopImageId(images, "emulator-folder", "windows-11");
  ASSERT_EQ(id.status().code(), absl::StatusCode::kInternal) << id.status();
  EXPECT_THAT(id.status().message(),
              HasSubstr("resolving desktop image name \"windows-11\""));
  ErrorInfo info = FromStatus(id.status());
  EXPECT_EQ(info.method, "DesktopImageService.List");
  EXPECT_FALSE(info.request_id.empty());
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
