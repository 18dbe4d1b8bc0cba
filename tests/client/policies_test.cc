// Retry, backoff and polling policies: documented defaults and behaviour.
#include <memory>
#include <set>
#include <vector>

#include "absl/time/clock.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/internal/poll_slot.h"
#include "clouddesktop/internal/polling_loop.h"
#include "clouddesktop/internal/uuid.h"
#include "clouddesktop/options.h"
#include "clouddesktop/polling_policy.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/version.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

TEST(RetryPolicyTest, DefaultsRetryOnlyTransientCodesFiveTimes) {
  LimitedRetryPolicy prototype;
  EXPECT_EQ(prototype.maximum_failures(), 5);
  EXPECT_EQ(prototype.maximum_duration(), absl::Seconds(60));
  auto policy = prototype.clone();
  EXPECT_FALSE(policy->OnFailure(absl::NotFoundError("x")));
  EXPECT_FALSE(policy->OnFailure(absl::InternalError("x")));
  EXPECT_FALSE(policy->OnFailure(absl::DeadlineExceededError("x")));
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(policy->OnFailure(i % 2 ? absl::UnavailableError("x")
                                        : absl::ResourceExhaustedError("x")));
  }
  EXPECT_FALSE(policy->OnFailure(absl::UnavailableError("x")));
  // A clone starts afresh.
  EXPECT_TRUE(prototype.clone()->OnFailure(absl::UnavailableError("x")));
}

TEST(RetryPolicyTest, TimeLimit) {
  LimitedRetryPolicy prototype(100, absl::ZeroDuration());
  EXPECT_FALSE(prototype.clone()->OnFailure(absl::UnavailableError("x")));
}

TEST(BackoffPolicyTest, FullJitterWithinTheGrowingBound) {
  ExponentialBackoffPolicy prototype;
  EXPECT_EQ(prototype.initial_delay(), absl::Milliseconds(100));
  EXPECT_EQ(prototype.maximum_delay(), absl::Seconds(5));
  EXPECT_EQ(prototype.multiplier(), 2.0);
  auto policy = prototype.clone();
  absl::Duration bound = absl::Milliseconds(100);
  for (int i = 0; i < 12; ++i) {
    absl::Duration d = policy->OnCompletion();
    EXPECT_GE(d, absl::ZeroDuration());
    EXPECT_LE(d, bound);
    bound = std::min(bound * 2, absl::Seconds(5));
  }
}

constexpr absl::Duration kZero = absl::ZeroDuration();

TEST(PollingPolicyTest, ExponentialDefaults) {
  ExponentialPollingPolicy policy;
  const PollingSettings& s = policy.settings();
  EXPECT_EQ(s.first_delay, absl::ZeroDuration());
  EXPECT_EQ(s.initial_interval, absl::Milliseconds(100));
  EXPECT_EQ(s.maximum_interval, absl::Seconds(10));
  EXPECT_EQ(s.maximum_duration, absl::Hours(1));
  EXPECT_EQ(s.not_found_tolerance, 3);
  EXPECT_EQ(policy.clone()->FirstDelay(), absl::ZeroDuration());
}

TEST(PollingPolicyTest, ExponentialBacksOffWithJitterUpToTheCap) {
  auto policy = ExponentialPollingPolicy().clone();
  absl::Duration bound = absl::Milliseconds(100);
  for (int i = 0; i < 12; ++i) {
    auto d = policy->OnPoll(absl::OkStatus(), kZero, kZero);
    ASSERT_TRUE(d.ok());
    EXPECT_GE(*d, bound / 2);
    EXPECT_LE(*d, bound);
    bound = std::min(bound * 2, absl::Seconds(10));
  }
}

// The connection's default is the age-proportional schedule.
TEST(PollingPolicyTest, DefaultIsProportional) {
  ConnectionOptions options;
  ASSERT_NE(options.polling_policy, nullptr);
  EXPECT_NE(dynamic_cast<const ProportionalPollingPolicy*>(
                options.polling_policy.get()),
            nullptr);
  ProportionalPollingPolicy policy;
  const ProportionalPollingSettings& s = policy.settings();
  EXPECT_EQ(s.first_delay, absl::Milliseconds(800));
  EXPECT_EQ(s.age_fraction, 0.25);
  EXPECT_EQ(s.minimum_interval, absl::Seconds(1));
  EXPECT_EQ(s.maximum_interval, absl::Seconds(9));
  EXPECT_EQ(s.jitter, 0.1);
  EXPECT_EQ(s.maximum_duration, absl::Hours(1));
  EXPECT_EQ(s.not_found_tolerance, 3);
}

