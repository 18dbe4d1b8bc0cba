// DesktopService against the in-process emulator: create, power actions and
// their legal transitions, properties, RDP files, passwords, deletion.
#include "gmock/gmock.h"
#include "google/protobuf/empty.pb.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

class DesktopServiceTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    group_ = CreateGroup("group");
  }

  api::Desktop Get(const std::string& id, grpc::Status* status = nullptr) {
    api::GetDesktopRequest request;
    request.set_desktop_id(id);
    api::Desktop desktop;
    grpc::Status s = stubs_->desktops->Get(Ctx().get(), request, &desktop);
    if (status != nullptr) *status = s;
    return desktop;
  }

  // Runs one power action; returns its status and (if accepted) operation.
  template <typename Request>
  grpc::Status Action(grpc::Status (api::DesktopService::Stub::*method)(
                          grpc::ClientContext*, const Request&,
                          operation::Operation*),
                      const std::string& id, operation::Operation* op) {
    Request request;
    request.set_desktop_id(id);
    return (stubs_->desktops.get()->*method)(Ctx().get(), request, op);
  }

  api::DesktopGroup group_;
};

TEST_F(DesktopServiceTest, CreateInheritsFromTheGroup) {
  emu_->SetOperationDelay(absl::Hours(1));
  api::CreateDesktopRequest request;
  request.set_desktop_group_id(group_.id());
  request.set_name("my-desktop");
  request.set_subnet_id("subnet-b");
  (*request.mutable_labels())["env"] = "dev";
  api::User* user = request.add_users();
  user->set_subject_id("alice");
  user->set_subject_type("userAccount");
  operation::Operation op;
  ASSERT_TRUE(stubs_->desktops->Create(Ctx().get(), request, &op).ok());
  EXPECT_FALSE(op.done());
  EXPECT_EQ(op.description(), "Create desktop");
  api::CreateDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));

  api::Desktop desktop = Get(metadata.desktop_id());
  EXPECT_EQ(desktop.id().substr(0, 3), "dsk");
  EXPECT_EQ(desktop.id().size(), 20u);
  EXPECT_EQ(desktop.status(), api::Desktop::CREATING);
  EXPECT_EQ(desktop.folder_id(), group_.folder_id());
  EXPECT_EQ(desktop.desktop_group_id(), group_.id());
  EXPECT_GT(desktop.created_at().seconds(), 0);
  EXPECT_EQ(desktop.resources().cores(), 2);
  EXPECT_EQ(desktop.resources().memory(), int64_t{4} << 30);
  ASSERT_EQ(desktop.network_interfaces_size(), 1);
  EXPECT_EQ(desktop.network_interfaces(0).network_id(), "net-1");
  EXPECT_EQ(desktop.network_interfaces(0).subnet_id(), "subnet-b");
  EXPECT_EQ(desktop.labels().at("env"), "dev");
  ASSERT_EQ(desktop.users_size(), 1);

  // A desktop being created accepts no action.
  operation::Operation stop;
  EXPECT_EQ(Action(&api::DesktopService::Stub::Stop, desktop.id(), &stop)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DesktopServiceTest, CreateCompletesWithTheActiveDesktop) {
  api::Desktop desktop = CreateDesktop(group_.id(), "desk-d");
  EXPECT_EQ(desktop.status(), api::Desktop::ACTIVE);
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::ACTIVE);
  // The group's first subnet when none is asked for.
  EXPECT_EQ(desktop.network_interfaces(0).subnet_id(), "subnet-a");
}

TEST_F(DesktopServiceTest, CreateChecksGroupAndSubnet) {
  api::CreateDesktopRequest request;
  request.set_desktop_group_id("dgrmissing0000000000");
  api::User* user = request.add_users();
  user->set_subject_id("alice");
  user->set_subject_type("userAccount");
  operation::Operation op;
  EXPECT_EQ(stubs_->desktops->Create(Ctx().get(), request, &op).error_code(),
            grpc::StatusCode::NOT_FOUND);

  request.set_desktop_group_id(group_.id());
  request.set_subnet_id("subnet-z");
  grpc::Status status = stubs_->desktops->Create(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "subnet_id");
}

