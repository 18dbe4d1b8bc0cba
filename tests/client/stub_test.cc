// The transport seam: a Stub that is not gRPC (an in-memory one, as a REST
// transport would be) under the connection factory's decorators and the
// one retry loop, behind the public clients. Retries and backoff run on a
// simulated clock: seconds of backoff cost no real time.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/internal/desktop_stub.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/simulated_clock.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using internal::Headers;
using internal::RpcContext;
using internal::StubCallback;
using ::testing::HasSubstr;

// What the fake transport saw of one attempt.
struct Attempt {
  std::string method;
  Headers metadata;
  absl::Time deadline;

  std::string header(const std::string& key) const {
    for (const auto& [k, v] : metadata) {
      if (k == key) return v;
    }
    return "";
  }
};

// DesktopService over memory. Get answers from `answers` (then OK), or
// never (until cancelled) when `hang` is set; every other RPC is
// UNIMPLEMENTED. Implements nothing but the Stub.
class FakeDesktopTransport final : public internal::DesktopStub,
                                   public internal::RpcCanceller {
 public:
  void AsyncGet(RpcContext& context, const api::GetDesktopRequest& request,
                StubCallback<api::Desktop> done) override {
    absl::Status answer = absl::OkStatus();
    bool hung = false;
    {
      internal::MutexLock lock(&mu_);
      attempts_.push_back(
          {std::string(context.method), context.metadata, context.deadline});
      if (hang_) {
        hung = true;
        hung_ = std::move(done);
        context_ = &context;
        if (state_probe_) {
          context.transport_state = std::make_shared<Probe>(state_probe_);
        }
      } else if (!answers_.empty()) {
        answer = answers_.front();
        answers_.erase(answers_.begin());
      }
    }
    if (hung) {
      // Hung: cancellable through the context's hook.
      context.AttachCanceller(std::shared_ptr<internal::RpcCanceller>(
          std::shared_ptr<internal::RpcCanceller>(), this));
      return;
    }
    context.ids.request_id = "server-" + std::to_string(attempts().size());
    if (!answer.ok()) {
      std::move(done)(answer);
      return;
    }
    api::Desktop desktop;
    desktop.set_id(request.desktop_id());
    std::move(done)(std::move(desktop));
    HoldIfAsked();
  }

  // From now on Get, once it has answered, waits for Release before it
  // returns, as a transport still busy starting the call would (the answer
  // can come first).
  void HoldAfterAnswer() {
    internal::MutexLock lock(&mu_);
    hold_ = true;
  }
  void WaitUntilHolding() {
    internal::MutexLock lock(&mu_);
    while (!holding_) cv_.Wait(&mu_);
  }
  void Release() {
    internal::MutexLock lock(&mu_);
    hold_ = false;
    cv_.SignalAll();
  }
  // A hung Get from now on leaves per-attempt transport state (as gRPC's
  // ClientContext) that calls `on_destroy` when it is released.
  void SetStateProbe(std::function<void()> on_destroy) {
    internal::MutexLock lock(&mu_);
    state_probe_ = std::move(on_destroy);
  }
  // Whether a held Get has returned.
  bool returned() {
    internal::MutexLock lock(&mu_);
    return returned_;
  }

#define CLOUDDESKTOP_TEST_UNIMPLEMENTED(Method, Request, Response)             \
  void Async##Method(RpcContext&, const Request&, StubCallback<Response> done) \
      override {                                                               \
    std::move(done)(absl::UnimplementedError("fake: " #Method));               \
  }
  // Every RPC but Get (which is defined above).
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(GetRdpFile, api::GetRdpFileRequest,
                                  api::RdpFileResponse)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(List, api::ListDesktopsRequest,
                                  api::ListDesktopsResponse)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(ListOperations,
                                  api::ListDesktopOperationsRequest,
                                  api::ListDesktopOperationsResponse)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Create, api::CreateDesktopRequest,
                                  operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(ResetPassword, api::ResetPasswordRequest,
                                  api::ResetPasswordResponse)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Restart, api::RestartRequest,
                                  operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Start, api::StartRequest,
                                  operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Stop, api::StopRequest, operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Update, api::UpdateRequest,
                                  operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(UpdateProperties,
                                  api::UpdatePropertiesRequest,
                                  operation::Operation)
  CLOUDDESKTOP_TEST_UNIMPLEMENTED(Delete, api::DeleteDesktopRequest,
                                  operation::Operation)
#undef CLOUDDESKTOP_TEST_UNIMPLEMENTED

  void HoldIfAsked() {
    internal::MutexLock lock(&mu_);
    if (!hold_) return;
    holding_ = true;
    cv_.SignalAll();
    while (hold_) cv_.Wait(&mu_);
    returned_ = true;
  }

  // The hung call completes CANCELLED, as a transport's would.
  void TryCancel() override {
    StubCallback<api::Desktop> done;
    {
      internal::MutexLock lock(&mu_);
      done = std::move(hung_);
      if (context_ != nullptr) context_->DetachCanceller();
    }
    ++cancels_;
    if (done) std::move(done)(absl::CancelledError("fake: cancelled"));
  }

  // Answers the hung call as gRPC does: the callback is called in place and
  // destroyed later (gRPC destroys it on its thread after it returns); here
  // it is kept until DropAnswered. Test thread only.
  void AnswerHungInPlace(api::Desktop desktop) {
    RpcContext* context;
    {
      internal::MutexLock lock(&mu_);
      answered_ = std::move(hung_);
      context = context_;
      context_ = nullptr;
    }
    context->DetachCanceller();
    answered_(std::move(desktop));
  }
  void DropAnswered() { answered_ = nullptr; }

  void Answer(std::vector<absl::Status> answers) {
    internal::MutexLock lock(&mu_);
    answers_ = std::move(answers);
  }
  void Hang() {
    internal::MutexLock lock(&mu_);
    hang_ = true;
  }
  std::vector<Attempt> attempts() const {
    internal::MutexLock lock(&mu_);
    return attempts_;
  }
  int cancels() const { return cancels_; }

 private:
  mutable internal::Mutex mu_;
  std::vector<absl::Status> answers_ ABSL_GUARDED_BY(mu_);
  std::vector<Attempt> attempts_ ABSL_GUARDED_BY(mu_);
  bool hang_ ABSL_GUARDED_BY(mu_) = false;
  StubCallback<api::Desktop> hung_ ABSL_GUARDED_BY(mu_);
  RpcContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
  struct Probe {
    explicit Probe(std::function<void()> f) : on_destroy(std::move(f)) {}
    ~Probe() { on_destroy(); }
    std::function<void()> on_destroy;
  };
  std::function<void()> state_probe_ ABSL_GUARDED_BY(mu_);
  StubCallback<api::Desktop> answered_;  // the test thread's
  internal::CondVar cv_;
  bool hold_ ABSL_GUARDED_BY(mu_) = false;
  bool holding_ ABSL_GUARDED_BY(mu_) = false;
  bool returned_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<int> cancels_{0};
};

// A fixed delay between attempts, so the simulated time it takes is known.
class FixedBackoff final : public BackoffPolicy {
 public:
  explicit FixedBackoff(absl::Duration d) : d_(d) {}
  std::unique_ptr<BackoffPolicy> clone() const override {
    return std::make_unique<FixedBackoff>(d_);
  }
  absl::Duration OnCompletion() override { return d_; }

 private:
  absl::Duration d_;
};

// Sets a flag when destroyed.
class FlaggedAuth final : public AuthProvider {
 public:
  explicit FlaggedAuth(std::shared_ptr<std::atomic<bool>> destroyed)
      : destroyed_(std::move(destroyed)) {}
  ~FlaggedAuth() override { *destroyed_ = true; }
  Future<absl::StatusOr<std::string>> GetToken() override {
    return MakeReadyFuture(absl::StatusOr<std::string>("t0ken"));
  }

 private:
  std::shared_ptr<std::atomic<bool>> destroyed_;
};

class StubTest : public ::testing::Test {
 protected:
  Connections Make(ConnectionOptions options) {
    options.clock = clock_;
    internal::Stubs stubs;
    stubs.desktop = fake_;
    return internal::MakeConnections(
        std::make_shared<internal::Transport>(std::move(options), stubs));
  }

  static api::GetDesktopRequest Get(const std::string& id) {
    api::GetDesktopRequest request;
    request.set_desktop_id(id);
    return request;
  }

  // DesktopService.Get of `id` on the retry loop over `transport`'s Stub,
  // registered in `registry`: a call without a connection around it.
  static Future<absl::StatusOr<api::Desktop>> StartGet(
      const std::shared_ptr<internal::Transport>& transport,
      internal::CallRegistry& registry, const std::string& id) {
    return internal::AsyncRetry(
        transport, registry,
        internal::MakeCallSettings(transport->options(), "DesktopService.Get",
                                   internal::kIdempotent, CallOptions()),
        transport->stubs().desktop.get(), &internal::DesktopStub::AsyncGet,
        Get(id));
  }

  std::shared_ptr<internal::SimulatedClock> clock_ =
      std::make_shared<internal::SimulatedClock>();
  std::shared_ptr<FakeDesktopTransport> fake_ =
      std::make_shared<FakeDesktopTransport>();
};

TEST_F(StubTest, ASecondTransportOnlyImplementsTheStub) {
  ConnectionOptions options;
  options.auth = std::make_shared<StaticTokenAuth>("t0ken");
  Connections connections = Make(options);
  DesktopClient client(connections);
  CallOptions call;
  call.metadata = {{"x-custom", "yes"}};
  absl::StatusOr<api::Desktop> desktop = client.GetDesktop(Get("d-1"), call);
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  EXPECT_EQ(desktop->id(), "d-1");
  std::vector<Attempt> attempts = fake_->attempts();
  ASSERT_EQ(attempts.size(), 1u);
  // The decorators' headers reached the transport, whatever it is.
  EXPECT_EQ(attempts[0].method, "DesktopService.Get");
  EXPECT_EQ(attempts[0].header("authorization"), "Bearer t0ken");
  EXPECT_EQ(attempts[0].header("x-custom"), "yes");
  EXPECT_EQ(attempts[0].header("x-client-request-id").size(), 36u);
  EXPECT_EQ(attempts[0].header("x-client-trace-id").size(), 36u);
  EXPECT_NE(attempts[0].deadline, absl::InfiniteFuture());
  // Another RPC of the same fake: its error, attributed to the method.
  CallOptions unvalidated;
  unvalidated.validate = false;
  auto list =
      connections.desktop->ListDesktops(api::ListDesktopsRequest(), unvalidated)
          .Get();
  EXPECT_EQ(list.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(list.status().message(),
              HasSubstr("DesktopService.List: UNIMPLEMENTED: fake: List"));
}

TEST_F(StubTest, RetriesWithBackoffRunOnTheSimulatedClock) {
  ConnectionOptions options;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(5);
  options.backoff_policy = std::make_shared<FixedBackoff>(absl::Seconds(30));
  fake_->Answer({absl::UnavailableError("blip"), absl::UnavailableError("blip"),
                 absl::UnavailableError("blip")});
  const absl::Time start = clock_->Now();
  absl::StatusOr<api::Desktop> desktop =
      DesktopClient(Make(options)).GetDesktop(Get("d-2"));
  ASSERT_TRUE(desktop.ok()) << desktop.status();
  std::vector<Attempt> attempts = fake_->attempts();
  ASSERT_EQ(attempts.size(), 4u);
  // Three backoffs of 30 s, in simulated time only.
  EXPECT_GE(clock_->Now() - start, absl::Seconds(90));
  // Each attempt has its own request id and one trace id.
  EXPECT_NE(attempts[0].header("x-client-request-id"),
            attempts[1].header("x-client-request-id"));
  EXPECT_EQ(attempts[0].header("x-client-trace-id"),
            attempts[3].header("x-client-trace-id"));
}

TEST_F(StubTest, FailuresNameMethodRequestIdAndAttempts) {
  ConnectionOptions options;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(2);
  options.backoff_policy = std::make_shared<FixedBackoff>(absl::Seconds(1));
  fake_->Answer({absl::UnavailableError("down"), absl::UnavailableError("down"),
                 absl::UnavailableError("down")});
  auto desktop = DesktopClient(Make(options)).GetDesktop(Get("d-3"));
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(desktop.status().message(),
              HasSubstr("DesktopService.Get: UNAVAILABLE: down"));
  EXPECT_THAT(desktop.status().message(), HasSubstr("x-request-id=server-3"));
  EXPECT_THAT(desktop.status().message(), HasSubstr("attempts=3"));
}

TEST_F(StubTest, CancellingReachesTheTransportThroughTheContext) {
  fake_->Hang();
  Connections connections = Make(ConnectionOptions());
  auto f = DesktopClient(connections).GetDesktopAsync(Get("d-4"));
  while (fake_->attempts().empty()) absl::SleepFor(absl::Milliseconds(1));
  f.Cancel();
  absl::StatusOr<api::Desktop> desktop = f.Get();
  EXPECT_EQ(desktop.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(desktop.status().message(), HasSubstr("cancelled by the caller"));
  EXPECT_EQ(fake_->cancels(), 1);
}

// What the caller gave the connection (here its AuthProvider) is released
// when the caller lets go of the connection, not when the transport gets
// round to destroying an answered attempt's callback: gRPC does that on its
// callback thread, where no channel may be released (grpc/grpc#32584: with
// gRPC 1.51's callback threads on Linux, the process crashes), and the
// library's providers own their IAM channel.
TEST_F(StubTest, AnAnsweredCallbackHoldsNothingTheCallerGave) {
  fake_->Hang();
  auto destroyed = std::make_shared<std::atomic<bool>>(false);
  {
    ConnectionOptions options;
    options.auth = std::make_shared<FlaggedAuth>(destroyed);
    Connections connections = Make(options);
    auto f = DesktopClient(connections).GetDesktopAsync(Get("d-5"));
    while (fake_->attempts().empty()) absl::SleepFor(absl::Milliseconds(1));
    api::Desktop answer;
    answer.set_id("d-5");
    fake_->AnswerHungInPlace(answer);
    absl::StatusOr<api::Desktop> desktop = f.Get();
    ASSERT_TRUE(desktop.ok()) << desktop.status();
    EXPECT_EQ(fake_->attempts()[0].header("authorization"), "Bearer t0ken");
  }
  // The connections are gone; the fake still holds the callback.
  EXPECT_TRUE(*destroyed);
  fake_->DropAnswered();
  EXPECT_TRUE(*destroyed);
}

// An attempt's transport state may hold a reference to the channel (gRPC's
// ClientContext does). It is released while the call still holds its
// Transport, so that the channel's last reference is never the state's but
// the Transport's, whose deleter keeps it off gRPC's callback thread.
TEST_F(StubTest, AnAttemptsStateGoesBeforeTheCallsTransport) {
  fake_->Hang();
  auto transport_gone = std::make_shared<std::atomic<bool>>(false);
  std::atomic<int> freed{0};
  std::atomic<int> freed_before_the_transport{0};
  fake_->SetStateProbe([&] {
    ++freed;
    if (!*transport_gone) ++freed_before_the_transport;
  });
  ConnectionOptions options;
  // The Transport owns the options, so this goes with it.
  options.auth = std::make_shared<FlaggedAuth>(transport_gone);
  auto transport =
      internal::MakeTransport(std::move(options), internal::Stubs{fake_});
  auto registry = std::make_shared<internal::CallRegistry>();
  auto f = StartGet(transport, *registry, "d-7");
  transport.reset();  // the call holds the only reference
  ASSERT_EQ(fake_->attempts().size(), 1u);
  fake_->AnswerHungInPlace(api::Desktop());
  EXPECT_TRUE(f.Get().ok());
  EXPECT_TRUE(*transport_gone);
  EXPECT_EQ(freed.load(), 1);
  EXPECT_EQ(freed_before_the_transport.load(), 1);
  fake_->DropAnswered();
}

// The transport may end an attempt before its start has returned (here:
// the fake answers, then goes on "sending"). A connection's destructor,
// which waits for the registry of its calls, then also waits for that
// start to return: the call, and with it the Transport, are never left to
// the starting thread once the connection is gone (whose last reference
// would then be that thread's, and the executor's threads not joined).
TEST_F(StubTest, ACallIsInItsRegistryUntilItsStartHasReturned) {
  fake_->HoldAfterAnswer();
  auto transport =
      internal::MakeTransport(ConnectionOptions(), internal::Stubs{fake_});
  auto registry = std::make_shared<internal::CallRegistry>();
  std::thread starter(
      [&] { EXPECT_TRUE(StartGet(transport, *registry, "d-6").Get().ok()); });
  fake_->WaitUntilHolding();  // answered; the start has not returned
  std::thread releaser([&] {
    absl::SleepFor(absl::Milliseconds(100));
    fake_->Release();
  });
  registry->CloseAndCancelAll();
  registry->WaitEmpty();
  EXPECT_TRUE(fake_->returned());
  releaser.join();
  starter.join();
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
