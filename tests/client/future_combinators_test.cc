// WhenAll / WhenAny: values in order, the winner and the others, what
// cancellation reaches, where continuations run, and races between
// completing threads (flake-check: --runs_per_test=200).
#include "clouddesktop/future_combinators.h"

#include <atomic>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::ElementsAre;

// A producer that counts the cancellations it receives and answers them
// with CANCELLED, as the library's calls do.
struct Producer {
  Producer()
      : promise([this] {
          ++cancels;
          promise.SetValue(absl::CancelledError("cancelled"));
        }) {}
  std::atomic<int> cancels{0};
  Promise<absl::StatusOr<int>> promise;
};

TEST(WhenAllTest, ValuesInTheOrderGivenWhateverTheCompletionOrder) {
  std::vector<Promise<int>> promises(4);
  std::vector<Future<int>> futures;
  for (auto& p : promises) futures.push_back(p.GetFuture());
  Future<std::vector<int>> all = WhenAll(std::move(futures));
  promises[3].SetValue(3);
  promises[1].SetValue(1);
  promises[0].SetValue(0);
  EXPECT_FALSE(all.is_ready());  // one is missing
  promises[2].SetValue(2);
  ASSERT_TRUE(all.is_ready());
  EXPECT_THAT(all.Get(), ElementsAre(0, 1, 2, 3));
}

TEST(WhenAllTest, EmptyIsReady) {
  Future<std::vector<int>> all = WhenAll(std::vector<Future<int>>{});
  ASSERT_TRUE(all.is_ready());
  EXPECT_TRUE(all.Get().empty());
}

TEST(WhenAllTest, AnErrorDoesNotEndTheWait) {
  Promise<absl::StatusOr<int>> ok;
  Promise<absl::StatusOr<int>> failed;
  std::vector<Future<absl::StatusOr<int>>> futures;
  futures.push_back(ok.GetFuture());
  futures.push_back(failed.GetFuture());
  auto all = WhenAll(std::move(futures));
  failed.SetValue(absl::NotFoundError("gone"));
  EXPECT_FALSE(all.is_ready());
  ok.SetValue(7);
  auto values = all.Get();
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(*values[0], 7);
  EXPECT_EQ(values[1].status().code(), absl::StatusCode::kNotFound);
}

TEST(WhenAllTest, VariadicKeepsEachType) {
  Promise<int> a;
  Promise<std::string> b;
  Future<std::tuple<int, std::string>> all =
      WhenAll(a.GetFuture(), b.GetFuture());
  b.SetValue("b");
  EXPECT_FALSE(all.is_ready());
  a.SetValue(1);
  EXPECT_EQ(all.Get(), std::make_tuple(1, std::string("b")));
}