// The docs state no name uniqueness for desktops (only for groups).
TEST_F(DesktopServiceTest, NoRuleDesktopNamesNeedNotBeUnique) {
  api::Desktop first = CreateDesktop(group_.id(), "same");
  api::Desktop second = CreateDesktop(group_.id(), "same");
  EXPECT_NE(first.id(), second.id());
  EXPECT_EQ(second.name(), "same");
}

TEST_F(DesktopServiceTest, CreateRespectsTheGroupsDesktopLimit) {
  api::CreateDesktopGroupRequest group_request = GroupRequest("limited");
  group_request.mutable_group_config()->set_max_desktops_amount(1);
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Create(Ctx().get(), group_request, &op).ok());
  api::DesktopGroup limited;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&limited));
  CreateDesktop(limited.id());
  api::CreateDesktopRequest request;
  request.set_desktop_group_id(limited.id());
  api::User* user = request.add_users();
  user->set_subject_id("bob");
  user->set_subject_type("userAccount");
  EXPECT_EQ(stubs_->desktops->Create(Ctx().get(), request, &op).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(DesktopServiceTest, StopStartRestartMoveThroughTheirStatuses) {
  api::Desktop desktop = CreateDesktop(group_.id());
  emu_->SetOperationDelay(absl::Hours(1));
  operation::Operation op;

  // Start on ACTIVE is illegal.
  grpc::Status status =
      Action(&api::DesktopService::Stub::Start, desktop.id(), &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("ACTIVE"));

  ASSERT_TRUE(Action(&api::DesktopService::Stub::Stop, desktop.id(), &op).ok());
  api::StopDesktopMetadata stop_metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&stop_metadata));
  EXPECT_EQ(stop_metadata.desktop_id(), desktop.id());
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::STOPPING);
  // Anything on a desktop with a running operation is illegal.
  operation::Operation other;
  EXPECT_EQ(Action(&api::DesktopService::Stub::Restart, desktop.id(), &other)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Action(&api::DesktopService::Stub::Delete, desktop.id(), &other)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  emu_->SetOperationDelay(absl::Milliseconds(1));
  // The running Stop still has its hour to go; cancel it and stop again.
  operation::CancelOperationRequest cancel;
  cancel.set_operation_id(op.id());
  ASSERT_TRUE(stubs_->operations->Cancel(Ctx().get(), cancel, &op).ok());
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::ACTIVE);

  ASSERT_TRUE(Action(&api::DesktopService::Stub::Stop, desktop.id(), &op).ok());
  op = WaitDone(op.id());
  api::Desktop stopped;
  ASSERT_TRUE(op.response().UnpackTo(&stopped));
  EXPECT_EQ(stopped.status(), api::Desktop::STOPPED);
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::STOPPED);

  // Stop on STOPPED and Restart on STOPPED are illegal.
  EXPECT_EQ(
      Action(&api::DesktopService::Stub::Stop, desktop.id(), &op).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Action(&api::DesktopService::Stub::Restart, desktop.id(), &op)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Start, desktop.id(), &op).ok());
  api::StartDesktopMetadata start_metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&start_metadata));
  op = WaitDone(op.id());
  api::Desktop started;
  ASSERT_TRUE(op.response().UnpackTo(&started));
  EXPECT_EQ(started.status(), api::Desktop::ACTIVE);

  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Restart, desktop.id(), &op).ok());
  api::RestartDesktopMetadata restart_metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&restart_metadata));
  op = WaitDone(op.id());
  api::Desktop restarted;
  ASSERT_TRUE(op.response().UnpackTo(&restarted));
  EXPECT_EQ(restarted.status(), api::Desktop::ACTIVE);
}

TEST_F(DesktopServiceTest, TransitionalStatusesAreVisible) {
  api::Desktop desktop = CreateDesktop(group_.id());
  emu_->SetOperationDelay(absl::Hours(1));
  operation::Operation op;
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Restart, desktop.id(), &op).ok());
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::RESTARTING);
}

