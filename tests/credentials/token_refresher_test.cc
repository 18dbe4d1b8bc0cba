// The caching refresher under a fake clock and a fake token source whose
// fetches the test completes by hand: refresh ahead of expiry, one fetch
// shared by concurrent callers, failures and backoff, the UNAUTHENTICATED
// hook, shutdown.

#include "clouddesktop/credentials/internal/token_refresher.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/test_util.h"

namespace credentials_test {
namespace {

using ::clouddesktop::Future;
using ::clouddesktop::RefreshPolicy;
using ::clouddesktop::internal::FetchedToken;
using ::clouddesktop::internal::TokenFetcher;
using ::clouddesktop::internal::TokenRefresher;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

using TokenFuture = Future<absl::StatusOr<std::string>>;

constexpr absl::Duration kWait = absl::Seconds(30);  // only if broken

// The far side of a FakeFetcher: counts fetches, holds them until the test
// completes them (or, in auto mode, answers at once with a new token).
class FakeSource {
 public:
  explicit FakeSource(std::shared_ptr<FakeClock> clock)
      : clock_(std::move(clock)) {}

  std::unique_ptr<TokenFetcher> MakeFetcher();

  // Auto mode: every fetch succeeds at once with "auto-<n>", valid 1h.
  void set_auto(bool on) {
    clouddesktop::internal::MutexLock lock(&mu_);
    auto_ = on;
  }

  int fetches() const {
    clouddesktop::internal::MutexLock lock(&mu_);
    return fetches_;
  }
  bool WaitForFetches(int n) {
    clouddesktop::internal::MutexLock lock(&mu_);
    const auto deadline =
        clouddesktop::internal::CondVar::SteadyDeadline(kWait);
    while (fetches_ < n) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return fetches_ >= n;
  }
  bool WaitDestroyed() {
    clouddesktop::internal::MutexLock lock(&mu_);
    const auto deadline =
        clouddesktop::internal::CondVar::SteadyDeadline(kWait);
    while (!destroyed_) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return destroyed_;
  }

  // Completes the oldest fetch in flight (waiting for one to start).
  void Complete(absl::StatusOr<FetchedToken> result) {
    TokenFetcher::Done done;
    {
      clouddesktop::internal::MutexLock lock(&mu_);
      const auto deadline =
          clouddesktop::internal::CondVar::SteadyDeadline(kWait);
      while (pending_.empty()) {
        if (cv_.WaitWithDeadline(&mu_, deadline)) break;
      }
      ASSERT_TRUE(!pending_.empty());
      done = std::move(pending_.front());
      pending_.pop_front();
    }
    std::move(done)(std::move(result));
  }
  void Succeed(std::string value, absl::Duration lifetime) {
    FetchedToken token;
    token.value = std::move(value);
    token.issued_at = clock_->Now();
    token.expires_at = token.issued_at + lifetime;
    Complete(std::move(token));
  }
  void Fail(absl::Status status) { Complete(std::move(status)); }

 private:
  friend class FakeFetcher;

  void OnFetch(TokenFetcher::Done done) {
    clouddesktop::internal::ReleasableMutexLock lock(&mu_);
    ++fetches_;
    cv_.SignalAll();
    if (shutdown_) {
      lock.Release();
      std::move(done)(absl::CancelledError("shut down"));
      return;
    }
    if (auto_) {
      FetchedToken token;
      token.value = absl::StrCat("auto-", fetches_);
      token.issued_at = clock_->Now();
      token.expires_at = token.issued_at + absl::Hours(1);
      lock.Release();
      std::move(done)(std::move(token));
      return;
    }
    pending_.push_back(std::move(done));
  }
  void OnShutdown() {
    std::deque<TokenFetcher::Done> pending;
    {
      clouddesktop::internal::MutexLock lock(&mu_);
      shutdown_ = true;
      pending.swap(pending_);
    }
    for (auto& done : pending) {
      std::move(done)(absl::CancelledError("shut down"));
    }
  }
  void OnDestroyed() {
    clouddesktop::internal::MutexLock lock(&mu_);
    destroyed_ = true;
    cv_.SignalAll();
  }

