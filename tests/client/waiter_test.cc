// The operation waiter under scripted server behaviour: NOT_FOUND on fresh
// operations, UNAVAILABLE bursts, the server's poll interval hint, wrong
// response types, failed operations with details, deadlines, local and
// server-side cancellation, resuming by id.
#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop_test::FakeCloud;
using ::clouddesktop_test::MakeFailedOperation;
using ::clouddesktop_test::MakeOperation;
using ::clouddesktop_test::Reply;
using ::testing::HasSubstr;

api::Desktop MakeDesktop(const std::string& id) {
  api::Desktop d;
  d.set_id(id);
  d.set_status(api::Desktop::ACTIVE);
  return d;
}

api::CreateDesktopMetadata CreateMetadata(const std::string& id) {
  api::CreateDesktopMetadata m;
  m.set_desktop_id(id);
  return m;
}

Reply Running(const std::string& id) {
  auto meta = CreateMetadata("d-1");
  return Reply::Ok(MakeOperation(id, false, &meta));
}

Reply Done(const std::string& id) {
  auto meta = CreateMetadata("d-1");
  auto desktop = MakeDesktop("d-1");
  return Reply::Ok(MakeOperation(id, true, &meta, &desktop));
}

Reply NotFound() {
  return Reply::Error(grpc::StatusCode::NOT_FOUND, "no such op");
}

class WaiterTest : public ::testing::Test {
 protected:
  // Virtual time: poll intervals, server hints and deadlines take no real
  // time (the fake's RPCs still run for real).
  void SetUp() override {
    fake_.UseSimulatedClock();
    connections_ = MakeConnections(fake_.Options());
  }

  // Starts CreateDesktop, answered by a running operation `id`.
  CreateDesktopOperation Create(const std::string& id) {
    fake_.Script("DesktopService.Create", {Running(id)});
    api::CreateDesktopRequest request;
    request.set_desktop_group_id("g");
    auto* user = request.add_users();
    user->set_subject_id("u");
    user->set_subject_type("userAccount");
    auto op = DesktopClient(connections_).CreateDesktop(request);
    EXPECT_TRUE(op.ok()) << op.status();
    return *op;
  }

  FakeCloud fake_;
  Connections connections_;
};

TEST_F(WaiterTest, TypedMetadataIsThereBeforeCompletion) {
  CreateDesktopOperation op = Create("op-1");
  EXPECT_EQ(op.id(), "op-1");
  EXPECT_FALSE(op.done());
  auto meta = op.metadata();
  ASSERT_TRUE(meta.ok()) << meta.status();
  EXPECT_EQ(meta->desktop_id(), "d-1");
  EXPECT_EQ(op.result().status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(op.error().ok());
}

TEST_F(WaiterTest, NotFoundOnAFreshOperationThenDone) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation(
      "op-1", {NotFound(), NotFound(), Running("op-1"), Done("op-1")});
  internal::Mutex mu;
  std::vector<absl::StatusCode> polls;
  AwaitOptions options;
  options.on_poll = [&](const absl::StatusOr<operation::Operation>& state) {
    internal::MutexLock lock(&mu);
    polls.push_back(state.status().code());
    if (state.ok()) {
      EXPECT_EQ(
          OperationMetadata<api::CreateDesktopMetadata>(*state)->desktop_id(),
          "d-1");
    }
  };
  absl::StatusOr<api::Desktop> desktop = op.Await(options);
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(desktop->id(), "d-1");
  EXPECT_EQ(polls, (std::vector<absl::StatusCode>{
                       absl::StatusCode::kNotFound, absl::StatusCode::kNotFound,
                       absl::StatusCode::kOk, absl::StatusCode::kOk}));
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 4);
}

// Regression (issue 20, row 8): a server shutting down cancels the polls it
// is serving, and the waits ended CANCELLED although nobody had cancelled
// them. A poll the server cancels is a transient poll failure.
TEST_F(WaiterTest, APollTheServerCancelsIsRiddenOut) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation(
      "op-1",
      {Reply::Error(grpc::StatusCode::CANCELLED, "server shutting down"),
       Running("op-1"),
       Reply::Error(grpc::StatusCode::CANCELLED, "server shutting down"),
       Done("op-1")});
  absl::StatusOr<api::Desktop> desktop = op.Await();
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(desktop->id(), "d-1");
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 4);
}