TEST_F(DesktopServiceTest, UpdateRefreshesFromTheGroupAndKeepsStatus) {
  api::Desktop desktop = CreateDesktop(group_.id());
  api::UpdateDesktopGroupRequest group_update;
  group_update.set_desktop_group_id(group_.id());
  group_update.mutable_resources_spec()->set_cores(16);
  group_update.mutable_resources_spec()->set_memory(int64_t{8} << 30);
  group_update.mutable_update_mask()->add_paths("resources_spec");
  operation::Operation op;
  ASSERT_TRUE(stubs_->groups->Update(Ctx().get(), group_update, &op).ok());
  WaitDone(op.id());
  EXPECT_EQ(Get(desktop.id()).resources().cores(), 2);  // not yet

  emu_->SetOperationDelay(absl::Hours(1));
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Update, desktop.id(), &op).ok());
  EXPECT_EQ(Get(desktop.id()).status(), api::Desktop::UPDATING);
  api::UpdateDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  operation::CancelOperationRequest cancel;
  cancel.set_operation_id(op.id());
  ASSERT_TRUE(stubs_->operations->Cancel(Ctx().get(), cancel, &op).ok());

  emu_->SetOperationDelay(absl::Milliseconds(1));
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Update, desktop.id(), &op).ok());
  op = WaitDone(op.id());
  api::Desktop updated;
  ASSERT_TRUE(op.response().UnpackTo(&updated));
  EXPECT_EQ(updated.status(), api::Desktop::ACTIVE);
  EXPECT_EQ(updated.resources().cores(), 16);
  EXPECT_EQ(updated.resources().memory(), int64_t{8} << 30);
}

TEST_F(DesktopServiceTest, UpdatePropertiesAppliesTheMask) {
  api::Desktop desktop = CreateDesktop(group_.id(), "old-name");
  api::UpdatePropertiesRequest request;
  request.set_desktop_id(desktop.id());
  request.set_name("new-name");
  request.set_description("not applied");
  request.mutable_update_mask()->add_paths("name");
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->desktops->UpdateProperties(Ctx().get(), request, &op).ok());
  api::UpdateDesktopPropertiesMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.desktop_id(), desktop.id());
  op = WaitDone(op.id());
  api::Desktop updated;
  ASSERT_TRUE(op.response().UnpackTo(&updated));
  EXPECT_EQ(updated.name(), "new-name");
  EXPECT_EQ(updated.description(), "");
  EXPECT_EQ(updated.status(), api::Desktop::ACTIVE);

  request.mutable_update_mask()->set_paths(0, "users");
  grpc::Status status =
      stubs_->desktops->UpdateProperties(Ctx().get(), request, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("\"users\""));
}

