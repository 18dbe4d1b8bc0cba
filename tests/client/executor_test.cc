// The executor: fixed threads, timers in order, cancellation, shutdown.
#include "clouddesktop/internal/executor.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/simulated_clock.h"
#include "clouddesktop/version.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"
#include "tests/testing_util/notification.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

TEST(ExecutorTest, RunsPostedTasksOnItsThreads) {
  auto executor = Executor::Create(2);
  internal::Mutex mu;
  std::set<std::thread::id> threads;
  std::atomic<int> done{0};
  for (int i = 0; i < 100; ++i) {
    executor->Post([&] {
      {
        internal::MutexLock lock(&mu);
        threads.insert(std::this_thread::get_id());
      }
      ++done;
    });
  }
  executor->Shutdown();  // drains first
  EXPECT_EQ(done, 100);
  EXPECT_LE(threads.size(), 2u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);
}

TEST(ExecutorTest, TimersFireNoEarlierThanAsked) {
  auto executor = Executor::Create(1);
  absl::Time start = absl::Now();
  std::atomic<int64_t> fired_after_ms{-1};
  testing_util::Notification done;
  executor->ScheduleAt(start + absl::Milliseconds(30), [&](bool fired) {
    EXPECT_TRUE(fired);
    fired_after_ms = absl::ToInt64Milliseconds(absl::Now() - start);
    done.Notify();
  });
  done.WaitForNotification();
  EXPECT_GE(fired_after_ms, 30);
  executor->Shutdown();
}

TEST(ExecutorTest, TimersFireInDeadlineOrder) {
  auto executor = Executor::Create(1);
  internal::Mutex mu;
  std::vector<int> order;
  absl::Time base = absl::Now() + absl::Milliseconds(20);
  std::atomic<int> left{5};
  testing_util::Notification done;
  for (int i : {4, 1, 3, 0, 2}) {
    executor->ScheduleAt(base + absl::Milliseconds(i), [&, i](bool) {
      {
        internal::MutexLock lock(&mu);
        order.push_back(i);
      }
      if (--left == 0) done.Notify();
    });
  }
  done.WaitForNotification();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  executor->Shutdown();
}

TEST(ExecutorTest, CancelledTimerFiresAtOnceWithFalse) {
  auto executor = Executor::Create(1);
  testing_util::Notification done;
  std::atomic<bool> fired{true};
  auto id = executor->ScheduleAt(absl::Now() + absl::Hours(1), [&](bool f) {
    fired = f;
    done.Notify();
  });
  executor->CancelTimer(id);
  done.WaitForNotification();
  EXPECT_FALSE(fired);
  executor->Shutdown();
}

TEST(ExecutorTest, TenThousandTimersNeedNoThreads) {
  auto executor = Executor::Create(2);
  int before = clouddesktop_test::ThreadCount();
  std::atomic<int> fired{0};
  testing_util::Notification done;
  constexpr int kTimers = 10000;
  absl::Time base = absl::Now() + absl::Milliseconds(50);
  for (int i = 0; i < kTimers; ++i) {
    executor->ScheduleAt(base + absl::Microseconds(i % 1000), [&](bool f) {
      EXPECT_TRUE(f);
      if (++fired == kTimers) done.Notify();
    });
  }
  EXPECT_EQ(clouddesktop_test::ThreadCount(), before);
  done.WaitForNotification();
  EXPECT_EQ(executor->pending_timers(), 0u);
  executor->Shutdown();
}

TEST(ExecutorTest, ShutdownFiresPendingTimersWithFalseAndJoins) {
  auto executor = Executor::Create(2);
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 10; ++i) {
    executor->ScheduleAt(absl::Now() + absl::Hours(1), [&](bool f) {
      if (!f) ++cancelled;
    });
  }
  int threads = clouddesktop_test::ThreadCount();
  executor->Shutdown();
  EXPECT_EQ(cancelled, 10);
  EXPECT_EQ(clouddesktop_test::ThreadCount(), threads - 2);
  // After shutdown: timers fire (false) and tasks run, inline.
  bool ran = false;
  executor->Post([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(ExecutorTest, ShutdownWaitsForPendingWork) {
  auto executor = Executor::Create(1);
  executor->AddPendingWork();
  std::atomic<bool> posted_ran{false};
  std::thread outside([&] {
    absl::SleepFor(absl::Milliseconds(20));
    executor->Post([&] { posted_ran = true; });
    executor->RemovePendingWork();
  });
  executor->Shutdown();
  EXPECT_TRUE(posted_ran);
  outside.join();
}

TEST(ExecutorTest, ShutdownFromAWorkerDrainsAndDetaches) {
  auto executor = Executor::Create(1);
  std::atomic<int> ran{0};
  testing_util::Notification done;
  executor->Post([&] {
    executor->Post([&] { ++ran; });
    executor->Shutdown();  // inside a task: drains here, no self-join
    ++ran;
    done.Notify();
  });
  done.WaitForNotification();
  EXPECT_EQ(ran, 2);
}

// Virtual time: an idle executor on a SimulatedClock moves the clock to its
// next timer, so an hour-long timer fires at once, in order, and the clock
// says an hour passed.
TEST(ExecutorTest, OnASimulatedClockIdleTimeJumpsToTheNextTimer) {
  auto clock = std::make_shared<SimulatedClock>();
  auto executor = Executor::Create(2, clock);
  const absl::Time start = clock->Now();
  Mutex mu;
  std::vector<int> order;
  testing_util::Notification done;
  // A thread outside the executor holds time still while it schedules
  // (otherwise the first timer may fire before the others exist).
  executor->AddPendingWork();
  for (int i : {3, 1, 2}) {
    executor->ScheduleAt(start + absl::Hours(i), [&, i](bool fired) {
      EXPECT_TRUE(fired);
      EXPECT_GE(clock->Now(), start + absl::Hours(i));
      MutexLock lock(&mu);
      order.push_back(i);
      if (order.size() == 3) done.Notify();
    });
  }
  executor->RemovePendingWork();
  done.WaitForNotification();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(clock->Now(), start + absl::Hours(3));
  executor->Shutdown();
}

// While work is pending (an RPC in flight), simulated time stands still:
// the RPC's answer comes before any later timer.
TEST(ExecutorTest, OnASimulatedClockPendingWorkHoldsTimeStill) {
  auto clock = std::make_shared<SimulatedClock>();
  auto executor = Executor::Create(1, clock);
  const absl::Time start = clock->Now();
  std::atomic<bool> fired{false};
  testing_util::Notification done;
  executor->AddPendingWork();
  executor->ScheduleAt(start + absl::Minutes(1), [&](bool f) {
    fired = f;
    done.Notify();
  });
  absl::SleepFor(absl::Milliseconds(20));  // real time passes; virtual not
  EXPECT_FALSE(fired.load());
  EXPECT_EQ(clock->Now(), start);
  executor->RemovePendingWork();  // idle now: the timer is next
  done.WaitForNotification();
  EXPECT_TRUE(fired.load());
  EXPECT_EQ(clock->Now(), start + absl::Minutes(1));
  executor->Shutdown();
}

}  // namespace
}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
