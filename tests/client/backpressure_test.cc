// The connection's bound on RPCs in flight (ConnectionOptions::
// max_rpcs_in_flight): calls beyond it queue in order as their request
// alone, their deadlines still counting, cancellable, and cancelled when
// the connection goes.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop_test::FakeCloud;
using ::clouddesktop_test::Reply;
using ::testing::HasSubstr;

using DesktopFuture = Future<absl::StatusOr<api::Desktop>>;

api::Desktop MakeDesktop(const std::string& id) {
  api::Desktop d;
  d.set_id(id);
  return d;
}

Reply Answer(const std::string& id, absl::Duration delay) {
  Reply r = Reply::Ok(MakeDesktop(id));
  r.delay = delay;
  return r;
}

class BackpressureTest : public ::testing::Test {
 protected:
  void Connect(int limit) {
    ConnectionOptions options = fake_.Options();
    options.max_rpcs_in_flight = limit;
    options.validate_requests = false;
    connections_ = MakeConnections(options);
  }

  DesktopFuture Get(int i, absl::Duration timeout = absl::ZeroDuration()) {
    api::GetDesktopRequest request;
    request.set_desktop_id(absl::StrCat("d-", i));
    CallOptions options;
    options.timeout = timeout;
    return DesktopClient(connections_).GetDesktopAsync(request, options);
  }

  std::vector<std::string> SeenIds() const {
    std::vector<std::string> ids;
    for (const auto& seen : fake_.Calls("DesktopService.Get")) {
      ids.push_back(static_cast<const api::GetDesktopRequest&>(*seen.request)
                        .desktop_id());
    }
    return ids;
  }

  FakeCloud fake_;
  Connections connections_;
};

TEST_F(BackpressureTest, DefaultIsDocumented) {
  EXPECT_EQ(ConnectionOptions().max_rpcs_in_flight, 100);
}

// One slot: the server sees the calls one at a time, in the order they
// were made, each only after the previous one was answered.
TEST_F(BackpressureTest, QueuedCallsGoOutInOrder) {
  Connect(1);
  fake_.Script("DesktopService.Get", {Answer("d-0", absl::Milliseconds(200)),
                                      Answer("d-1", absl::Milliseconds(20)),
                                      Answer("d-2", absl::Milliseconds(20)),
                                      Answer("d-3", absl::Milliseconds(20)),
                                      Answer("d-4", absl::Milliseconds(20)),
                                      Answer("d-5", absl::Milliseconds(20))});
  std::vector<DesktopFuture> futures;
  for (int i = 0; i < 6; ++i) futures.push_back(Get(i));
  for (auto& f : futures) {
    auto desktop = f.Get();
    EXPECT_TRUE(desktop.ok()) << desktop.status();
  }
  EXPECT_EQ(SeenIds(), (std::vector<std::string>{"d-0", "d-1", "d-2", "d-3",
                                                 "d-4", "d-5"}));
  auto calls = fake_.Calls("DesktopService.Get");
  ASSERT_EQ(calls.size(), 6u);
  for (size_t i = 1; i < calls.size(); ++i) {
    // Each arrived after the one before it had been answered.
    EXPECT_GE(calls[i].at - calls[i - 1].at, absl::Milliseconds(15)) << i;
  }
  EXPECT_GE(calls[1].at - calls[0].at, absl::Milliseconds(190));
}

// Never more than the bound in flight at the server.
TEST_F(BackpressureTest, NeverMoreThanTheBoundInFlight) {
  Connect(3);
  fake_.SetDefault("DesktopService.Get", Answer("d", absl::Milliseconds(30)));
  std::vector<DesktopFuture> futures;
  for (int i = 0; i < 30; ++i) futures.push_back(Get(i));
  int most = 0;
  while (fake_.CallCount("DesktopService.Get") < 30) {
    most = std::max(most, fake_.Pending());
    absl::SleepFor(absl::Milliseconds(2));
  }
  for (auto& f : futures) EXPECT_TRUE(f.Get().ok());
  EXPECT_LE(most, 3);
  EXPECT_GE(most, 1);
}