// A polling policy that records the ages the waiter gives it.
class AgeRecorder final : public PollingPolicy {
 public:
  explicit AgeRecorder(std::shared_ptr<std::vector<absl::Duration>> ages)
      : ages_(std::move(ages)) {}
  std::unique_ptr<PollingPolicy> clone() const override {
    return std::make_unique<AgeRecorder>(ages_);
  }
  absl::Duration FirstDelay() override { return absl::ZeroDuration(); }
  absl::StatusOr<absl::Duration> OnPoll(const absl::Status&, absl::Duration,
                                        absl::Duration age) override {
    ages_->push_back(age);  // one wait, one poll at a time
    return absl::Milliseconds(1);
  }
  absl::Duration MaximumDuration() const override { return absl::Hours(1); }

 private:
  std::shared_ptr<std::vector<absl::Duration>> ages_;
};

// Issue 18: the schedule is proportional to the *operation's* age, so a
// wait resumed long after the start polls as sparsely as one that has been
// waiting all along. The age counts from created_at unless the server's
// clock is ahead (created_at after the wait's start).
TEST_F(WaiterTest, ThePolicySeesTheOperationsAgeFromItsCreatedAt) {
  for (absl::Duration created_ago : {absl::Seconds(100), absl::Seconds(-100)}) {
    const std::string id =
        created_ago > absl::ZeroDuration() ? "op-old" : "op-future";
    operation::Operation op = MakeOperation(id, false);
    const absl::Time created = absl::Now() - created_ago;
    op.mutable_created_at()->set_seconds(absl::ToUnixSeconds(created));
    fake_.ScriptOperation(id, {Running(id), Done(id)});
    auto ages = std::make_shared<std::vector<absl::Duration>>();
    AwaitOptions options;
    options.polling_policy = std::make_shared<AgeRecorder>(ages);
    auto done = OperationClient(connections_).AwaitOperation(op, options);
    ASSERT_TRUE(done.ok()) << done.status();
    ASSERT_EQ(ages->size(), 1u);
    if (created_ago > absl::ZeroDuration()) {
      EXPECT_GE(ages->front(), absl::Seconds(99)) << id;
    } else {
      EXPECT_LT(ages->front(), absl::Seconds(10)) << id;
    }
  }
}

TEST_F(WaiterTest, FirstPollGoesOutAtOnceNotAfterTheBackoffInterval) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Done("op-1")});
  // Later polls would be an hour apart: only an immediate first poll lets
  // the wait finish within its deadline.
  PollingSettings settings;
  settings.initial_interval = absl::Hours(1);
  settings.maximum_interval = absl::Hours(1);
  AwaitOptions options;
  options.polling_policy = std::make_shared<ExponentialPollingPolicy>(settings);
  options.deadline = fake_.Now() + absl::Seconds(20);
  absl::StatusOr<api::Desktop> desktop = op.Await(options);
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 1);
}

TEST_F(WaiterTest, APollsOwnDeadlineIsRiddenOut) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Reply::Hang(), Reply::Hang(), Done("op-1")});
  AwaitOptions options;
  options.poll_options.timeout = absl::Milliseconds(50);  // per poll
  internal::Mutex mu;
  std::vector<absl::StatusCode> polls;
  options.on_poll = [&](const absl::StatusOr<operation::Operation>& state) {
    internal::MutexLock lock(&mu);
    polls.push_back(state.status().code());
  };
  absl::StatusOr<api::Desktop> desktop = op.Await(options);
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(polls,
            (std::vector<absl::StatusCode>{absl::StatusCode::kDeadlineExceeded,
                                           absl::StatusCode::kDeadlineExceeded,
                                           absl::StatusCode::kOk}));
}

TEST_F(WaiterTest, NotFoundBeyondTheToleranceEndsTheWait) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {NotFound()});  // repeats
  absl::StatusOr<api::Desktop> desktop = op.Await();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("waiting for operation op-1"));
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("OperationService.Get: NOT_FOUND"));
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 4);  // 3 tolerated
}

TEST_F(WaiterTest, UnavailableBurstsAreRiddenOut) {
  CreateDesktopOperation op = Create("op-1");
  std::vector<Reply> replies;
  for (int i = 0; i < 6; ++i) {
    replies.push_back(Reply::Error(grpc::StatusCode::UNAVAILABLE, "blip"));
  }
  replies.push_back(Running("op-1"));
  replies.push_back(
      Reply::Error(grpc::StatusCode::RESOURCE_EXHAUSTED, "slow down"));
  replies.push_back(Done("op-1"));
  fake_.ScriptOperation("op-1", replies);
  absl::StatusOr<api::Desktop> desktop = op.Await();
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 9);
}