  const std::shared_ptr<FakeClock> clock_;
  mutable clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar cv_;
  std::deque<TokenFetcher::Done> pending_ ABSL_GUARDED_BY(mu_);
  int fetches_ ABSL_GUARDED_BY(mu_) = 0;
  bool auto_ ABSL_GUARDED_BY(mu_) = false;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  bool destroyed_ ABSL_GUARDED_BY(mu_) = false;
};

class FakeFetcher final : public TokenFetcher {
 public:
  explicit FakeFetcher(FakeSource* source) : source_(source) {}
  ~FakeFetcher() override { source_->OnDestroyed(); }
  void Fetch(Done done) override { source_->OnFetch(std::move(done)); }
  void Shutdown() override { source_->OnShutdown(); }

 private:
  FakeSource* source_;
};

std::unique_ptr<TokenFetcher> FakeSource::MakeFetcher() {
  return std::make_unique<FakeFetcher>(this);
}

absl::StatusOr<std::string> Await(TokenFuture future) {
  if (!future.WaitFor(kWait)) return absl::DeadlineExceededError("hung");
  return future.Get();
}

// A future that must be ready at once (no waiting on a fetch).
std::string ReadyToken(TokenFuture future) {
  EXPECT_TRUE(future.is_ready());
  absl::StatusOr<std::string> token = Await(std::move(future));
  EXPECT_TRUE(token.ok()) << token.status();
  return token.ok() ? *token : "";
}

// GetToken from 32 threads started together; their futures, in order.
std::vector<TokenFuture> GetTokensAtOnce(TokenRefresher& r) {
  constexpr int kCallers = 32;
  std::vector<TokenFuture> futures(kCallers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&, i] { futures[i] = r.GetToken(); });
  }
  for (auto& t : threads) t.join();
  return futures;
}

class TokenRefresherTest : public ::testing::Test {
 protected:
  std::unique_ptr<TokenRefresher> Make(RefreshPolicy policy = {}) {
    return std::make_unique<TokenRefresher>(source_->MakeFetcher(), policy,
                                            clock_, warnings_.sink());
  }

  // Starts `r` with token `value` of `lifetime`, fetched now.
  void Prime(TokenRefresher& r, const std::string& value,
             absl::Duration lifetime = absl::Hours(1)) {
    TokenFuture first = r.GetToken();
    EXPECT_FALSE(first.is_ready());
    source_->Succeed(value, lifetime);
    absl::StatusOr<std::string> token = Await(std::move(first));
    ASSERT_TRUE(token.ok()) << token.status();
    ASSERT_EQ(*token, value);
  }

  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
  std::shared_ptr<FakeSource> source_ = std::make_shared<FakeSource>(clock_);
  Warnings warnings_;
};

TEST_F(TokenRefresherTest, FirstCallFetchesLaterCallsAreServedFromCache) {
  auto r = Make();
  EXPECT_EQ(source_->fetches(), 0);  // nothing until asked
  Prime(*r, "token-1");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(ReadyToken(r->GetToken()), "token-1");
  EXPECT_EQ(source_->fetches(), 1);
  EXPECT_EQ(r->fetch_count(), 1);
}

TEST_F(TokenRefresherTest, ConcurrentCallersShareOneFetch) {
  auto r = Make();
  std::vector<TokenFuture> futures = GetTokensAtOnce(*r);
  // The fetch starts on the refresher's own thread: wait for it (the count
  // at the end checks there was only one).
  ASSERT_TRUE(source_->WaitForFetches(1));
  for (auto& f : futures) EXPECT_FALSE(f.is_ready());
  source_->Succeed("shared", absl::Hours(1));
  for (auto& f : futures) {
    absl::StatusOr<std::string> token = Await(std::move(f));
    ASSERT_TRUE(token.ok()) << token.status();
    EXPECT_EQ(*token, "shared");
  }
  EXPECT_EQ(source_->fetches(), 1);
}

// Many threads at once inside the refresh window: each gets the cached
// token without waiting, and exactly one refresh starts.
TEST_F(TokenRefresherTest, ConcurrentCallersInTheWindowShareOneRefresh) {
  auto r = Make();
  Prime(*r, "t1", absl::Hours(1));
  clock_->Advance(absl::Minutes(55));
  std::vector<TokenFuture> futures = GetTokensAtOnce(*r);
  for (auto& f : futures) EXPECT_EQ(ReadyToken(std::move(f)), "t1");
  ASSERT_TRUE(source_->WaitForFetches(2));
  source_->Succeed("t2", absl::Hours(1));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(source_->fetches(), 2);
  EXPECT_EQ(ReadyToken(r->GetToken()), "t2");
}