TEST(PollingPolicyTest, ProportionalDelayIsAQuarterOfTheAgeWithinFloorAndCap) {
  ProportionalPollingPolicy policy;
  EXPECT_EQ(policy.UpperDelay(kZero), absl::Seconds(1));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(4)), absl::Seconds(1));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(10)), absl::Milliseconds(2500));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(36)), absl::Seconds(9));
  EXPECT_EQ(policy.UpperDelay(absl::Hours(5)), absl::Seconds(9));
  auto wait = policy.clone();
  for (int i = 0; i < 200; ++i) {
    absl::Duration age = absl::Milliseconds(300) * i;
    auto d = wait->OnPoll(absl::OkStatus(), kZero, age);
    ASSERT_TRUE(d.ok());
    absl::Duration upper = policy.UpperDelay(age);
    EXPECT_LE(*d, upper) << age;
    EXPECT_GE(*d, upper * 0.9) << age;
  }
  absl::Duration first = wait->FirstDelay();
  EXPECT_LE(first, absl::Milliseconds(800));
  EXPECT_GE(first, absl::Milliseconds(720));
}

// The jitter spreads waits: 100 waits polled at the same age do not all
// get the same delay (no lockstep).
TEST(PollingPolicyTest, ProportionalDelaysAreJittered) {
  ProportionalPollingPolicy prototype;
  std::set<int64_t> delays;
  for (int i = 0; i < 100; ++i) {
    auto d =
        prototype.clone()->OnPoll(absl::OkStatus(), kZero, absl::Seconds(20));
    ASSERT_TRUE(d.ok());
    delays.insert(absl::ToInt64Milliseconds(*d));
  }
  EXPECT_GT(delays.size(), 20u);
}

struct Schedule {
  absl::Duration lag;
  int polls;
};

// Runs one wait for an operation that is done at age `d`, on virtual time:
// each poll's answer comes at once.
Schedule Simulate(const PollingPolicy& prototype, absl::Duration d) {
  auto policy = prototype.clone();
  absl::Duration age = policy->FirstDelay();
  int polls = 1;
  while (age < d) {
    auto delay = policy->OnPoll(absl::OkStatus(), kZero, age);
    EXPECT_TRUE(delay.ok());
    age += *delay;
    ++polls;
  }
  return {age - d, polls};
}

// The bounds polling_policy.h documents, and the targets against a fixed
// 1 s interval: lag <= 1 / 2.5 / 9 / 9 s and polls <= fixed + 1, fixed,
// fixed / 3, fixed / 6 for operations of 2, 10, 60 and 300 s.
TEST(PollingPolicyTest, ProportionalMeetsItsDocumentedBounds) {
  struct Row {
    absl::Duration d;
    absl::Duration max_lag;
    int max_polls;
    int divisor;  // against a fixed 1 s interval
    int slack;
  };
  const Row rows[] = {
      {absl::Seconds(2), absl::Seconds(1), 3, 1, 1},
      {absl::Seconds(10), absl::Milliseconds(2500), 10, 1, 0},
      {absl::Seconds(60), absl::Seconds(9), 19, 3, 0},
      {absl::Seconds(300), absl::Seconds(9), 49, 6, 0},
  };
  ProportionalPollingPolicy proportional;
  FixedIntervalPollingPolicy fixed;
  for (const Row& row : rows) {
    Schedule reference = Simulate(fixed, row.d);
    absl::Duration worst_lag;
    int worst_polls = 0;
    for (int i = 0; i < 2000; ++i) {
      Schedule s = Simulate(proportional, row.d);
      worst_lag = std::max(worst_lag, s.lag);
      worst_polls = std::max(worst_polls, s.polls);
    }
    EXPECT_LE(worst_lag, row.max_lag) << row.d;
    EXPECT_LE(worst_polls, row.max_polls) << row.d;
    // polls <= fixed / divisor + slack
    EXPECT_LE(worst_polls * row.divisor,
              reference.polls + row.slack * row.divisor)
        << row.d;
  }
}

TEST(PollingPolicyTest, FixedIntervalPollsEverySecond) {
  FixedIntervalPollingPolicy prototype;
  auto policy = prototype.clone();
  EXPECT_EQ(policy->FirstDelay(), absl::Seconds(1));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(*policy->OnPoll(absl::OkStatus(), kZero, absl::Seconds(i * 50)),
              absl::Seconds(1));
  }
  EXPECT_EQ(Simulate(prototype, absl::Seconds(10)).polls, 10);
}

// Every policy: the error handling the header documents.
std::vector<std::shared_ptr<const PollingPolicy>> AllPolicies() {
  return {std::make_shared<ExponentialPollingPolicy>(),
          std::make_shared<ProportionalPollingPolicy>(),
          std::make_shared<FixedIntervalPollingPolicy>()};
}

TEST(PollingPolicyTest, NeverFasterThanTheServerHint) {
  for (const auto& prototype : AllPolicies()) {
    auto policy = prototype->clone();
    auto d = policy->OnPoll(absl::OkStatus(), absl::Seconds(3), kZero);
    ASSERT_TRUE(d.ok());
    EXPECT_GE(*d, absl::Seconds(3));
  }
}

TEST(PollingPolicyTest, NotFoundToleratedOnTheFirstPollsOnly) {
  for (const auto& prototype : AllPolicies()) {
    auto policy = prototype->clone();
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(policy->OnPoll(absl::NotFoundError("x"), kZero, kZero).ok());
    }
    auto d = policy->OnPoll(absl::NotFoundError("x"), kZero, kZero);
    EXPECT_EQ(d.status().code(), absl::StatusCode::kNotFound);
  }
}