TEST_F(WaiterTest, PermanentPollErrorsEndTheWait) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation(
      "op-1", {Reply::Error(grpc::StatusCode::PERMISSION_DENIED, "no")});
  auto desktop = op.Await();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 1);
}

TEST_F(WaiterTest, NeverPollsFasterThanTheServerHint) {
  CreateDesktopOperation op = Create("op-1");
  Reply hinted = Running("op-1");
  hinted.headers = {{"x-operation-poll-interval", "1"}};  // seconds
  fake_.ScriptOperation("op-1", {hinted, hinted, Done("op-1")});
  ASSERT_TRUE(op.Await().ok());
  auto polls = fake_.Calls("OperationService.Get");
  ASSERT_EQ(polls.size(), 3u);
  // A lower bound only: polls may come later, never sooner.
  EXPECT_GE(polls[1].at - polls[0].at, absl::Seconds(1));
  EXPECT_GE(polls[2].at - polls[1].at, absl::Seconds(1));
}

TEST_F(WaiterTest, WrongResponseTypeNamesBothTypes) {
  CreateDesktopOperation op = Create("op-1");
  api::DesktopGroup group;
  group.set_id("grp");
  fake_.ScriptOperation(
      "op-1", {Reply::Ok(MakeOperation("op-1", true, nullptr, &group))});
  auto desktop = op.Await();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(
      desktop.status().message(),
      HasSubstr("operation op-1: response is "
                "yandex.cloud.clouddesktop.v1.api.DesktopGroup, expected "
                "yandex.cloud.clouddesktop.v1.api.Desktop"));
}

TEST_F(WaiterTest, WrongMetadataTypeNamesBothTypes) {
  auto meta = CreateMetadata("x");
  OperationClient ops(connections_);
  auto typed = ops.Attach<api::Desktop, api::StopDesktopMetadata>(
      MakeOperation("op-9", false, &meta));
  EXPECT_EQ(typed.metadata().status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(
      typed.metadata().status().message(),
      HasSubstr(
          "metadata is yandex.cloud.clouddesktop.v1.api.CreateDesktopMetadata, "
          "expected yandex.cloud.clouddesktop.v1.api.StopDesktopMetadata"));
}

TEST_F(WaiterTest, FailedOperationKeepsCodeMessageIdAndDetails) {
  CreateDesktopOperation op = Create("op-1");
  google::rpc::BadRequest quota;
  quota.add_field_violations()->set_field("folder-1");
  access::Subject info;
  info.set_id("folder-1");
  fake_.ScriptOperation(
      "op-1", {Running("op-1"),
               Reply::Ok(MakeFailedOperation(
                   "op-1", 8, "desktop quota exceeded", {&quota, &info}))});
  absl::StatusOr<api::Desktop> desktop = op.Await();
  ASSERT_EQ(desktop.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(desktop.status().message(),
            "operation op-1 failed: desktop quota exceeded");
  auto payload =
      desktop.status().GetPayload("type.googleapis.com/google.rpc.BadRequest");
  ASSERT_TRUE(payload.has_value());
  auto details = ErrorDetails(desktop.status());
  ASSERT_EQ(details.size(), 2u);
  EXPECT_TRUE(details[0].Is<google::rpc::BadRequest>());
  EXPECT_TRUE(details[1].Is<access::Subject>());
}

TEST_F(WaiterTest, OverallDeadline) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Running("op-1")});  // forever
  AwaitOptions options;
  options.deadline = fake_.Now() + absl::Milliseconds(200);
  absl::StatusOr<api::Desktop> desktop = op.Await(options);
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("operation op-1 is not done after"));
  EXPECT_GE(fake_.Now(), options.deadline);
}

TEST_F(WaiterTest, PolicyMaximumDuration) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Running("op-1")});
  PollingSettings settings;
  settings.initial_interval = absl::Milliseconds(1);
  settings.maximum_interval = absl::Milliseconds(5);
  settings.maximum_duration = absl::Milliseconds(100);
  AwaitOptions options;
  options.polling_policy = std::make_shared<ExponentialPollingPolicy>(settings);
  EXPECT_EQ(op.Await(options).status().code(),
            absl::StatusCode::kDeadlineExceeded);
}

