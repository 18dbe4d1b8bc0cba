// Each kind of injected fault, as a client sees it.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/notification.h"

namespace emulator_test {
namespace {

using ::testing::HasSubstr;

class FaultsTest : public EmulatorTest {
 protected:
  grpc::Status GetImage(api::DesktopImage* image = nullptr) {
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    api::DesktopImage ignored;
    return stubs_->images->Get(Ctx().get(), request,
                               image != nullptr ? image : &ignored);
  }
};

TEST_F(FaultsTest, LatencyDelaysOnlyTheNamedMethod) {
  emu_->SetFaults(Spec("DesktopImageService.Get:latency=2s"));
  struct Call {
    grpc::ClientContext context;
    api::GetDesktopImageRequest request;
    api::DesktopImage response;
  };
  auto* call = new Call;
  call->context.set_deadline(absl::ToChronoTime(absl::Now() + kRpcDeadline));
  call->request.set_image_id("img-ubuntu-22-04");
  testing_util::Notification done;
  grpc::Status result;
  absl::Time start = absl::Now();
  absl::Time finished;
  stubs_->images->async()->Get(&call->context, &call->request, &call->response,
                               [&, call](grpc::Status s) {
                                 delete call;
                                 result = s;
                                 finished = absl::Now();
                                 done.Notify();
                               });
  // Another method of the same service answers while Get is held back.
  api::ListDesktopImagesRequest list;
  list.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  api::ListDesktopImagesResponse response;
  ASSERT_TRUE(stubs_->images->List(Ctx().get(), list, &response).ok());
  EXPECT_FALSE(done.HasBeenNotified());

  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(20)));
  EXPECT_TRUE(result.ok()) << result.error_message();
  EXPECT_GE(finished - start, absl::Seconds(2));
}

TEST_F(FaultsTest, LatencyHoldsNoThread) {
  // 200 calls each delayed by 300ms finish together, not one after another.
  emu_->SetFaults(Spec("DesktopImageService.Get:latency=300ms"));
  constexpr int kCalls = 200;
  std::atomic<int> ok{0}, finished{0};
  testing_util::Notification all_done;
  // Per-call state is freed in the callback before anything is signalled,
  // so no test thread tears things down while gRPC still uses them.
  struct Call {
    grpc::ClientContext context;
    api::GetDesktopImageRequest request;
    api::DesktopImage response;
  };
  absl::Time start = absl::Now();
  for (int i = 0; i < kCalls; ++i) {
    auto* call = new Call;
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + kRpcDeadline));
    call->request.set_image_id("img-ubuntu-22-04");
    stubs_->images->async()->Get(&call->context, &call->request,
                                 &call->response, [&, call](grpc::Status s) {
                                   delete call;
                                   if (s.ok()) ++ok;
                                   if (++finished == kCalls) all_done.Notify();
                                 });
  }
  ASSERT_TRUE(all_done.WaitForNotificationWithTimeout(absl::Seconds(20)));
  EXPECT_EQ(ok.load(), kCalls);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST_F(FaultsTest, ErrorSharesOfOneAlwaysFail) {
  for (const auto& [name, code] : std::map<std::string, grpc::StatusCode>{
           {"unavailable", grpc::StatusCode::UNAVAILABLE},
           {"resource_exhausted", grpc::StatusCode::RESOURCE_EXHAUSTED},
           {"internal", grpc::StatusCode::INTERNAL}}) {
    emu_->SetFaults(Spec("DesktopImageService.Get:" + name + "=1"));
    api::GetDesktopImageRequest request;
    request.set_image_id("img-ubuntu-22-04");
    api::DesktopImage image;
    auto context = Ctx();
    grpc::Status status = stubs_->images->Get(context.get(), request, &image);
    EXPECT_EQ(status.error_code(), code) << name;
    // Injected failures look like real ones: they carry a request id too.
    EXPECT_EQ(context->GetServerInitialMetadata().count("x-request-id"), 1u)
        << name;
    EXPECT_THAT(status.error_message(), HasSubstr("injected fault")) << name;
    EXPECT_EQ(RpcStatusOf(status).code(), static_cast<int>(code)) << name;
  }
  emu_->SetFaults({});
  EXPECT_TRUE(GetImage().ok());
}