TEST_F(DesktopServiceTest, GetRdpFileNamesAddressAndUser) {
  api::CreateDesktopRequest create;
  create.set_desktop_group_id(group_.id());
  create.set_name("rdp-desktop");
  for (const char* name : {"alice", "bob"}) {
    api::User* user = create.add_users();
    user->set_subject_id(name);
    user->set_subject_type("userAccount");
  }
  operation::Operation op;
  ASSERT_TRUE(stubs_->desktops->Create(Ctx().get(), create, &op).ok());
  api::Desktop desktop;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&desktop));

  api::GetRdpFileRequest request;
  request.set_desktop_id(desktop.id());
  api::RdpFileResponse response;
  ASSERT_TRUE(
      stubs_->desktops->GetRdpFile(Ctx().get(), request, &response).ok());
  EXPECT_THAT(response.content(), HasSubstr("full address:s:" + desktop.id()));
  EXPECT_THAT(response.content(), HasSubstr("username:s:alice"));
  EXPECT_EQ(response.headers().at("Content-Type"), "application/x-rdp");
  EXPECT_THAT(response.headers().at("Content-Disposition"),
              HasSubstr("rdp-desktop.rdp"));

  request.mutable_user()->set_subject_id("bob");
  request.mutable_user()->set_subject_type("userAccount");
  ASSERT_TRUE(
      stubs_->desktops->GetRdpFile(Ctx().get(), request, &response).ok());
  EXPECT_THAT(response.content(), HasSubstr("username:s:bob"));

  request.mutable_user()->set_subject_id("mallory");
  EXPECT_EQ(stubs_->desktops->GetRdpFile(Ctx().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(DesktopServiceTest, ResetPasswordReturnsAFreshPasswordEachTime) {
  api::Desktop desktop = CreateDesktop(group_.id());
  api::ResetPasswordRequest request;
  request.set_desktop_id(desktop.id());
  request.mutable_user()->set_subject_id("alice");
  request.mutable_user()->set_subject_type("userAccount");
  api::ResetPasswordResponse first, second;
  ASSERT_TRUE(
      stubs_->desktops->ResetPassword(Ctx().get(), request, &first).ok());
  ASSERT_TRUE(
      stubs_->desktops->ResetPassword(Ctx().get(), request, &second).ok());
  EXPECT_GE(first.password().size(), 12u);
  EXPECT_NE(first.password(), second.password());

  request.mutable_user()->set_subject_id("mallory");
  EXPECT_EQ(stubs_->desktops->ResetPassword(Ctx().get(), request, &first)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.clear_user();
  EXPECT_EQ(stubs_->desktops->ResetPassword(Ctx().get(), request, &first)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(DesktopServiceTest, DeleteGoesThroughDeletingToGone) {
  api::Desktop desktop = CreateDesktop(group_.id());
  emu_->SetOperationDelay(absl::Milliseconds(300));
  operation::Operation op;
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Delete, desktop.id(), &op).ok());
  api::DeleteDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.desktop_id(), desktop.id());
  grpc::Status status;
  api::Desktop during = Get(desktop.id(), &status);
  // Unless this thread was descheduled for the whole delay.
  if (status.ok()) {
    EXPECT_EQ(during.status(), api::Desktop::DELETING);
  }
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().Is<google::protobuf::Empty>());
  Get(desktop.id(), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  // Its operations remain readable.
  operation::GetOperationRequest get;
  get.set_operation_id(op.id());
  EXPECT_TRUE(stubs_->operations->Get(Ctx().get(), get, &op).ok());
}

TEST_F(DesktopServiceTest, ListOperationsListsTheDesktopsOperations) {
  api::Desktop desktop = CreateDesktop(group_.id());
  operation::Operation stop;
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Stop, desktop.id(), &stop).ok());
  WaitDone(stop.id());
  api::ListDesktopOperationsRequest request;
  request.set_desktop_id(desktop.id());
  api::ListDesktopOperationsResponse response;
  ASSERT_TRUE(
      stubs_->desktops->ListOperations(Ctx().get(), request, &response).ok());
  ASSERT_EQ(response.operations_size(), 2);
  EXPECT_EQ(response.operations(0).id(), stop.id());
  EXPECT_EQ(response.operations(1).description(), "Create desktop");

  // The reference gives ListOperations the resource lists' filter text
  // ("filtering only on [Desktop.name] field"); an Operation has no name.
  request.set_filter("name != \"x\"");
  ASSERT_TRUE(
      stubs_->desktops->ListOperations(Ctx().get(), request, &response).ok());
  EXPECT_EQ(response.operations_size(), 2);
  request.set_filter("description = \"Stop desktop\"");
  grpc::Status status =
      stubs_->desktops->ListOperations(Ctx().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("not supported"));
  request.clear_filter();

  request.set_desktop_id("dskmissing0000000000");
  EXPECT_EQ(stubs_->desktops->ListOperations(Ctx().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Desktop.Status: "CREATION_FAILED: Desktop did not manage to get created or
// updated." A failed Create leaves the desktop, CREATION_FAILED; Update
// (sync with the group) repairs it, Delete removes it.
TEST_F(DesktopServiceTest, RefFailedCreateLeavesCreationFailed) {
  emu_->SetFaults(Spec("DesktopService.Create:op_error=INTERNAL"));
  api::CreateDesktopRequest request;
  request.set_desktop_group_id(group_.id());
  api::User* user = request.add_users();
  user->set_subject_id("alice");
  user->set_subject_type("userAccount");
  operation::Operation op;
  ASSERT_TRUE(stubs_->desktops->Create(Ctx().get(), request, &op).ok());
  api::CreateDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  op = WaitDone(op.id());
  EXPECT_EQ(op.error().code(), grpc::StatusCode::INTERNAL);
  grpc::Status status;
  EXPECT_EQ(Get(metadata.desktop_id(), &status).status(),
            api::Desktop::CREATION_FAILED);

  emu_->SetFaults({});
  // Nothing but Update and Delete leaves it.
  EXPECT_EQ(
      Action(&api::DesktopService::Stub::Start, metadata.desktop_id(), &op)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Update, metadata.desktop_id(), &op)
          .ok());
  api::Desktop repaired;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&repaired));
  EXPECT_EQ(repaired.status(), api::Desktop::ACTIVE);
}

