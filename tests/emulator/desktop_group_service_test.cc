// DesktopGroupService against the in-process emulator: the group life cycle,
// its preconditions, update masks and access bindings.
#include "clouddesktop/validation.h"
#include "gmock/gmock.h"
#include "google/protobuf/empty.pb.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

class DesktopGroupServiceTest : public EmulatorTest {
 protected:
  api::DesktopGroup GetGroup(const std::string& id, grpc::Status* status) {
    api::GetDesktopGroupRequest request;
    request.set_desktop_group_id(id);
    api::DesktopGroup group;
    *status = stubs_->groups->Get(Ctx().get(), request, &group);
    return group;
  }

  operation::Operation SetBindings(
      const std::string& id, const std::vector<access::AccessBinding>& list) {
    access::SetAccessBindingsRequest request;
    request.set_resource_id(id);
    for (const auto& b : list) *request.add_access_bindings() = b;
    operation::Operation op;
    grpc::Status status =
        stubs_->groups->SetAccessBindings(Ctx().get(), request, &op);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return WaitDone(op.id());
  }

  std::vector<std::string> ListBindingSubjects(const std::string& id) {
    access::ListAccessBindingsRequest request;
    request.set_resource_id(id);
    access::ListAccessBindingsResponse response;
    grpc::Status status =
        stubs_->groups->ListAccessBindings(Ctx().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> out;
    for (const auto& b : response.access_bindings()) {
      out.push_back(b.role_id() + "/" + b.subject().id());
    }
    return out;
  }
};

access::AccessBinding Binding(const std::string& role, const std::string& id) {
  access::AccessBinding b;
  b.set_role_id(role);
  b.mutable_subject()->set_id(id);
  b.mutable_subject()->set_type("userAccount");
  return b;
}

TEST_F(DesktopGroupServiceTest, CreateGoesFromCreatingToActive) {
  emu_->SetOperationDelay(absl::Hours(1));
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->groups->Create(Ctx().get(), GroupRequest("team"), &op).ok());
  EXPECT_FALSE(op.done());
  EXPECT_EQ(op.id().size(), 20u);
  api::CreateDesktopGroupMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  const std::string id = metadata.desktop_group_id();
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(id.substr(0, 3), "dgr");