// A queued call's deadline counts in the queue: it fails with
// DEADLINE_EXCEEDED naming the method and its request id, and is never
// sent.
TEST_F(BackpressureTest, DeadlineInTheQueue) {
  Connect(1);
  fake_.Script("DesktopService.Get", {Reply::Hang()});
  DesktopFuture blocker = Get(0, absl::Seconds(3));
  ASSERT_TRUE(fake_.WaitForCalls("DesktopService.Get", 1));
  absl::Time start = absl::Now();
  auto queued = Get(1, absl::Milliseconds(300)).Get();
  absl::Duration waited = absl::Now() - start;
  ASSERT_EQ(queued.status().code(), absl::StatusCode::kDeadlineExceeded)
      << queued.status();
  EXPECT_THAT(queued.status().message(), HasSubstr("DesktopService.Get"));
  EXPECT_THAT(queued.status().message(), HasSubstr("x-client-request-id="));
  EXPECT_THAT(queued.status().message(), HasSubstr("never sent"));
  EXPECT_GE(waited, absl::Milliseconds(250));
  EXPECT_LT(waited, absl::Seconds(2));  // not after the blocker
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
  blocker.Cancel();
  EXPECT_EQ(blocker.Get().status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

// Cancelling a queued call takes it out of the queue: CANCELLED at once,
// never sent, and the calls behind it keep their turn.
TEST_F(BackpressureTest, CancelInTheQueue) {
  Connect(1);
  fake_.Script("DesktopService.Get", {Answer("d-0", absl::Milliseconds(300)),
                                      Answer("d-2", absl::ZeroDuration())});
  DesktopFuture first = Get(0);
  ASSERT_TRUE(fake_.WaitForCalls("DesktopService.Get", 1));
  DesktopFuture second = Get(1);
  DesktopFuture third = Get(2);
  second.Cancel();
  auto cancelled = second.Get();
  EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(cancelled.status().message(), HasSubstr("DesktopService.Get"));
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);  // first still runs
  EXPECT_TRUE(first.Get().ok());
  auto last = third.Get();
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(last->id(), "d-2");
  EXPECT_EQ(SeenIds(), (std::vector<std::string>{"d-0", "d-2"}));
}

// Destroying the connection with calls queued: every one completes with
// CANCELLED before the destructor returns (no callback after it), none of
// the queued ones is sent.
TEST_F(BackpressureTest, DestroyedWithANonEmptyQueue) {
  Connect(1);
  fake_.Script("DesktopService.Get", {Reply::Hang()});
  std::vector<DesktopFuture> futures;
  futures.push_back(Get(0, absl::Seconds(20)));
  ASSERT_TRUE(fake_.WaitForCalls("DesktopService.Get", 1));
  for (int i = 1; i < 20; ++i) futures.push_back(Get(i, absl::Seconds(20)));
  absl::Time start = absl::Now();
  connections_ = Connections();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  for (auto& f : futures) {
    ASSERT_TRUE(f.is_ready());
    auto result = f.Get();
    EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled)
        << result.status();
    EXPECT_THAT(result.status().message(),
                HasSubstr("the connection was destroyed"));
  }
  EXPECT_EQ(fake_.CallCount("DesktopService.Get"), 1);
}

// Many waits over few slots: every one completes; the polls queue.
TEST_F(BackpressureTest, ManyWaitsOverTwoSlots) {
  Connect(2);
  fake_.SetOperationHandler([](const std::string& id, int poll) {
    return Reply::Ok(clouddesktop_test::MakeOperation(id, poll >= 3));
  });
  std::vector<Future<absl::StatusOr<operation::Operation>>> waits;
  OperationClient client(connections_);
  for (int i = 0; i < 200; ++i) {
    waits.push_back(client.AwaitOperationAsync(
        clouddesktop_test::MakeOperation(absl::StrCat("op-", i), false)));
  }
  for (auto& w : waits) {
    auto op = w.Get();
    ASSERT_TRUE(op.ok()) << op.status();
    EXPECT_TRUE(op->done());
  }
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 600);
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