TEST_F(WaiterTest, PollsThatHangRunIntoTheWaitDeadline) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Reply::Hang()});
  AwaitOptions options;
  options.deadline = fake_.Now() + absl::Milliseconds(200);
  auto desktop = op.Await(options);
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("operation op-1 is not done"));
}

TEST_F(WaiterTest, LocalCancelStopsPolling) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Running("op-1")});
  auto f = op.AwaitAsync();
  ASSERT_TRUE(fake_.WaitForCalls("OperationService.Get", 3));
  f.Cancel();
  absl::StatusOr<api::Desktop> desktop = f.Get();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("stopped waiting for operation op-1"));
  // The poll on the wire when the wait was cancelled may reach the server
  // a moment later (seen in 4 of 1000 runs); no poll starts after.
  const int at_cancel = fake_.CallCount("OperationService.Get");
  absl::SleepFor(absl::Milliseconds(50));
  const int polls = fake_.CallCount("OperationService.Get");
  EXPECT_LE(polls, at_cancel + 1);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), polls);
  EXPECT_EQ(fake_.CallCount("OperationService.Cancel"), 0);  // op goes on
}

TEST_F(WaiterTest, LocalCancelOfAHangingPoll) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1", {Reply::Hang()});
  auto f = op.AwaitAsync();
  ASSERT_TRUE(fake_.WaitForCalls("OperationService.Get", 1));
  f.Cancel();
  EXPECT_EQ(f.Get().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(WaiterTest, CancelOnTheServerThenAwaitTheFinalState) {
  CreateDesktopOperation op = Create("op-1");
  fake_.Script("OperationService.Cancel", {Running("op-1")});
  fake_.ScriptOperation(
      "op-1", {Running("op-1"),
               Reply::Ok(MakeFailedOperation("op-1", 1, "cancelled by user"))});
  absl::StatusOr<api::Desktop> desktop = op.CancelAndAwait();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(desktop.status().message(), HasSubstr("operation op-1 failed"));
  auto cancels = fake_.Calls("OperationService.Cancel");
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(
      static_cast<const operation::CancelOperationRequest&>(*cancels[0].request)
          .operation_id(),
      "op-1");
  EXPECT_EQ(cancels[0].header("idempotency-key").size(), 36u);
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 2);
}

TEST_F(WaiterTest, CancelOfAnOperationThatAlreadyFinished) {
  CreateDesktopOperation op = Create("op-1");
  fake_.Script("OperationService.Cancel", {Done("op-1")});
  auto desktop = op.CancelAndAwait();
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 0);
}

TEST_F(WaiterTest, ResumeByIdAfterARestart) {
  fake_.ScriptOperation("op-77", {Running("op-77"), Done("op-77")});
  OperationClient ops(connections_);
  absl::StatusOr<api::Desktop> desktop = ops.Await<api::Desktop>("op-77");
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(desktop->id(), "d-1");
  auto typed = ops.Attach<api::Desktop, api::CreateDesktopMetadata>("op-77");
  ASSERT_TRUE(typed.AwaitAsync().Get().ok());
}

TEST_F(WaiterTest, AnOperationFromAListThatIsDoneNeedsNoPoll) {
  auto meta = CreateMetadata("d-1");
  auto desktop = MakeDesktop("d-1");
  api::ListDesktopOperationsResponse page;
  *page.add_operations() = MakeOperation("op-5", true, &meta, &desktop);
  fake_.Script("DesktopService.ListOperations", {Reply::Ok(page)});
  api::ListDesktopOperationsRequest request;
  request.set_desktop_id("d-1");
  OperationClient ops(connections_);
  for (const auto& op :
       DesktopClient(connections_).ListDesktopOperations(request)) {
    ASSERT_TRUE(op.ok());
    auto d = ops.Await<api::Desktop>(*op);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->id(), "d-1");
  }
  EXPECT_EQ(fake_.CallCount("OperationService.Get"), 0);
}

TEST_F(WaiterTest, UntypedWaitReturnsTheFinalStateEvenWhenFailed) {
  fake_.ScriptOperation(
      "op-3", {Reply::Ok(MakeFailedOperation("op-3", 9, "bad state"))});
  operation::Operation op;
  op.set_id("op-3");
  auto final_state = OperationClient(connections_).AwaitOperation(op);
  ASSERT_TRUE(final_state.ok()) << final_state.status();
  EXPECT_TRUE(final_state->done());
  EXPECT_EQ(final_state->error().code(), 9);
}