  grpc::Status status;
  api::DesktopGroup group = GetGroup(id, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(group.status(), api::DesktopGroup::CREATING);
  EXPECT_EQ(group.folder_id(), clouddesktop::emulator::kDefaultFolderId);
  EXPECT_GT(group.created_at().seconds(), 0);
  EXPECT_EQ(group.name(), "team");
  EXPECT_EQ(group.resources_spec().cores(), 2);
  EXPECT_EQ(group.network_interface_spec().subnet_ids_size(), 2);

  // Desktops need an ACTIVE group.
  api::CreateDesktopRequest desktop;
  desktop.set_desktop_group_id(id);
  desktop.add_users()->set_subject_id("alice");
  desktop.mutable_users(0)->set_subject_type("userAccount");
  operation::Operation desktop_op;
  status = stubs_->desktops->Create(Ctx().get(), desktop, &desktop_op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Cancelling the creation removes the group and frees its name.
  operation::Operation cancelled;
  operation::CancelOperationRequest cancel;
  cancel.set_operation_id(op.id());
  ASSERT_TRUE(stubs_->operations->Cancel(Ctx().get(), cancel, &cancelled).ok());
  GetGroup(id, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  emu_->SetOperationDelay(absl::Milliseconds(1));
  api::DesktopGroup created = CreateGroup("team");
  EXPECT_EQ(created.status(), api::DesktopGroup::ACTIVE);
  group = GetGroup(created.id(), &status);
  EXPECT_EQ(group.status(), api::DesktopGroup::ACTIVE);
}

TEST_F(DesktopGroupServiceTest, CreateChecksTheImageAndTheName) {
  api::CreateDesktopGroupRequest request = GroupRequest("group-g");
  request.set_desktop_image_id("no-such-image");
  operation::Operation op;
  grpc::Status status = stubs_->groups->Create(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-image"));

  CreateGroup("group-g");
  status = stubs_->groups->Create(Ctx().get(), GroupRequest("group-g"), &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(DesktopGroupServiceTest, GetUnknownIsNotFound) {
  grpc::Status status;
  GetGroup("dgrdoesnotexist00000", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("dgrdoesnotexist00000"));
}

TEST_F(DesktopGroupServiceTest, UpdateAppliesOnlyMaskedFields) {
  api::DesktopGroup group = CreateGroup("before");
  api::UpdateDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  request.set_name("after");
  request.set_description("ignored: not in the mask");
  request.mutable_resources_spec()->set_cores(8);
  request.mutable_update_mask()->add_paths("name");
  request.mutable_update_mask()->add_paths("resources_spec.cores");
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), request, &op).ok());
  EXPECT_FALSE(op.done());
  api::UpdateDesktopGroupMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.desktop_group_id(), group.id());
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());

  grpc::Status status;
  api::DesktopGroup updated = GetGroup(group.id(), &status);
  EXPECT_EQ(updated.status(), api::DesktopGroup::ACTIVE);
  EXPECT_EQ(updated.name(), "after");
  EXPECT_EQ(updated.description(), "");
  EXPECT_EQ(updated.resources_spec().cores(), 8);
  EXPECT_EQ(updated.resources_spec().memory(), int64_t{4} << 30);  // kept
}

// DesktopGroup.Update reference: "If updateMask is not sent in the request,
// all fields' values will be updated. Fields specified in the request will
// be updated to provided values. The rest of the fields will be reset to
// the default."
TEST_F(DesktopGroupServiceTest, RefUpdateWithoutMaskResetsUnsetFields) {
  api::DesktopGroup group = CreateGroup("group-g");
  ASSERT_TRUE(group.has_resources_spec());
  api::UpdateDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  request.set_description("new description");
  (*request.mutable_labels())["env"] = "test";
  request.mutable_auto_update_policy();
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), request, &op).ok());
  WaitDone(op.id());
  grpc::Status status;
  api::DesktopGroup updated = GetGroup(group.id(), &status);
  EXPECT_EQ(updated.name(), "");  // not in the request: reset
  EXPECT_FALSE(updated.has_resources_spec());
  EXPECT_EQ(updated.description(), "new description");
  EXPECT_EQ(updated.labels().at("env"), "test");
  EXPECT_TRUE(updated.has_auto_update_policy());
}

// The public DesktopGroup.update_policy oneof is (exactly_one): every group
// the emulator returns has one. Create cannot choose (emulator assumption:
// manual); an Update that names neither keeps the group's.
TEST_F(DesktopGroupServiceTest, RefEveryGroupHasExactlyOneUpdatePolicy) {
  api::DesktopGroup group = CreateGroup("policy");
  EXPECT_EQ(group.update_policy_case(), api::DesktopGroup::kManualUpdatePolicy);
  EXPECT_TRUE(clouddesktop::Validate(group).ok());

  api::UpdateDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  request.set_description("no policy named");
  request.mutable_update_mask()->add_paths("description");
  request.mutable_update_mask()->add_paths("auto_update_policy");
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), request, &op).ok());
  WaitDone(op.id());
  grpc::Status status;
  api::DesktopGroup updated = GetGroup(group.id(), &status);
  EXPECT_EQ(updated.update_policy_case(),
            api::DesktopGroup::kManualUpdatePolicy);

  request.mutable_auto_update_policy();
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), request, &op).ok());
  WaitDone(op.id());
  updated = GetGroup(group.id(), &status);
  EXPECT_EQ(updated.update_policy_case(), api::DesktopGroup::kAutoUpdatePolicy);

  api::ListDesktopGroupsRequest list;
  list.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  api::ListDesktopGroupsResponse listed;
  ASSERT_TRUE(stubs_->groups->List(Ctx().get(), list, &listed).ok());
  ASSERT_GT(listed.desktop_groups_size(), 0);
  for (const api::DesktopGroup& g : listed.desktop_groups()) {
    EXPECT_NE(g.update_policy_case(), api::DesktopGroup::UPDATE_POLICY_NOT_SET)
        << g.id();
  }
}