TEST_F(FaultsTest, ErrorSharesAreRoughlyHonoured) {
  emu_->SetFaults(Spec("*:unavailable=0.3"));
  int failures = 0;
  constexpr int kCalls = 400;
  for (int i = 0; i < kCalls; ++i) {
    grpc::Status status = GetImage();
    if (!status.ok()) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
      ++failures;
    }
  }
  // Binomial(400, 0.3): mean 120, sd ~9; the seed is fixed anyway.
  EXPECT_GT(failures, 70);
  EXPECT_LT(failures, 170);
}

TEST_F(FaultsTest, NotFoundForTheFirstPollsOfANewOperation) {
  emu_->SetFaults(Spec("OperationService.Get:not_found_polls=2"));
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id("f");
  copy.set_name("copy");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
  operation::Operation op;
  ASSERT_TRUE(stubs_->images->Copy(Ctx().get(), copy, &op).ok());
  operation::GetOperationRequest get;
  get.set_operation_id(op.id());
  operation::Operation polled;
  EXPECT_EQ(stubs_->operations->Get(Ctx().get(), get, &polled).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stubs_->operations->Get(Ctx().get(), get, &polled).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(stubs_->operations->Get(Ctx().get(), get, &polled).ok());
  EXPECT_EQ(polled.id(), op.id());
}

TEST_F(FaultsTest, OperationsFinishWithTheInjectedError) {
  emu_->SetFaults(
      Spec("DesktopGroupService.Create:op_error=RESOURCE_EXHAUSTED"));
  operation::Operation op;
  ASSERT_TRUE(
      stubs_->groups->Create(Ctx().get(), GroupRequest("doomed"), &op).ok());
  EXPECT_FALSE(op.done());
  op = WaitDone(op.id());
  ASSERT_EQ(op.result_case(), operation::Operation::kError);
  EXPECT_EQ(op.error().code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // The group that failed to be created is not left behind.
  api::CreateDesktopGroupMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  api::GetDesktopGroupRequest get;
  get.set_desktop_group_id(metadata.desktop_group_id());
  api::DesktopGroup group;
  EXPECT_EQ(stubs_->groups->Get(Ctx().get(), get, &group).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

class StartupFaultsTest : public EmulatorTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.faults = Spec("ApiEndpointService.List:unavailable=1");
    return options;
  }
};

TEST_F(StartupFaultsTest, OptionsFaultsApplyFromTheStart) {
  endpoint::ListApiEndpointsRequest request;
  endpoint::ListApiEndpointsResponse response;
  EXPECT_EQ(
      stubs_->endpoints->List(Ctx().get(), request, &response).error_code(),
      grpc::StatusCode::UNAVAILABLE);
}

TEST(FaultsShutdownTest, ShutdownReleasesCallsWaitingOnLatency) {
  clouddesktop::emulator::EmulatorOptions options = FastOptions();
  options.faults = Spec("DesktopImageService.Get:latency=1h");
  auto emu = clouddesktop::emulator::Emulator::Start(options);
  ASSERT_TRUE(emu.ok()) << emu.status();
  Stubs stubs(grpc::CreateChannel((*emu)->address(),
                                  grpc::InsecureChannelCredentials()));
  struct Call {
    grpc::ClientContext context;
    api::GetDesktopImageRequest request;
    api::DesktopImage image;
  };
  auto* call = new Call;
  call->context.set_deadline(absl::ToChronoTime(absl::Now() + kRpcDeadline));
  call->request.set_image_id("img-ubuntu-22-04");
  testing_util::Notification done;
  grpc::Status result;
  stubs.images->async()->Get(&call->context, &call->request, &call->image,
                             [&, call](grpc::Status s) {
                               delete call;
                               result = s;
                               done.Notify();
                             });
  // A call sent after it on the same connection and answered means the
  // server has taken the first one in (and parked it on its timer).
  api::ListDesktopImagesRequest list;
  list.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  api::ListDesktopImagesResponse listed;
  ASSERT_TRUE(stubs.images->List(Ctx().get(), list, &listed).ok());
  EXPECT_FALSE(done.HasBeenNotified());
  absl::Time start = absl::Now();
  (*emu)->Shutdown();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(result.error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace emulator_test
