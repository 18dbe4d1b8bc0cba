// Future / Promise semantics: waiting, chaining, flattening, cancellation,
// where continuations run.
#include "clouddesktop/future.h"

#include <atomic>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/version.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

TEST(FutureTest, GetReturnsTheValueSetOnAnotherThread) {
  Promise<int> p;
  Future<int> f = p.GetFuture();
  EXPECT_FALSE(f.is_ready());
  std::thread t([&p] { p.SetValue(42); });
  EXPECT_EQ(f.Get(), 42);
  EXPECT_FALSE(f.valid());
  t.join();
}

TEST(FutureTest, WaitForTimesOutThenSucceeds) {
  Promise<std::string> p;
  Future<std::string> f = p.GetFuture();
  EXPECT_FALSE(f.WaitFor(absl::Milliseconds(1)));
  p.SetValue("x");
  EXPECT_TRUE(f.WaitFor(absl::ZeroDuration()));
  EXPECT_TRUE(f.is_ready());
  EXPECT_EQ(f.Get(), "x");
}

TEST(FutureTest, ThenOnReadyFutureRunsInline) {
  std::thread::id ran_on;
  Future<int> f = MakeReadyFuture(1).Then([&](int v) {
    ran_on = std::this_thread::get_id();
    return v + 1;
  });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(f.Get(), 2);
}

TEST(FutureTest, ThenRunsOnTheCompletingThread) {
  Promise<int> p;
  std::atomic<bool> ran{false};
  std::thread::id ran_on;
  Future<std::string> f = p.GetFuture().Then([&](int v) {
    ran_on = std::this_thread::get_id();
    ran = true;
    return std::to_string(v);
  });
  std::thread t([&p] { p.SetValue(7); });
  std::thread::id completer = t.get_id();
  EXPECT_EQ(f.Get(), "7");
  t.join();
  EXPECT_EQ(ran_on, completer);
}

TEST(FutureTest, ThenFlattensFutures) {
  Promise<int> inner;
  Future<int> inner_future = inner.GetFuture();
  Future<int> f =
      MakeReadyFuture(1).Then([&](int) { return std::move(inner_future); });
  EXPECT_FALSE(f.is_ready());
  inner.SetValue(5);
  EXPECT_EQ(f.Get(), 5);
}

TEST(FutureTest, VoidFutures) {
  int seen = 0;
  Future<void> f = MakeReadyFuture(3).Then([&](int v) { seen = v; });
  f.Get();
  EXPECT_EQ(seen, 3);
  Future<int> g = MakeReadyFuture().Then([] { return 9; });
  EXPECT_EQ(g.Get(), 9);
}

TEST(FutureTest, CancelRunsTheProducersHookOnce) {
  int cancels = 0;
  Promise<absl::StatusOr<int>> p([&] { ++cancels; });
  Future<absl::StatusOr<int>> f = p.GetFuture();
  f.Cancel();
  f.Cancel();
  // The hook runs once per Cancel call while unsatisfied; the producer
  // decides what to do (here: nothing until it sets the value).
  EXPECT_EQ(cancels, 2);
  p.SetValue(absl::CancelledError("stopped"));
  EXPECT_EQ(f.Get().status().code(), absl::StatusCode::kCancelled);
  f = MakeReadyFuture(absl::StatusOr<int>(1));
  f.Cancel();  // a no-op once ready
  EXPECT_EQ(*f.Get(), 1);
}

TEST(FutureTest, CancelPropagatesThroughThenToTheSource) {
  int cancels = 0;
  Promise<int> p([&] { ++cancels; });
  Future<int> f = p.GetFuture().Then([](int v) { return v * 2; });
  f.Cancel();
  EXPECT_EQ(cancels, 1);
  p.SetValue(2);
  EXPECT_EQ(f.Get(), 4);
}

TEST(FutureTest, CancelReachesAFlattenedInnerFuture) {
  int inner_cancels = 0;
  Promise<int> inner([&] { ++inner_cancels; });
  Future<int> inner_future = inner.GetFuture();
  Future<int> f =
      MakeReadyFuture(0).Then([&](int) { return std::move(inner_future); });
  f.Cancel();
  EXPECT_EQ(inner_cancels, 1);
  inner.SetValue(1);
  EXPECT_EQ(f.Get(), 1);
}

TEST(FutureTest, CancelBeforeTheHookIsKnownRunsItWhenSet) {
  Promise<int> p;
  Future<int> f = p.GetFuture();
  f.Cancel();
  int cancels = 0;
  p.SetCancel([&] { ++cancels; });
  EXPECT_EQ(cancels, 1);
  p.SetValue(1);
  EXPECT_EQ(f.Get(), 1);
}

TEST(FutureTest, AbandonedPromiseCompletesWithCancelled) {
  Future<absl::Status> f;
  {
    Promise<absl::Status> p;
    f = p.GetFuture();
  }
  EXPECT_EQ(f.Get().code(), absl::StatusCode::kCancelled);
}

TEST(FutureTest, ContinuationsCompletedFromCallbackThreadsGoToTheRunner) {
  auto executor = internal::Executor::Create(1);
  auto p = internal::FutureAccess::MakePromise<int>(executor);
  std::atomic<bool> on_worker{false};
  Future<int> f = p.GetFuture().Then([&](int v) {
    on_worker = executor->IsWorkerThread();
    return v;
  });
  {
    internal::CallbackThreadScope scope;  // pretend to be a gRPC thread
    p.SetValue(3);
  }
  EXPECT_EQ(f.Get(), 3);
  EXPECT_TRUE(on_worker);
  executor->Shutdown();
}

TEST(FutureTest, LibraryContinuationsMayRunOnCallbackThreads) {
  auto executor = internal::Executor::Create(1);
  auto p = internal::FutureAccess::MakePromise<int>(executor);
  std::thread::id ran_on;
  Future<int> f = internal::FutureAccess::ThenInline(p.GetFuture(), [&](int v) {
    ran_on = std::this_thread::get_id();
    return v;
  });
  {
    internal::CallbackThreadScope scope;
    p.SetValue(3);
  }
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(f.Get(), 3);
  executor->Shutdown();
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