// Many threads at once after the token stopped being served: all wait for
// the same fetch and get its token.
TEST_F(TokenRefresherTest, ConcurrentCallersAfterExpiryShareOneFetch) {
  auto r = Make();
  Prime(*r, "t1", absl::Hours(1));
  clock_->Advance(absl::Hours(1));
  std::vector<TokenFuture> futures = GetTokensAtOnce(*r);
  for (auto& f : futures) EXPECT_FALSE(f.is_ready());
  source_->Succeed("t2", absl::Hours(1));
  for (auto& f : futures) {
    absl::StatusOr<std::string> token = Await(std::move(f));
    ASSERT_TRUE(token.ok()) << token.status();
    EXPECT_EQ(*token, "t2");
  }
  EXPECT_EQ(source_->fetches(), 2);
}

TEST_F(TokenRefresherTest, RefreshesWhenTenPercentOfAnHourRemain) {
  // 1h: max(6 min, 5 min) = 6 min before expiry.
  auto r = Make();
  Prime(*r, "t1", absl::Hours(1));
  clock_->Advance(absl::Minutes(54) - absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_EQ(source_->fetches(), 1);

  clock_->Advance(absl::Seconds(1));
  // Due: the caller gets the cached token at once, a refresh starts.
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  ASSERT_TRUE(source_->WaitForFetches(2));
  // Callers during the refresh neither wait nor start another one.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_EQ(source_->fetches(), 2);

  source_->Succeed("t2", absl::Hours(1));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t2");
  EXPECT_EQ(source_->fetches(), 2);
}

TEST_F(TokenRefresherTest, RefreshesTenPercentBeforeExpiryOfLongTokens) {
  // 12h: max(72 min, 5 min) = 72 min before expiry.
  auto r = Make();
  Prime(*r, "t1", absl::Hours(12));
  clock_->Advance(absl::Hours(12) - absl::Minutes(72) - absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_EQ(source_->fetches(), 1);
  clock_->Advance(absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_TRUE(source_->WaitForFetches(2));
}

TEST_F(TokenRefresherTest, RefreshesFiveMinutesBeforeExpiryOfShortTokens) {
  // 30 min: 10% is 3 min; 5 min comes first.
  auto r = Make();
  Prime(*r, "t1", absl::Minutes(30));
  clock_->Advance(absl::Minutes(25) - absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_EQ(source_->fetches(), 1);
  clock_->Advance(absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_TRUE(source_->WaitForFetches(2));
}

TEST_F(TokenRefresherTest, VeryShortTokensRefreshAtHalfLife) {
  // 4 min: five minutes would be "due" on arrival; half-life instead.
  auto r = Make();
  Prime(*r, "t1", absl::Minutes(4));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  clock_->Advance(absl::Minutes(2) - absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_EQ(source_->fetches(), 1);
  clock_->Advance(absl::Seconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  EXPECT_TRUE(source_->WaitForFetches(2));
}

TEST_F(TokenRefresherTest, AnExpiredTokenIsNeverServed) {
  auto r = Make();
  Prime(*r, "t1", absl::Hours(1));
  // Idle through the whole refresh window: nothing fires by itself.
  clock_->Advance(absl::Minutes(59) + absl::Seconds(30));  // skew: 30 s
  EXPECT_EQ(source_->fetches(), 1);
  TokenFuture f = r->GetToken();
  EXPECT_FALSE(f.is_ready());
  ASSERT_TRUE(source_->WaitForFetches(2));
  source_->Succeed("t2", absl::Hours(1));
  absl::StatusOr<std::string> token = Await(std::move(f));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "t2");
}

TEST_F(TokenRefresherTest, FailedRefreshKeepsServingTheOldTokenWithBackoff) {
  auto r = Make();
  Prime(*r, "SECRET-TOKEN-1", absl::Hours(1));
  clock_->Advance(absl::Minutes(55));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  source_->Fail(absl::UnavailableError("metadata service down"));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));

  ASSERT_THAT(warnings_.all(), SizeIs(1));
  EXPECT_THAT(warnings_.all()[0], HasSubstr("metadata service down"));
  EXPECT_THAT(warnings_.all()[0], HasSubstr("serving the cached IAM token"));
  EXPECT_THAT(warnings_.all()[0], HasSubstr("next attempt in 1s"));
  EXPECT_THAT(warnings_.all()[0], Not(HasSubstr("SECRET-TOKEN")));

  // Backoff 1 s: no new fetch before it ends, the old token meanwhile.
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  clock_->Advance(absl::Milliseconds(999));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  EXPECT_EQ(source_->fetches(), 2);
  clock_->Advance(absl::Milliseconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  ASSERT_TRUE(source_->WaitForFetches(3));
  source_->Fail(absl::UnavailableError("still down"));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));

  // Then 2 s.
  clock_->Advance(absl::Seconds(2) - absl::Milliseconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  EXPECT_EQ(source_->fetches(), 3);
  clock_->Advance(absl::Milliseconds(1));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-1");
  ASSERT_TRUE(source_->WaitForFetches(4));
  source_->Succeed("SECRET-TOKEN-2", absl::Hours(1));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(ReadyToken(r->GetToken()), "SECRET-TOKEN-2");
  EXPECT_THAT(warnings_.all(), SizeIs(2));
}

TEST_F(TokenRefresherTest, WithoutAValidTokenFailuresReachCallersThenFailFast) {
  RefreshPolicy policy;
  policy.initial_backoff = absl::Seconds(1);
  policy.max_backoff = absl::Seconds(4);
  auto r = Make(policy);
  TokenFuture f = r->GetToken();
  source_->Fail(absl::UnavailableError("connection refused"));
  absl::StatusOr<std::string> token = Await(std::move(f));
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("connection refused"));

  // During the backoff: the last error at once, no fetch.
  token = Await(r->GetToken());
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("next attempt in 1s"));
  EXPECT_EQ(source_->fetches(), 1);

  // The code of the source's error is kept; backoff doubles up to the cap.
  const absl::Duration expected[] = {absl::Seconds(2), absl::Seconds(4),
                                     absl::Seconds(4)};
  absl::Duration wait = absl::Seconds(1);
  for (absl::Duration next : expected) {
    clock_->Advance(wait);
    f = r->GetToken();
    source_->Fail(absl::PermissionDeniedError("no access"));
    token = Await(std::move(f));
    EXPECT_EQ(token.status().code(), absl::StatusCode::kPermissionDenied);
    token = Await(r->GetToken());
    EXPECT_EQ(token.status().code(), absl::StatusCode::kPermissionDenied);
    EXPECT_THAT(std::string(token.status().message()),
                HasSubstr(absl::StrCat("next attempt in ",
                                       absl::FormatDuration(next))));
    wait = next;
  }
  clock_->Advance(wait);
  f = r->GetToken();
  source_->Succeed("finally", absl::Hours(1));
  token = Await(std::move(f));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "finally");
  // No token was ever served, so no "serving the cached token" warning.
  EXPECT_THAT(warnings_.all(), IsEmpty());
}

TEST_F(TokenRefresherTest, OnUnauthenticatedForcesOneRefresh) {
  auto r = Make();
  Prime(*r, "t1");
  r->OnUnauthenticated("t1");
  // The refresh starts at once, before anyone asks.
  EXPECT_EQ(r->fetch_count(), 2);
  ASSERT_TRUE(source_->WaitForFetches(2));
  TokenFuture f = r->GetToken();
  EXPECT_FALSE(f.is_ready());  // t1 is not served again
  source_->Succeed("t2", absl::Hours(1));
  absl::StatusOr<std::string> token = Await(std::move(f));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "t2");

  // A late report about t1 (another call rejected with the old token) does
  // nothing.
  r->OnUnauthenticated("t1");
  EXPECT_EQ(r->fetch_count(), 2);
  EXPECT_EQ(ReadyToken(r->GetToken()), "t2");
}

