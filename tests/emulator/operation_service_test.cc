// OperationService against the in-process emulator: progress as seen by a
// poller, typed results, cancellation of running and finished operations.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace emulator_test {
namespace {

class OperationServiceTest : public EmulatorTest {
 protected:
  api::DesktopGroup group_;

  void SetUp() override {
    EmulatorTest::SetUp();
    group_ = CreateGroup();
  }

  operation::Operation StartCreate() {
    operation::Operation op;
    EXPECT_TRUE(
        stubs_->desktops->Create(Ctx().get(), DesktopRequest(group_.id()), &op)
            .ok());
    return op;
  }

  grpc::Status Get(const std::string& id, operation::Operation* op) {
    operation::GetOperationRequest request;
    request.set_operation_id(id);
    return stubs_->operations->Get(Ctx().get(), request, op);
  }

  grpc::Status Cancel(const std::string& id, operation::Operation* op) {
    operation::CancelOperationRequest request;
    request.set_operation_id(id);
    return stubs_->operations->Cancel(Ctx().get(), request, op);
  }
};

TEST_F(OperationServiceTest, GetShowsProgressThenTheTypedResponse) {
  constexpr absl::Duration kDelay = absl::Milliseconds(500);
  emu_->SetOperationDelay(kDelay);
  absl::Time start = absl::Now();
  operation::Operation created = StartCreate();
  EXPECT_FALSE(created.done());
  EXPECT_EQ(created.result_case(), operation::Operation::RESULT_NOT_SET);
  EXPECT_GT(created.created_at().seconds(), 0);

  operation::Operation polled;
  ASSERT_TRUE(Get(created.id(), &polled).ok());
  // Only meaningful if this thread got here well within the delay.
  if (absl::Now() - start < kDelay / 2) {
    EXPECT_FALSE(polled.done());
  }
  EXPECT_EQ(polled.id(), created.id());
  EXPECT_EQ(polled.metadata().type_url(), created.metadata().type_url());

  operation::Operation done = WaitDone(created.id());
  EXPECT_TRUE(done.done());
  EXPECT_GE(absl::Now() - start, kDelay);
  ASSERT_EQ(done.result_case(), operation::Operation::kResponse);
  EXPECT_EQ(done.response().type_url(),
            "type.googleapis.com/yandex.cloud.clouddesktop.v1.api.Desktop");
  api::Desktop desktop;
  ASSERT_TRUE(done.response().UnpackTo(&desktop));
  EXPECT_EQ(desktop.status(), api::Desktop::ACTIVE);
  EXPECT_EQ(done.metadata().type_url(),
            "type.googleapis.com/"
            "yandex.cloud.clouddesktop.v1.api.CreateDesktopMetadata");
  EXPECT_GE(done.modified_at().seconds(), done.created_at().seconds());
}

TEST_F(OperationServiceTest, CancelStopsARunningOperationAndRollsBack) {
  emu_->SetOperationDelay(absl::Hours(1));
  operation::Operation created = StartCreate();
  api::CreateDesktopMetadata metadata;
  ASSERT_TRUE(created.metadata().UnpackTo(&metadata));

  operation::Operation cancelled;
  ASSERT_TRUE(Cancel(created.id(), &cancelled).ok());
  EXPECT_TRUE(cancelled.done());
  ASSERT_EQ(cancelled.result_case(), operation::Operation::kError);
  EXPECT_EQ(cancelled.error().code(), grpc::StatusCode::CANCELLED);

  operation::Operation polled;
  ASSERT_TRUE(Get(created.id(), &polled).ok());
  EXPECT_TRUE(polled.done());
  EXPECT_EQ(polled.error().code(), grpc::StatusCode::CANCELLED);

  // The desktop whose creation was cancelled does not exist.
  api::GetDesktopRequest get;
  get.set_desktop_id(metadata.desktop_id());
  api::Desktop desktop;
  EXPECT_EQ(stubs_->desktops->Get(Ctx().get(), get, &desktop).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(OperationServiceTest, CancelLeavesFinishedOperationsAlone) {
  operation::Operation done = WaitDone(StartCreate().id());
  operation::Operation after;
  ASSERT_TRUE(Cancel(done.id(), &after).ok());
  EXPECT_TRUE(after.done());
  EXPECT_EQ(after.result_case(), operation::Operation::kResponse);
  EXPECT_EQ(after.SerializeAsString(), done.SerializeAsString());
}

TEST_F(OperationServiceTest, UnknownOperationIsNotFound) {
  operation::Operation op;
  EXPECT_EQ(Get("dopmissing0000000000", &op).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Cancel("dopmissing0000000000", &op).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status status = Get("", &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(ViolationsOf(status).size(), 1u);
  EXPECT_EQ(ViolationsOf(status)[0].field(), "operation_id");
}

TEST_F(OperationServiceTest, CreatedByIsTheCallersSubject) {
  std::string token = emu_->IssueTokenForTesting("sa-robot");
  api::CreateDesktopRequest request;
  request.set_desktop_group_id(group_.id());
  api::User* user = request.add_users();
  user->set_subject_id("alice");
  user->set_subject_type("userAccount");
  operation::Operation op;
  ASSERT_TRUE(stubs_->desktops->Create(Ctx(token).get(), request, &op).ok());
  EXPECT_EQ(op.created_by(), "sa-robot");
}

}  // namespace
}  // namespace emulator_test
