// The emulator's timer thread: callbacks run in due order, can be
// cancelled, and are released (with shutting_down = true) on shutdown so
// that no call waits forever for a timer that will never fire.
#include "clouddesktop/emulator/internal/scheduler.h"

#include <atomic>
#include <vector>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "gtest/gtest.h"
#include "tests/testing_util/notification.h"

namespace {

using clouddesktop::emulator::internal::Scheduler;

TEST(SchedulerTest, RunsCallbacksInDueOrder) {
  Scheduler scheduler;
  clouddesktop::internal::Mutex mu;
  std::vector<int> order;
  testing_util::Notification done;
  absl::Time now = absl::Now();
  auto record = [&](int n) {
    return [&, n](bool shutting_down) {
      EXPECT_FALSE(shutting_down);
      clouddesktop::internal::MutexLock lock(&mu);
      order.push_back(n);
      if (order.size() == 3) done.Notify();
    };
  };
  scheduler.RunAt(now + absl::Milliseconds(60), record(3));
  scheduler.RunAt(now + absl::Milliseconds(20), record(1));
  scheduler.RunAt(now + absl::Milliseconds(40), record(2));
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  clouddesktop::internal::MutexLock lock(&mu);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(SchedulerTest, DoesNotRunEarly) {
  Scheduler scheduler;
  testing_util::Notification done;
  absl::Time start = absl::Now();
  absl::Time ran;
  scheduler.RunAfter(absl::Milliseconds(50), [&](bool) {
    ran = absl::Now();
    done.Notify();
  });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_GE(ran - start, absl::Milliseconds(50));
}

TEST(SchedulerTest, CancelledCallbackNeverRuns) {
  Scheduler scheduler;
  std::atomic<bool> ran{false};
  Scheduler::TaskId id =
      scheduler.RunAfter(absl::Milliseconds(30), [&](bool) { ran = true; });
  EXPECT_TRUE(scheduler.Cancel(id));
  EXPECT_FALSE(scheduler.Cancel(id));
  testing_util::Notification later;
  scheduler.RunAfter(absl::Milliseconds(60), [&](bool) { later.Notify(); });
  ASSERT_TRUE(later.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_FALSE(ran);
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(SchedulerTest, ShutdownReleasesPendingCallbacksAndLaterOnes) {
  Scheduler scheduler;
  int released = 0;
  for (int i = 0; i < 3; ++i) {
    scheduler.RunAfter(absl::Hours(1), [&](bool shutting_down) {
      EXPECT_TRUE(shutting_down);
      ++released;
    });
  }
  scheduler.Shutdown();
  EXPECT_EQ(released, 3);
  bool inline_run = false;
  EXPECT_EQ(scheduler.RunAfter(
                absl::Hours(1),
                [&](bool shutting_down) { inline_run = shutting_down; }),
            0u);
  EXPECT_TRUE(inline_run);
  scheduler.Shutdown();  // idempotent
}

TEST(SchedulerTest, CallbacksMayScheduleMoreWork) {
  Scheduler scheduler;
  testing_util::Notification done;
  scheduler.RunAfter(absl::Milliseconds(1), [&](bool) {
    scheduler.RunAfter(absl::Milliseconds(1), [&](bool) { done.Notify(); });
  });
  EXPECT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
}

}  // namespace