TEST_F(DesktopGroupServiceTest, UpdateRejectsUnknownMaskPath) {
  api::DesktopGroup group = CreateGroup();
  api::UpdateDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  request.mutable_update_mask()->add_paths("colour");
  operation::Operation op;
  grpc::Status status = stubs_->groups->Update(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("colour"));
  auto violations = ViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field(), "update_mask");
}

// No page says a group must be empty to be deleted; a desktop cannot
// outlive its group (emulator assumption), so its desktops go with it.
TEST_F(DesktopGroupServiceTest, NoRuleDeletingAGroupDeletesItsDesktops) {
  api::DesktopGroup group = CreateGroup();
  api::Desktop desktop = CreateDesktop(group.id());

  api::DeleteDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Delete(Ctx().get(), request, &op).ok());
  api::DeleteDesktopGroupMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.desktop_group_id(), group.id());
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  grpc::Status status;
  GetGroup(group.id(), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  api::GetDesktopRequest get;
  get.set_desktop_id(desktop.id());
  api::Desktop gone;
  EXPECT_EQ(stubs_->desktops->Get(Ctx().get(), get, &gone).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// One operation at a time per resource (emulator assumption).
TEST_F(DesktopGroupServiceTest,
       AssumptionDeletingGroupShowsDeletingAndBlocksChanges) {
  api::DesktopGroup group = CreateGroup();
  emu_->SetOperationDelay(absl::Hours(1));
  api::DeleteDesktopGroupRequest request;
  request.set_desktop_group_id(group.id());
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Delete(Ctx().get(), request, &op).ok());
  grpc::Status status;
  EXPECT_EQ(GetGroup(group.id(), &status).status(),
            api::DesktopGroup::DELETING);
  api::UpdateDesktopGroupRequest update;
  update.set_desktop_group_id(group.id());
  update.set_name("xx");
  operation::Operation update_op;
  status = stubs_->groups->Update(Ctx().get(), update, &update_op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  status = stubs_->groups->Delete(Ctx().get(), request, &update_op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DesktopGroupServiceTest, ListDesktopsListsOnlyTheGroupsDesktops) {
  api::DesktopGroup a = CreateGroup("group-a");
  api::DesktopGroup b = CreateGroup("group-b");
  api::Desktop in_a = CreateDesktop(a.id(), "in-a");
  CreateDesktop(b.id(), "in-b");
  api::ListDesktopGroupDesktopsRequest request;
  request.set_desktop_group_id(a.id());
  api::ListDesktopGroupDesktopsResponse response;
  ASSERT_TRUE(
      stubs_->groups->ListDesktops(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.desktops_size(), 1);
  EXPECT_EQ(response.desktops(0).id(), in_a.id());

  request.set_desktop_group_id("dgrmissing0000000000");
  EXPECT_EQ(stubs_->groups->ListDesktops(Ctx().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(DesktopGroupServiceTest, ListOperationsNewestFirst) {
  api::DesktopGroup group = CreateGroup("group-g");
  api::UpdateDesktopGroupRequest update;
  update.set_desktop_group_id(group.id());
  update.set_description("d");
  operation::Operation update_op;
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), update, &update_op).ok());
  WaitDone(update_op.id());

  api::ListDesktopGroupOperationsRequest request;
  request.set_desktop_group_id(group.id());
  api::ListDesktopGroupOperationsResponse response;
  ASSERT_TRUE(
      stubs_->groups->ListOperations(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.operations_size(), 2);
  EXPECT_EQ(response.operations(0).id(), update_op.id());
  EXPECT_EQ(response.operations(1).description(), "Create desktop group");
  EXPECT_TRUE(response.operations(1).done());

  request.set_page_size(1);
  ASSERT_TRUE(
      stubs_->groups->ListOperations(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.operations_size(), 1);
  EXPECT_EQ(response.operations(0).id(), update_op.id());
  request.set_page_token(response.next_page_token());
  ASSERT_TRUE(
      stubs_->groups->ListOperations(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.operations_size(), 1);
  EXPECT_EQ(response.operations(0).description(), "Create desktop group");
  EXPECT_EQ(response.next_page_token(), "");
}

TEST_F(DesktopGroupServiceTest, SetReplacesAccessBindings) {
  api::DesktopGroup group = CreateGroup();
  EXPECT_THAT(ListBindingSubjects(group.id()), ::testing::IsEmpty());
  operation::Operation op = SetBindings(
      group.id(), {Binding("vdi.viewer", "alice"), Binding("vdi.user", "bob")});
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  access::SetAccessBindingsMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.resource_id(), group.id());
  EXPECT_THAT(ListBindingSubjects(group.id()),
              ::testing::ElementsAre("vdi.viewer/alice", "vdi.user/bob"));

  SetBindings(group.id(), {Binding("vdi.admin", "carol")});
  EXPECT_THAT(ListBindingSubjects(group.id()),
              ::testing::ElementsAre("vdi.admin/carol"));
  SetBindings(group.id(), {});
  EXPECT_THAT(ListBindingSubjects(group.id()), ::testing::IsEmpty());
}

TEST_F(DesktopGroupServiceTest, UpdateAppliesAddAndRemoveDeltas) {
  api::DesktopGroup group = CreateGroup();
  SetBindings(group.id(),
              {Binding("vdi.viewer", "alice"), Binding("vdi.user", "bob")});
  access::UpdateAccessBindingsRequest request;
  request.set_resource_id(group.id());
  access::AccessBindingDelta* add = request.add_access_binding_deltas();
  add->set_action(access::ADD);
  *add->mutable_access_binding() = Binding("vdi.user", "carol");
  access::AccessBindingDelta* remove = request.add_access_binding_deltas();
  remove->set_action(access::REMOVE);
  *remove->mutable_access_binding() = Binding("vdi.viewer", "alice");
  access::AccessBindingDelta* again = request.add_access_binding_deltas();
  again->set_action(access::ADD);
  *again->mutable_access_binding() = Binding("vdi.user", "bob");  // present
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->groups->UpdateAccessBindings(Ctx().get(), request, &op).ok());
  access::UpdateAccessBindingsMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  EXPECT_THAT(ListBindingSubjects(group.id()),
              ::testing::ElementsAre("vdi.user/bob", "vdi.user/carol"));
}

TEST_F(DesktopGroupServiceTest, UpdateAccessBindingsRejectsUnspecifiedAction) {
  api::DesktopGroup group = CreateGroup();
  access::UpdateAccessBindingsRequest request;
  request.set_resource_id(group.id());
  *request.add_access_binding_deltas()->mutable_access_binding() =
      Binding("vdi.user", "carol");
  operation::Operation op;
  grpc::Status status =
      stubs_->groups->UpdateAccessBindings(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = ViolationsOf(status);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations[0].field(), "access_binding_deltas[0].action");
}

TEST_F(DesktopGroupServiceTest, ListAccessBindingsPages) {
  api::DesktopGroup group = CreateGroup();
  std::vector<access::AccessBinding> bindings;
  for (int i = 0; i < 5; ++i) {
    bindings.push_back(Binding("vdi.user", "user-" + std::to_string(i)));
  }
  SetBindings(group.id(), bindings);
  access::ListAccessBindingsRequest request;
  request.set_resource_id(group.id());
  request.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    access::ListAccessBindingsResponse response;
    ASSERT_TRUE(
        stubs_->groups->ListAccessBindings(Ctx().get(), request, &response)
            .ok());
    for (const auto& b : response.access_bindings()) {
      seen.push_back(b.subject().id());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("user-0", "user-1", "user-2",
                                           "user-3", "user-4"));

  request.set_resource_id("dgrmissing0000000000");
  request.clear_page_token();
  access::ListAccessBindingsResponse response;
  EXPECT_EQ(stubs_->groups->ListAccessBindings(Ctx().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace emulator_test
