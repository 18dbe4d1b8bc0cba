// How a user unit-tests their own code with the mocks: no server, no
// threads, no network. `StopIdleDesktop` stands for the user's code.
#include <memory>
#include <string>

#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_connection.h"
#include "clouddesktop/desktop_image_connection.h"
#include "clouddesktop/mocks/mock_desktop_connection.h"
#include "clouddesktop/mocks/mock_operation_connection.h"
#include "clouddesktop/operation_connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

namespace cd = ::clouddesktop;
using ::testing::_;
using ::testing::ByMove;
using ::testing::Return;

// --- The user's code under test. ---
// Stops a desktop if it is ACTIVE and waits until it is STOPPED.
absl::StatusOr<std::string> StopIdleDesktop(const cd::DesktopClient& client,
                                            const std::string& id) {
  cd::api::GetDesktopRequest get;
  get.set_desktop_id(id);
  auto desktop = client.GetDesktop(get);
  if (!desktop.ok()) return desktop.status();
  if (desktop->status() != cd::api::Desktop::ACTIVE) return "left alone";
  cd::api::StopRequest stop;
  stop.set_desktop_id(id);
  auto op = client.StopDesktop(stop);
  if (!op.ok()) return op.status();
  auto stopped = op->Await();
  if (!stopped.ok()) return stopped.status();
  return "stopped " + stopped->id();
}

// --- The user's test. ---
template <typename T>
cd::Future<absl::StatusOr<T>> Ready(T value) {
  return cd::MakeReadyFuture(absl::StatusOr<T>(std::move(value)));
}

