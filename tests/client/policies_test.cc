// Retry, backoff and polling policies: documented defaults and behaviour.
#include "absl/time/clock.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/internal/unary_call.h"
#include "clouddesktop/internal/uuid.h"
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

TEST(PollingPolicyTest, Defaults) {
  ExponentialPollingPolicy policy;
  const PollingSettings& s = policy.settings();
  EXPECT_EQ(s.first_delay, absl::ZeroDuration());
  EXPECT_EQ(s.initial_interval, absl::Milliseconds(100));
  EXPECT_EQ(s.maximum_interval, absl::Seconds(10));
  EXPECT_EQ(s.maximum_duration, absl::Hours(1));
  EXPECT_EQ(s.not_found_tolerance, 3);
  EXPECT_EQ(policy.clone()->FirstDelay(), absl::ZeroDuration());
}

TEST(PollingPolicyTest, BacksOffWithJitterUpToTheCap) {
  auto policy = ExponentialPollingPolicy().clone();
  absl::Duration bound = absl::Milliseconds(100);
  for (int i = 0; i < 12; ++i) {
    auto d = policy->OnPoll(absl::OkStatus(), absl::ZeroDuration());
    ASSERT_TRUE(d.ok());
    EXPECT_GE(*d, bound / 2);
    EXPECT_LE(*d, bound);
    bound = std::min(bound * 2, absl::Seconds(10));
  }
}

TEST(PollingPolicyTest, NeverFasterThanTheServerHint) {
  auto policy = ExponentialPollingPolicy().clone();
  auto d = policy->OnPoll(absl::OkStatus(), absl::Seconds(3));
  ASSERT_TRUE(d.ok());
  EXPECT_GE(*d, absl::Seconds(3));
}

TEST(PollingPolicyTest, NotFoundToleratedOnTheFirstPollsOnly) {
  auto policy = ExponentialPollingPolicy().clone();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(
        policy->OnPoll(absl::NotFoundError("x"), absl::ZeroDuration()).ok());
  }
  auto d = policy->OnPoll(absl::NotFoundError("x"), absl::ZeroDuration());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kNotFound);
}

// Regression: transient poll errors used up the NOT_FOUND tolerance (it
// counted every poll), so a fresh operation behind a flaky network was
// reported NOT_FOUND although it went on to succeed on the server.
TEST(PollingPolicyTest, TransientErrorsDoNotUseUpTheNotFoundTolerance) {
  auto policy = ExponentialPollingPolicy().clone();
  for (int i = 0; i < 10; ++i) {
    absl::Status transient = i % 2 == 0 ? absl::UnavailableError("x")
                                        : absl::ResourceExhaustedError("x");
    ASSERT_TRUE(policy->OnPoll(transient, absl::ZeroDuration()).ok());
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(
        policy->OnPoll(absl::NotFoundError("x"), absl::ZeroDuration()).ok());
    EXPECT_TRUE(
        policy->OnPoll(absl::UnavailableError("x"), absl::ZeroDuration()).ok());
  }
  EXPECT_EQ(policy->OnPoll(absl::NotFoundError("x"), absl::ZeroDuration())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

// Once a poll has found the operation it is not fresh: NOT_FOUND is final.
TEST(PollingPolicyTest, NotFoundAfterTheOperationWasFoundEndsTheWait) {
  auto policy = ExponentialPollingPolicy().clone();
  ASSERT_TRUE(policy->OnPoll(absl::OkStatus(), absl::ZeroDuration()).ok());
  EXPECT_EQ(policy->OnPoll(absl::NotFoundError("x"), absl::ZeroDuration())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST(PollingPolicyTest, TransientErrorsRiddenOutOthersEndTheWait) {
  auto policy = ExponentialPollingPolicy().clone();
  EXPECT_TRUE(
      policy->OnPoll(absl::UnavailableError("x"), absl::ZeroDuration()).ok());
  EXPECT_TRUE(
      policy->OnPoll(absl::ResourceExhaustedError("x"), absl::ZeroDuration())
          .ok());
  EXPECT_TRUE(
      policy->OnPoll(absl::DeadlineExceededError("x"), absl::ZeroDuration())
          .ok());
  EXPECT_EQ(
      policy->OnPoll(absl::PermissionDeniedError("x"), absl::ZeroDuration())
          .status()
          .code(),
      absl::StatusCode::kPermissionDenied);
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