TEST_F(TokenRefresherTest, ManyRejectionsOfOneTokenCauseOneRefresh) {
  auto r = Make();
  Prime(*r, "t1");
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] { r->OnUnauthenticated("t1"); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(r->fetch_count(), 2);
  source_->Succeed("t2", absl::Hours(1));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t2");
}

TEST_F(TokenRefresherTest, OnUnauthenticatedBypassesBackoff) {
  auto r = Make();
  Prime(*r, "t1");
  clock_->Advance(absl::Minutes(55));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");
  source_->Fail(absl::UnavailableError("down"));
  ASSERT_TRUE(r->WaitUntilIdleForTesting(kWait));
  EXPECT_EQ(r->fetch_count(), 2);
  r->OnUnauthenticated("t1");  // within the 1 s backoff
  EXPECT_EQ(r->fetch_count(), 3);
  TokenFuture f = r->GetToken();
  source_->Succeed("t2", absl::Hours(1));
  EXPECT_EQ(*Await(std::move(f)), "t2");
}

TEST_F(TokenRefresherTest, OnUnauthenticatedDuringARefreshJoinsIt) {
  auto r = Make();
  Prime(*r, "t1");
  clock_->Advance(absl::Minutes(55));
  EXPECT_EQ(ReadyToken(r->GetToken()), "t1");  // starts refresh #2
  r->OnUnauthenticated("t1");
  EXPECT_EQ(r->fetch_count(), 2);
  TokenFuture f = r->GetToken();
  EXPECT_FALSE(f.is_ready());
  source_->Succeed("t2", absl::Hours(1));
  EXPECT_EQ(*Await(std::move(f)), "t2");
}

