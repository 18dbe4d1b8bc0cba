// Retry, backoff and polling policies: documented defaults and behaviour.
#include <algorithm>
#include <cmath>
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
  EXPECT_EQ(s.first_delay, absl::Milliseconds(1200));
  EXPECT_EQ(s.age_fraction, 0.23);
  EXPECT_EQ(s.minimum_interval, absl::Milliseconds(850));
  EXPECT_EQ(s.maximum_interval, absl::Milliseconds(9500));
  EXPECT_EQ(s.jitter, 0.1);
  EXPECT_EQ(s.maximum_duration, absl::Hours(1));
  EXPECT_EQ(s.not_found_tolerance, 3);
}

TEST(PollingPolicyTest, ProportionalDelayIsAFractionOfTheAgeWithinFloorAndCap) {
  ProportionalPollingPolicy policy;
  EXPECT_EQ(policy.UpperDelay(kZero), absl::Milliseconds(850));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(3)), absl::Milliseconds(850));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(10)), absl::Milliseconds(2300));
  EXPECT_EQ(policy.UpperDelay(absl::Seconds(42)), absl::Milliseconds(9500));
  EXPECT_EQ(policy.UpperDelay(absl::Hours(5)), absl::Milliseconds(9500));
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
  EXPECT_LE(first, absl::Milliseconds(1200));
  EXPECT_GE(first, absl::Milliseconds(1080));
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

// Runs one wait for an operation that is done at age `d`, on virtual time,
// as the waiter runs it: the wait starts at operation age `start` (the
// start's round trip), every delay ends on the next boundary of 100 ms
// slots of phase `phase` (none if `phase` is negative), each poll's answer
// comes at once.
Schedule Simulate(const PollingPolicy& prototype, absl::Duration d,
                  absl::Duration start = kZero,
                  absl::Duration phase = absl::Seconds(-1)) {
  auto policy = prototype.clone();
  auto after = [&](absl::Duration age, absl::Duration delay) {
    if (phase < kZero) return age + delay;
    return internal::PollSlotEnd(absl::UnixEpoch() + age + delay,
                                 internal::kPollSlot, phase) -
           absl::UnixEpoch();
  };
  absl::Duration age = after(start, policy->FirstDelay());
  int polls = 1;
  while (age < d) {
    auto delay = policy->OnPoll(absl::OkStatus(), kZero, age);
    EXPECT_TRUE(delay.ok());
    age = after(age, *delay);
    ++polls;
  }
  return {age - d, polls};
}

// The default schedule with every jittered delay at its minimum: its
// delays are the default's lower bounds, so it makes the most polls.
ProportionalPollingPolicy Slowest() {
  ProportionalPollingSettings s;
  const double low = 1.0 - s.jitter;
  s.first_delay = s.first_delay * low;
  s.minimum_interval = s.minimum_interval * low;
  s.maximum_interval = s.maximum_interval * low;
  s.age_fraction *= low;
  s.jitter = 0;
  return ProportionalPollingPolicy(s);
}

TEST(PollingPolicyTest, TheSlowestScheduleBoundsTheDefaultsDelaysFromBelow) {
  ProportionalPollingPolicy prototype;
  ProportionalPollingPolicy slowest = Slowest();
  auto lower = slowest.clone();
  EXPECT_LE(lower->FirstDelay(), prototype.clone()->FirstDelay());
  EXPECT_EQ(lower->FirstDelay(), absl::Milliseconds(1080));
  for (int i = 0; i < 2000; ++i) {
    absl::Duration age = absl::Milliseconds(37) * i;
    auto d = prototype.clone()->OnPoll(absl::OkStatus(), kZero, age);
    auto floor = lower->OnPoll(absl::OkStatus(), kZero, age);
    ASSERT_TRUE(d.ok() && floor.ok());
    // Up to the rounding of nanoseconds.
    EXPECT_GE(*d + absl::Microseconds(1), *floor) << age;
    // And the bound is attained: it is the jitter's lower end.
    EXPECT_LE(*floor, prototype.UpperDelay(age) * 0.9 + absl::Microseconds(1))
        << age;
  }
}

// The bounds polling_policy.h documents, and the targets against a fixed
// 1 s interval (issue 18): lag <= 1 / 2.5 / 10 / 10 s and polls <= fixed + 1,
// fixed, fixed / 3, fixed / 6 for operations of 2, 10, 60 and 300 s. The
// lags here leave room for a round trip: 0.95 s at 2 s (the 100 ms slot
// included; a 1 s floor made it 1.1 s, the benchmark's miss).
TEST(PollingPolicyTest, ProportionalMeetsItsDocumentedBounds) {
  struct Row {
    absl::Duration d;
    absl::Duration max_lag;  // slot included, round trip not
    int max_polls;
    int divisor;  // against a fixed 1 s interval
    int slack;
  };
  const Row rows[] = {
      {absl::Seconds(2), absl::Milliseconds(950), 3, 1, 1},
      {absl::Seconds(10), absl::Milliseconds(2400), 10, 1, 0},
      {absl::Seconds(60), absl::Milliseconds(9600), 20, 3, 0},
      {absl::Seconds(300), absl::Milliseconds(9600), 48, 6, 0},
  };
  ProportionalPollingPolicy proportional;
  ProportionalPollingPolicy slowest = Slowest();
  FixedIntervalPollingPolicy fixed;
  for (const Row& row : rows) {
    // The most polls: every delay at its minimum, no slot, the wait
    // starting as the operation does.
    const Schedule worst = Simulate(slowest, row.d);
    EXPECT_LE(worst.polls, row.max_polls) << row.d;
    // polls <= fixed / divisor + slack, the reference without slots either
    // (slots only make it poll less).
    const Schedule reference = Simulate(fixed, row.d);
    EXPECT_EQ(reference.polls, absl::ToInt64Seconds(row.d)) << row.d;
    EXPECT_LE(worst.polls * row.divisor,
              reference.polls + row.slack * row.divisor)
        << row.d;
    // Lag and polls over random jitter, start latencies (0 to 0.7 s: the
    // lag bound holds from the first poll on, 1.2 s after the wait's start)
    // and slot phases.
    absl::Duration worst_lag;
    int most_polls = 0;
    for (int i = 0; i < 2000; ++i) {
      const Schedule s =
          Simulate(proportional, row.d, absl::Milliseconds((i * 7) % 700),
                   absl::Milliseconds((i * 13) % 100));
      worst_lag = std::max(worst_lag, s.lag);
      most_polls = std::max(most_polls, s.polls);
    }
    EXPECT_LE(worst_lag, row.max_lag) << row.d;
    EXPECT_LE(most_polls, worst.polls) << row.d;
  }
}

// The closed form of polling_policy.h bounds the worst case at every
// duration (it rounds up per phase, so it may exceed it by one).
TEST(PollingPolicyTest, ProportionalPollCountClosedForm) {
  ProportionalPollingPolicy slowest = Slowest();
  for (int ds = 2; ds <= 600; ds += (ds < 60 ? 1 : 7)) {
    const double d = ds;
    double bound = 1 + std::ceil((std::min(d, 3.7) - 1.08) / 0.765);
    if (d > 3.7) {
      bound += std::ceil(std::log(std::min(d, 41.3) / 3.7) / std::log(1.207));
    }
    if (d > 41.3) bound += std::ceil((d - 41.3) / 8.55);
    EXPECT_LE(Simulate(slowest, absl::Seconds(ds)).polls, bound) << ds;
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