// Regression: transient poll errors used up the NOT_FOUND tolerance (it
// counted every poll), so a fresh operation behind a flaky network was
// reported NOT_FOUND although it went on to succeed on the server.
TEST(PollingPolicyTest, TransientErrorsDoNotUseUpTheNotFoundTolerance) {
  for (const auto& prototype : AllPolicies()) {
    auto policy = prototype->clone();
    for (int i = 0; i < 10; ++i) {
      absl::Status transient = i % 2 == 0 ? absl::UnavailableError("x")
                                          : absl::ResourceExhaustedError("x");
      ASSERT_TRUE(policy->OnPoll(transient, kZero, kZero).ok());
    }
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(policy->OnPoll(absl::NotFoundError("x"), kZero, kZero).ok());
      EXPECT_TRUE(
          policy->OnPoll(absl::UnavailableError("x"), kZero, kZero).ok());
    }
    EXPECT_EQ(
        policy->OnPoll(absl::NotFoundError("x"), kZero, kZero).status().code(),
        absl::StatusCode::kNotFound);
  }
}

// Once a poll has found the operation it is not fresh: NOT_FOUND is final.
TEST(PollingPolicyTest, NotFoundAfterTheOperationWasFoundEndsTheWait) {
  for (const auto& prototype : AllPolicies()) {
    auto policy = prototype->clone();
    ASSERT_TRUE(policy->OnPoll(absl::OkStatus(), kZero, kZero).ok());
    EXPECT_EQ(
        policy->OnPoll(absl::NotFoundError("x"), kZero, kZero).status().code(),
        absl::StatusCode::kNotFound);
  }
}

// CANCELLED reaches a policy only when the server cancelled the poll (the
// waiter handles its caller's and its connection's own cancellation).
TEST(PollingPolicyTest, TransientErrorsRiddenOutOthersEndTheWait) {
  for (const auto& prototype : AllPolicies()) {
    auto policy = prototype->clone();
    for (const absl::Status& transient :
         {absl::UnavailableError("x"), absl::ResourceExhaustedError("x"),
          absl::DeadlineExceededError("x"), absl::CancelledError("x")}) {
      EXPECT_TRUE(policy->OnPoll(transient, kZero, kZero).ok()) << transient;
    }
    EXPECT_EQ(policy->OnPoll(absl::PermissionDeniedError("x"), kZero, kZero)
                  .status()
                  .code(),
              absl::StatusCode::kPermissionDenied);
  }
}

// Poll timers end on 100 ms slot boundaries (so polls of many waits go out
// in batches), adding less than a slot.
TEST(PollSlotTest, RoundsUpToTheNextBoundaryOfThePhase) {
  const absl::Duration slot = absl::Milliseconds(100);
  const absl::Duration phase = absl::Milliseconds(37);
  const absl::Time base = absl::FromUnixSeconds(1700000000);
  EXPECT_EQ(internal::PollSlotEnd(base + absl::Milliseconds(37), slot, phase),
            base + absl::Milliseconds(37));
  EXPECT_EQ(internal::PollSlotEnd(base + absl::Milliseconds(38), slot, phase),
            base + absl::Milliseconds(137));
  EXPECT_EQ(internal::PollSlotEnd(base + absl::Milliseconds(136), slot, phase),
            base + absl::Milliseconds(137));
  for (int i = 0; i < 1000; ++i) {
    absl::Time t = base + absl::Microseconds(977) * i;
    absl::Time end = internal::PollSlotEnd(t, slot, phase);
    EXPECT_GE(end, t);
    EXPECT_LT(end - t, slot);
  }
  EXPECT_EQ(internal::PollSlotEnd(absl::InfiniteFuture(), slot, phase),
            absl::InfiniteFuture());
  absl::Duration p = internal::PollSlotPhase();
  EXPECT_GE(p, absl::ZeroDuration());
  EXPECT_LT(p, internal::kPollSlot);
  EXPECT_EQ(p, internal::PollSlotPhase());  // one per process
}

TEST(PollIntervalTest, ParsesSecondsLikeTheGoSdk) {
  EXPECT_EQ(internal::ParsePollInterval("2"), absl::Seconds(2));
  EXPECT_EQ(internal::ParsePollInterval(" 1 "), absl::Seconds(1));
  EXPECT_EQ(internal::ParsePollInterval("0.5"), absl::Milliseconds(500));
  EXPECT_EQ(internal::ParsePollInterval("250ms"), absl::Milliseconds(250));
  EXPECT_EQ(internal::ParsePollInterval("soon"), absl::ZeroDuration());
  EXPECT_EQ(internal::ParsePollInterval("-3"), absl::ZeroDuration());
  EXPECT_EQ(internal::ParsePollInterval("999999"), absl::Hours(1));
}

TEST(UuidTest, Version4Format) {
  std::string a = internal::MakeUuid();
  std::string b = internal::MakeUuid();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[13], '-');
  EXPECT_EQ(a[14], '4');
  EXPECT_EQ(a[18], '-');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
  EXPECT_EQ(a[23], '-');
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