TEST_F(TokenRefresherTest, UnusableTokensAreErrorsWithoutTheValue) {
  auto r = Make();
  TokenFuture f = r->GetToken();
  source_->Succeed("bad token\r\nx-injected: 1", absl::Hours(1));
  absl::StatusOr<std::string> token = Await(std::move(f));
  EXPECT_EQ(token.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(token.status().message()),
              Not(HasSubstr("bad token")));

  clock_->Advance(absl::Minutes(1));
  f = r->GetToken();
  source_->Succeed("already-expired", absl::ZeroDuration());
  token = Await(std::move(f));
  EXPECT_EQ(token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(token.status().message()),
              HasSubstr("expires too soon"));
}

TEST_F(TokenRefresherTest, DestroyingWithAFetchInFlightCompletesWaiters) {
  auto r = Make();
  TokenFuture f = r->GetToken();
  ASSERT_TRUE(source_->WaitForFetches(1));
  r.reset();
  EXPECT_TRUE(source_->WaitDestroyed());
  absl::StatusOr<std::string> token = Await(std::move(f));
  EXPECT_EQ(token.status().code(), absl::StatusCode::kCancelled);
}

TEST_F(TokenRefresherTest, ContinuationsRunOffTheCallersThread) {
  auto r = Make();
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> off_caller{false};
  auto done = r->GetToken().Then([&](absl::StatusOr<std::string> token) {
    EXPECT_TRUE(token.ok());
    off_caller = std::this_thread::get_id() != caller;
  });
  source_->Succeed("t1", absl::Hours(1));
  ASSERT_TRUE(done.WaitFor(kWait));
  done.Get();
  EXPECT_TRUE(off_caller);
}

TEST_F(TokenRefresherTest, LastReferenceDroppedInAContinuation) {
  std::shared_ptr<TokenRefresher> r = Make();
  TokenFuture f = r->GetToken();
  // The continuation holds the only reference and drops it on the
  // refresher's own thread: the destructor must not join itself.
  auto done = std::move(f).Then(
      [r = std::move(r)](absl::StatusOr<std::string> token) mutable {
        EXPECT_TRUE(token.ok());
        r.reset();
      });
  source_->Succeed("t1", absl::Hours(1));
  ASSERT_TRUE(done.WaitFor(kWait));
  done.Get();
  EXPECT_TRUE(source_->WaitDestroyed());
}

// Many threads asking and rejecting while time moves: every answer is a
// token, and fetches stay far below the number of calls (for the
// sanitizers more than for the numbers).
TEST_F(TokenRefresherTest, ConcurrentUseUnderMovingTime) {
  source_->set_auto(true);
  auto r = Make();
  constexpr int kThreads = 8;
  constexpr int kCalls = 300;
  std::atomic<int> errors{0};
  std::atomic<int> rejections{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < kCalls; ++n) {
        absl::StatusOr<std::string> token = Await(r->GetToken());
        if (!token.ok()) {
          ++errors;
          continue;
        }
        if ((n + i) % 100 == 0) {
          ++rejections;
          r->OnUnauthenticated(*token);
        }
        if (i == 0 && n % 10 == 0) clock_->Advance(absl::Minutes(1));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  // At most one fetch per rejection, plus the first, plus one per refresh
  // window crossed (30 minutes of fake time, 1h tokens: a few).
  EXPECT_LE(r->fetch_count(), rejections.load() + 1 + 10);
}

}  // namespace
}  // namespace credentials_test
