// The emulator's timer thread: callbacks run in due order, can be
// cancelled, and are released (with shutting_down = true) on shutdown so
// that no call waits forever for a timer that will never fire.
#include "clouddesktop/emulator/internal/scheduler.h"

#include <atomic>
#include <mutex>
#include <vector>

#include "absl/time/clock.h"
#include "event.h"
#include "gtest/gtest.h"

namespace {

using clouddesktop::emulator::internal::Scheduler;
using emulator_test::Event;

TEST(SchedulerTest, RunsCallbacksInDueOrder) {
  Scheduler scheduler;
  std::mutex mu;
  std::vector<int> order;
  Event done;
  absl::Time now = absl::Now();
  auto record = [&](int n) {
    return [&, n](bool shutting_down) {
      EXPECT_FALSE(shutting_down);
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(n);
      if (order.size() == 3) done.Notify();
    };
  };
  scheduler.RunAt(now + absl::Milliseconds(60), record(3));
  scheduler.RunAt(now + absl::Milliseconds(20), record(1));
  scheduler.RunAt(now + absl::Milliseconds(40), record(2));
  ASSERT_TRUE(done.WaitFor(absl::Seconds(10)));
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(SchedulerTest, DoesNotRunEarly) {
  Scheduler scheduler;
  Event done;
  absl::Time start = absl::Now();
  absl::Time ran;
  scheduler.RunAfter(absl::Milliseconds(50), [&](bool) {
    ran = absl::Now();
    done.Notify();
  });
  ASSERT_TRUE(done.WaitFor(absl::Seconds(10)));
  EXPECT_GE(ran - start, absl::Milliseconds(50));
}

TEST(SchedulerTest, CancelledCallbackNeverRuns) {
  Scheduler scheduler;
  std::atomic<bool> ran{false};
  Scheduler::TaskId id =
      scheduler.RunAfter(absl::Milliseconds(30), [&](bool) { ran = true; });
  EXPECT_TRUE(scheduler.Cancel(id));
  EXPECT_FALSE(scheduler.Cancel(id));
  Event later;
  scheduler.RunAfter(absl::Milliseconds(60), [&](bool) { later.Notify(); });
  ASSERT_TRUE(later.WaitFor(absl::Seconds(10)));
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
  Event done;
  scheduler.RunAfter(absl::Milliseconds(1), [&](bool) {
    scheduler.RunAfter(absl::Milliseconds(1), [&](bool) { done.Notify(); });
  });
  EXPECT_TRUE(done.WaitFor(absl::Seconds(10)));
}

}  // namespace