TEST(MocksTest, StopsAnActiveDesktop) {
  auto desktops = std::make_shared<cd::mocks::MockDesktopConnection>();
  auto operations = std::make_shared<cd::mocks::MockOperationConnection>();

  cd::api::Desktop active;
  active.set_id("d-1");
  active.set_status(cd::api::Desktop::ACTIVE);
  EXPECT_CALL(*desktops, GetDesktop(_, _))
      .WillOnce(
          [&](const cd::api::GetDesktopRequest& r, const cd::CallOptions&) {
            EXPECT_EQ(r.desktop_id(), "d-1");
            return Ready(active);
          });

  yandex::cloud::operation::Operation running;
  running.set_id("op-1");
  cd::api::StopDesktopMetadata metadata;
  metadata.set_desktop_id("d-1");
  running.mutable_metadata()->PackFrom(metadata);
  EXPECT_CALL(*desktops, StopDesktop(_, _))
      .WillOnce(Return(ByMove(Ready(running))));

  yandex::cloud::operation::Operation done = running;
  done.set_done(true);
  cd::api::Desktop stopped = active;
  stopped.set_status(cd::api::Desktop::STOPPED);
  done.mutable_response()->PackFrom(stopped);
  EXPECT_CALL(*operations, AwaitOperation(_, _))
      .WillOnce([&](const yandex::cloud::operation::Operation& op,
                    const cd::AwaitOptions&) {
        EXPECT_EQ(op.id(), "op-1");
        return Ready(done);
      });

  cd::DesktopClient client(desktops, operations);
  auto result = StopIdleDesktop(client, "d-1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, "stopped d-1");
}

TEST(MocksTest, ReportsTheServersError) {
  auto desktops = std::make_shared<cd::mocks::MockDesktopConnection>();
  EXPECT_CALL(*desktops, GetDesktop(_, _))
      .WillOnce(
          Return(ByMove(cd::MakeReadyFuture(absl::StatusOr<cd::api::Desktop>(
              absl::NotFoundError("no such desktop"))))));
  EXPECT_CALL(*desktops, StopDesktop(_, _)).Times(0);
  cd::DesktopClient client(desktops);
  EXPECT_EQ(StopIdleDesktop(client, "d-1").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(MocksTest, AFailedOperationSurfacesAsAStatus) {
  auto desktops = std::make_shared<cd::mocks::MockDesktopConnection>();
  auto operations = std::make_shared<cd::mocks::MockOperationConnection>();
  cd::api::Desktop active;
  active.set_status(cd::api::Desktop::ACTIVE);
  EXPECT_CALL(*desktops, GetDesktop).WillOnce(Return(ByMove(Ready(active))));
  yandex::cloud::operation::Operation op;
  op.set_id("op-2");
  EXPECT_CALL(*desktops, StopDesktop).WillOnce(Return(ByMove(Ready(op))));
  yandex::cloud::operation::Operation failed = op;
  failed.set_done(true);
  failed.mutable_error()->set_code(9);
  failed.mutable_error()->set_message("desktop is busy");
  EXPECT_CALL(*operations, AwaitOperation)
      .WillOnce(Return(ByMove(Ready(failed))));
  cd::DesktopClient client(desktops, operations);
  auto result = StopIdleDesktop(client, "d-2");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(result.status().message(),
            "operation op-2 failed: desktop is busy");
}

// A hand-written fake (no gmock) that overrides the one RPC the user's code
// calls. It compiles however many RPCs DesktopConnection grows, and the
// ones it leaves alone say which method is missing.
class OneMethodFake : public cd::DesktopConnection {
 public:
  cd::Future<absl::StatusOr<cd::api::Desktop>> GetDesktop(
      const cd::api::GetDesktopRequest& request,
      const cd::CallOptions&) override {
    cd::api::Desktop desktop;
    desktop.set_id(request.desktop_id());
    desktop.set_status(cd::api::Desktop::STOPPED);
    return Ready(desktop);
  }
};

TEST(ConnectionDefaultsTest, AFakeOverridingOneMethodWorks) {
  cd::DesktopClient client(
      std::make_shared<OneMethodFake>(),
      std::make_shared<cd::mocks::MockOperationConnection>());
  EXPECT_EQ(StopIdleDesktop(client, "d-7").value(), "left alone");
}

TEST(ConnectionDefaultsTest, TheOthersReturnUnimplementedNamingTheMethod) {
  OneMethodFake fake;
  auto stop = fake.StopDesktop(cd::api::StopRequest(), cd::CallOptions()).Get();
  ASSERT_FALSE(stop.ok());
  EXPECT_EQ(stop.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(std::string(stop.status().message()),
              ::testing::HasSubstr("DesktopConnection::StopDesktop"));
  auto list =
      fake.ListDesktops(cd::api::ListDesktopsRequest(), cd::CallOptions())
          .Get();
  EXPECT_EQ(list.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(std::string(list.status().message()),
              ::testing::HasSubstr("DesktopConnection::ListDesktops"));
}

// Every connection interface has the defaults, the waiter included.
TEST(ConnectionDefaultsTest, EveryConnectionHasDefaults) {
  struct Images : cd::DesktopImageConnection {};
  struct Groups : cd::DesktopGroupConnection {};
  struct Operations : cd::OperationConnection {};
  Images images;
  Groups groups;
  Operations operations;
  auto image =
      images
          .GetDesktopImage(cd::api::GetDesktopImageRequest(), cd::CallOptions())
          .Get();
  EXPECT_EQ(image.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(std::string(image.status().message()),
              ::testing::HasSubstr("DesktopImageConnection::GetDesktopImage"));
  auto group = groups
                   .SetAccessBindings(cd::access::SetAccessBindingsRequest(),
                                      cd::CallOptions())
                   .Get();
  EXPECT_THAT(
      std::string(group.status().message()),
      ::testing::HasSubstr("DesktopGroupConnection::SetAccessBindings"));
  auto wait = operations
                  .AwaitOperation(yandex::cloud::operation::Operation(),
                                  cd::AwaitOptions())
                  .Get();
  EXPECT_EQ(wait.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(std::string(wait.status().message()),
              ::testing::HasSubstr("OperationConnection::AwaitOperation"));
}

}  // namespace