TEST_F(WaiterTest, DeletesMayOmitTheEmptyResponse) {
  fake_.ScriptOperation("op-d", {Reply::Ok(MakeOperation("op-d", true))});
  auto empty =
      OperationClient(connections_).Await<google::protobuf::Empty>("op-d");
  EXPECT_TRUE(empty.ok()) << empty.status();
  auto desktop = OperationClient(connections_).Await<api::Desktop>("op-d");
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kInternal);
}

// DesktopGroupService.Update, SetAccessBindings and UpdateAccessBindings
// declare google.protobuf.Empty: whatever the server sends is success (as
// the official Go SDK treats it), and the payload stays in the proto.
TEST_F(WaiterTest, EmptyDeclaredResponsesAcceptAnyPayload) {
  api::DesktopGroup group;
  group.set_id("grp");
  fake_.ScriptOperation(
      "op-u", {Reply::Ok(MakeOperation("op-u", true, nullptr, &group))});
  OperationClient client(connections_);
  operation::Operation running;
  running.set_id("op-u");
  auto final_state = client.AwaitOperation(running);
  ASSERT_TRUE(final_state.ok()) << final_state.status();
  EXPECT_TRUE(OperationResult<google::protobuf::Empty>(*final_state).ok());
  api::DesktopGroup sent;
  ASSERT_TRUE(final_state->response().UnpackTo(&sent));
  EXPECT_EQ(sent.id(), "grp");
  // A typed response is still checked.
  EXPECT_EQ(OperationResult<api::Desktop>(*final_state).status().code(),
            absl::StatusCode::kInternal);
  // An error is still an error.
  fake_.ScriptOperation(
      "op-e", {Reply::Ok(MakeFailedOperation("op-e", 9, "bad state"))});
  auto failed = client.Await<google::protobuf::Empty>("op-e");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
}

// A wait that ends without the outcome says so (and names the operation);
// the operation's own failure does not.
TEST_F(WaiterTest, AWaitThatGivesUpIsNotTheOperationsFailure) {
  fake_.ScriptOperation("op-slow",
                        {Reply::Ok(MakeOperation("op-slow", false))});
  AwaitOptions short_wait;
  short_wait.deadline = fake_.Now() + absl::Milliseconds(100);
  auto gave_up = OperationClient(connections_)
                     .Await<google::protobuf::Empty>("op-slow", short_wait);
  ASSERT_FALSE(gave_up.ok());
  EXPECT_EQ(gave_up.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(IncompleteWaitOperationId(gave_up.status()), "op-slow");

  fake_.ScriptOperation(
      "op-gone",
      {Reply::Error(grpc::StatusCode::PERMISSION_DENIED, "not yours")});
  auto denied = OperationClient(connections_).Await<api::Desktop>("op-gone");
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(IncompleteWaitOperationId(denied.status()), "op-gone");

  fake_.ScriptOperation("op-failed",
                        {Reply::Ok(MakeFailedOperation("op-failed", 9, "no"))});
  auto failed = OperationClient(connections_).Await<api::Desktop>("op-failed");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(IncompleteWaitOperationId(failed.status()), std::nullopt);
  EXPECT_EQ(IncompleteWaitOperationId(absl::OkStatus()), std::nullopt);
}

TEST_F(WaiterTest, WaitingWithoutAnOperationConnection) {
  CreateDesktopOperation op(MakeOperation("op-1", false), nullptr);
  EXPECT_EQ(op.Await().status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(WaiterTest, EmptyIdIsInvalid) {
  EXPECT_EQ(
      OperationClient(connections_).Await<api::Desktop>("").status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(WaiterTest, ProgressCallbackRunsOnConnectionThreads) {
  CreateDesktopOperation op = Create("op-1");
  fake_.ScriptOperation("op-1",
                        {Running("op-1"), Running("op-1"), Done("op-1")});
  std::atomic<int> calls{0};
  std::atomic<bool> all_on_pool{true};
  AwaitOptions options;
  options.on_poll = [&](const absl::StatusOr<operation::Operation>&) {
    char name[32] = {0};
    pthread_getname_np(pthread_self(), name, sizeof(name));
    if (std::string(name) != "clouddesktop") all_on_pool = false;
    ++calls;
  };
  ASSERT_TRUE(op.Await(options).ok());
  EXPECT_EQ(calls, 3);
  EXPECT_TRUE(all_on_pool);
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