// Desktop.Status: "ERROR: Desktop did not manage start or restart." A
// failed Start or Restart leaves ERROR; Restart, Start or Delete leave it.
TEST_F(DesktopServiceTest, RefFailedStartOrRestartLeavesError) {
  api::Desktop desktop = CreateDesktop(group_.id());
  emu_->SetFaults(Spec("DesktopService.Restart:op_error=UNAVAILABLE"));
  operation::Operation op;
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Restart, desktop.id(), &op).ok());
  EXPECT_EQ(WaitDone(op.id()).error().code(), grpc::StatusCode::UNAVAILABLE);
  grpc::Status status;
  EXPECT_EQ(Get(desktop.id(), &status).status(), api::Desktop::ERROR);

  emu_->SetFaults({});
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Restart, desktop.id(), &op).ok());
  api::Desktop restarted;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&restarted));
  EXPECT_EQ(restarted.status(), api::Desktop::ACTIVE);

  ASSERT_TRUE(Action(&api::DesktopService::Stub::Stop, desktop.id(), &op).ok());
  WaitDone(op.id());
  emu_->SetFaults(Spec("DesktopService.Start:op_error=INTERNAL"));
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Start, desktop.id(), &op).ok());
  WaitDone(op.id());
  EXPECT_EQ(Get(desktop.id(), &status).status(), api::Desktop::ERROR);
  emu_->SetFaults({});
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Delete, desktop.id(), &op).ok());
  EXPECT_FALSE(WaitDone(op.id()).has_error());
  Get(desktop.id(), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

// Desktop.Status: "HEALTH_CHECK: Desktop in the process of health check."
// With a health_check fault, a desktop Start brings up is HEALTH_CHECK
// before ACTIVE, and the operation finishes when it is ACTIVE; with
// op_error as well, the check fails and the desktop is ERROR.
TEST_F(DesktopServiceTest, RefHealthCheckComesBeforeActive) {
  api::Desktop desktop = CreateDesktop(group_.id());
  operation::Operation op;
  ASSERT_TRUE(Action(&api::DesktopService::Stub::Stop, desktop.id(), &op).ok());
  WaitDone(op.id());
  emu_->SetFaults(Spec("DesktopService.Start:health_check=400ms"));
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Start, desktop.id(), &op).ok());
  grpc::Status status;
  ASSERT_TRUE(WaitFor([&] {
    return Get(desktop.id(), &status).status() == api::Desktop::HEALTH_CHECK;
  }));
  operation::GetOperationRequest get;
  get.set_operation_id(op.id());
  operation::Operation during;
  ASSERT_TRUE(stubs_->operations->Get(Ctx().get(), get, &during).ok());
  EXPECT_FALSE(during.done());
  api::Desktop started;
  ASSERT_TRUE(WaitDone(op.id()).response().UnpackTo(&started));
  EXPECT_EQ(started.status(), api::Desktop::ACTIVE);

  emu_->SetFaults(
      Spec("DesktopService.Restart:health_check=50ms,op_error=INTERNAL"));
  ASSERT_TRUE(
      Action(&api::DesktopService::Stub::Restart, desktop.id(), &op).ok());
  EXPECT_EQ(WaitDone(op.id()).error().code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(Get(desktop.id(), &status).status(), api::Desktop::ERROR);
}

}  // namespace
}  // namespace emulator_test