TEST(WhenAllTest, CancelReachesEveryUnfinishedInputOnly) {
  Producer done, pending1, pending2;
  std::vector<Future<absl::StatusOr<int>>> futures;
  futures.push_back(done.promise.GetFuture());
  futures.push_back(pending1.promise.GetFuture());
  futures.push_back(pending2.promise.GetFuture());
  auto all = WhenAll(std::move(futures));
  done.promise.SetValue(1);
  all.Cancel();
  EXPECT_EQ(done.cancels, 0);
  EXPECT_EQ(pending1.cancels, 1);
  EXPECT_EQ(pending2.cancels, 1);
  // The combined future completes with what the inputs ended with.
  auto values = all.Get();
  EXPECT_EQ(*values[0], 1);
  EXPECT_EQ(values[1].status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(values[2].status().code(), absl::StatusCode::kCancelled);
}

TEST(WhenAllTest, VariadicCancelReachesTheInputs) {
  Producer a, b;
  auto all = WhenAll(a.promise.GetFuture(), b.promise.GetFuture());
  all.Cancel();
  EXPECT_EQ(a.cancels, 1);
  EXPECT_EQ(b.cancels, 1);
  auto [x, y] = all.Get();
  EXPECT_EQ(x.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(y.status().code(), absl::StatusCode::kCancelled);
}

TEST(WhenAnyTest, TheFirstWinsAndTheOthersStayUsable) {
  Producer p0, p1, p2;
  std::vector<Future<absl::StatusOr<int>>> futures;
  futures.push_back(p0.promise.GetFuture());
  futures.push_back(p1.promise.GetFuture());
  futures.push_back(p2.promise.GetFuture());
  auto any = WhenAny(std::move(futures));
  EXPECT_FALSE(any.is_ready());
  p2.promise.SetValue(2);
  ASSERT_TRUE(any.is_ready());
  auto result = any.Get();
  EXPECT_EQ(result.index, 2u);
  ASSERT_EQ(result.futures.size(), 3u);
  EXPECT_TRUE(result.futures[2].is_ready());
  EXPECT_EQ(*result.futures[2].Get(), 2);
  // The losers were not cancelled: they finish and can be waited on.
  EXPECT_EQ(p0.cancels + p1.cancels, 0);
  EXPECT_FALSE(result.futures[0].is_ready());
  p0.promise.SetValue(10);
  EXPECT_EQ(*result.futures[0].Get(), 10);
  // ... or cancelled through the result.
  result.futures[1].Cancel();
  EXPECT_EQ(p1.cancels, 1);
  EXPECT_EQ(result.futures[1].Get().status().code(),
            absl::StatusCode::kCancelled);
}

TEST(WhenAnyTest, CancelReachesEveryInput) {
  Producer p0, p1;
  std::vector<Future<absl::StatusOr<int>>> futures;
  futures.push_back(p0.promise.GetFuture());
  futures.push_back(p1.promise.GetFuture());
  auto any = WhenAny(std::move(futures));
  any.Cancel();
  EXPECT_EQ(p0.cancels, 1);
  EXPECT_EQ(p1.cancels, 1);
  auto result = any.Get();  // completes with the first CANCELLED input
  EXPECT_EQ(result.index, 0u);
  EXPECT_EQ(result.futures[0].Get().status().code(),
            absl::StatusCode::kCancelled);
}

TEST(WhenAnyTest, EmptyIsReadyWithNoIndex) {
  auto any = WhenAny(std::vector<Future<int>>{});
  ASSERT_TRUE(any.is_ready());
  auto result = any.Get();
  EXPECT_EQ(result.index, static_cast<std::size_t>(-1));
  EXPECT_TRUE(result.futures.empty());
}

TEST(WhenAnyTest, VariadicGivesTheIndexAndEveryFuture) {
  Promise<int> a;
  Producer b;
  auto any = WhenAny(a.GetFuture(), b.promise.GetFuture());
  a.SetValue(5);
  auto result = any.Get();
  EXPECT_EQ(result.index, 0u);
  EXPECT_EQ(std::get<0>(result.futures).Get(), 5);
  std::get<1>(result.futures).Cancel();
  EXPECT_EQ(b.cancels, 1);
}

TEST(CombinatorsTest, ContinuationsCompletedFromCallbackThreadsGoToTheRunner) {
  auto executor = internal::Executor::Create(1);
  auto p = internal::FutureAccess::MakePromise<int>(executor);
  auto q = internal::FutureAccess::MakePromise<int>(executor);
  std::atomic<bool> all_on_worker{false};
  std::atomic<bool> any_on_worker{false};
  std::vector<Future<int>> one;
  one.push_back(p.GetFuture());
  auto all = WhenAll(std::move(one)).Then([&](std::vector<int> v) {
    all_on_worker = executor->IsWorkerThread();
    return v.size();
  });
  auto any = WhenAny(q.GetFuture()).Then([&](auto r) {
    any_on_worker = executor->IsWorkerThread();
    return r.index;
  });
  {
    internal::CallbackThreadScope scope;  // pretend to be a gRPC thread
    p.SetValue(1);
    q.SetValue(2);
  }
  EXPECT_EQ(all.Get(), 1u);
  EXPECT_EQ(any.Get(), 0u);
  EXPECT_TRUE(all_on_worker);
  EXPECT_TRUE(any_on_worker);
  executor->Shutdown();
}

// Inputs completed by racing threads: WhenAll sees every value once, WhenAny
// exactly one winner whose future is ready; a Cancel racing the
// completions is harmless.
TEST(CombinatorsTest, RacingCompletions) {
  constexpr int kInputs = 8;
  for (int round = 0; round < 20; ++round) {
    std::vector<Promise<int>> all_p(kInputs), any_p(kInputs);
    std::vector<Future<int>> all_f, any_f;
    for (int i = 0; i < kInputs; ++i) {
      all_f.push_back(all_p[i].GetFuture());
      any_f.push_back(any_p[i].GetFuture());
    }
    auto all = WhenAll(std::move(all_f));
    auto any = WhenAny(std::move(any_f));
    std::vector<std::thread> threads;
    for (int i = 0; i < kInputs; ++i) {
      threads.emplace_back([&, i] {
        any_p[i].SetValue(i);
        all_p[i].SetValue(i * 10);
      });
    }
    // Races the completions (from this thread: a Future object has one
    // user); the values are set anyway.
    all.Cancel();
    std::vector<int> values = all.Get();
    auto winner = any.Get();
    for (auto& t : threads) t.join();
    ASSERT_EQ(values.size(), static_cast<std::size_t>(kInputs));
    for (int i = 0; i < kInputs; ++i) EXPECT_EQ(values[i], i * 10);
    ASSERT_LT(winner.index, static_cast<std::size_t>(kInputs));
    EXPECT_EQ(winner.futures[winner.index].Get(),
              static_cast<int>(winner.index));
    for (int i = 0; i < kInputs; ++i) {
      if (static_cast<std::size_t>(i) == winner.index) continue;
      EXPECT_EQ(winner.futures[i].Get(), i);
    }
  }
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
