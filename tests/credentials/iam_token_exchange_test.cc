// The IAM exchange over the call path's Stub seam: a scripted IamTokenStub
// shows what each fetch hands the transport (one attempt, the deadline on
// the exchange's clock, no headers) and how its answers and Shutdown come
// back (the service's code, the exchange's wording, the credential
// redacted). The same over a real gRPC server: iam_exchange_test.

#include "clouddesktop/credentials/internal/iam_token_exchange.h"

#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/iam_token_stub.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/rpc_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/credentials/test_util.h"

namespace credentials_test {
namespace {

namespace iam = ::yandex::cloud::iam::v1;
using ::clouddesktop::internal::FetchedToken;
using ::clouddesktop::internal::IamTokenExchange;
using ::clouddesktop::internal::IamTokenStub;
using ::clouddesktop::internal::RpcCanceller;
using ::clouddesktop::internal::RpcContext;
using ::clouddesktop::internal::StubCallback;
using ::testing::SizeIs;

constexpr char kEndpoint[] = "iam.test:443";
constexpr char kJwt[] = "eyJhbGciOiJQUzI1NiJ9.SECRET-PAYLOAD.sig";
constexpr char kWhat[] =
    "getting an IAM token from IamTokenService.Create at iam.test:443 "
    "(service account sa-1, key key-1)";
constexpr absl::Duration kWait = absl::Seconds(30);

// Answers each Create as scripted, or holds it until cancelled.
class ScriptedIamStub final : public IamTokenStub {
 public:
  struct Seen {
    std::string method;
    absl::Time deadline;
    int attempt = 0;
    size_t headers = 0;
    std::string jwt;
  };

  // Each attempt is answered with `answer`; none: held until cancelled.
  void set_answer(absl::StatusOr<iam::CreateIamTokenResponse> answer) {
    clouddesktop::internal::MutexLock lock(&mu_);
    answer_ = std::move(answer);
    hold_ = false;
  }
  void hold() {
    clouddesktop::internal::MutexLock lock(&mu_);
    hold_ = true;
  }
  std::vector<Seen> seen() {
    clouddesktop::internal::MutexLock lock(&mu_);
    return seen_;
  }
  bool cancelled() {
    clouddesktop::internal::MutexLock lock(&mu_);
    return cancelled_;
  }

  void AsyncCreate(RpcContext& context,
                   const iam::CreateIamTokenRequest& request,
                   StubCallback<iam::CreateIamTokenResponse> done) override {
    absl::StatusOr<iam::CreateIamTokenResponse> answer;
    bool held;
    {
      clouddesktop::internal::MutexLock lock(&mu_);
      seen_.push_back({std::string(context.method), context.deadline,
                       context.attempt, context.metadata.size(),
                       request.jwt()});
      held = hold_;
      if (held) {
        held_ = std::move(done);
        held_context_ = &context;
      } else {
        answer = answer_;
      }
    }
    if (held) {
      // As a transport does: cancelling ends the call with CANCELLED.
      context.AttachCanceller(std::make_shared<Canceller>(this));
      return;
    }
    std::move(done)(std::move(answer));
  }

 private:
  struct Canceller final : RpcCanceller {
    explicit Canceller(ScriptedIamStub* stub) : stub(stub) {}
    void TryCancel() override {
      StubCallback<iam::CreateIamTokenResponse> done;
      RpcContext* context;
      {
        clouddesktop::internal::MutexLock lock(&stub->mu_);
        stub->cancelled_ = true;
        done = std::move(stub->held_);
        context = stub->held_context_;
      }
      if (done == nullptr) return;
      context->DetachCanceller();
      std::move(done)(absl::CancelledError("Cancelled"));
    }
    ScriptedIamStub* stub;
  };

  clouddesktop::internal::Mutex mu_;
  absl::StatusOr<iam::CreateIamTokenResponse> answer_ ABSL_GUARDED_BY(mu_) =
      absl::UnavailableError("no answer scripted");
  bool hold_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  StubCallback<iam::CreateIamTokenResponse> held_ ABSL_GUARDED_BY(mu_);
  RpcContext* held_context_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::vector<Seen> seen_ ABSL_GUARDED_BY(mu_);
};

class IamTokenExchangeTest : public ::testing::Test {
 protected:
  std::unique_ptr<IamTokenExchange> MakeExchange() {
    return std::make_unique<IamTokenExchange>(
        stub_, kEndpoint, "service account sa-1, key key-1", absl::Seconds(7),
        []() -> absl::StatusOr<IamTokenExchange::Request> {
          IamTokenExchange::Request request;
          request.set_jwt(kJwt);
          return request;
        },
        clock_);
  }

  // Starts one fetch; the future holds its result.
  static std::future<absl::StatusOr<FetchedToken>> Fetch(
      IamTokenExchange& exchange) {
    auto promise =
        std::make_shared<std::promise<absl::StatusOr<FetchedToken>>>();
    auto future = promise->get_future();
    exchange.Fetch([promise](absl::StatusOr<FetchedToken> result) {
      promise->set_value(std::move(result));
    });
    return future;
  }

  static absl::StatusOr<FetchedToken> Await(
      std::future<absl::StatusOr<FetchedToken>> future) {
    if (future.wait_for(absl::ToChronoSeconds(kWait)) !=
        std::future_status::ready) {
      return absl::DeadlineExceededError("the fetch never completed");
    }
    return future.get();
  }

  std::shared_ptr<ScriptedIamStub> stub_ = std::make_shared<ScriptedIamStub>();
  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
};

TEST_F(IamTokenExchangeTest, OneAttemptWithTheDeadlineOnItsClockAndNoHeaders) {
  iam::CreateIamTokenResponse response;
  response.set_iam_token("t1.issued");
  stub_->set_answer(response);
  auto exchange = MakeExchange();
  const absl::Time start = clock_->Now();
  absl::StatusOr<FetchedToken> token = Await(Fetch(*exchange));
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->value, "t1.issued");
  EXPECT_EQ(token->issued_at, start);
  // No expires_at: an hour is assumed.
  EXPECT_EQ(token->expires_at, start + absl::Hours(1));

  // A transient failure is not retried here: the refresher's RefreshPolicy
  // decides when the next fetch starts.
  stub_->set_answer(absl::UnavailableError("try later"));
  absl::StatusOr<FetchedToken> failed = Await(Fetch(*exchange));
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);

  std::vector<ScriptedIamStub::Seen> seen = stub_->seen();
  ASSERT_THAT(seen, SizeIs(2));
  for (const auto& s : seen) {
    EXPECT_EQ(s.method, "IamTokenService.Create");
    EXPECT_EQ(s.attempt, 1);
    EXPECT_EQ(s.deadline, start + absl::Seconds(7));
    EXPECT_EQ(s.headers, 0u);  // no authorization, no ids
    EXPECT_EQ(s.jwt, kJwt);
  }
}

TEST_F(IamTokenExchangeTest, ErrorsKeepTheCodeInTheExchangesWordsRedacted) {
  stub_->set_answer(absl::PermissionDeniedError(
      absl::StrCat("rejected credential ", kJwt, " for sa-1")));
  auto exchange = MakeExchange();
  absl::StatusOr<FetchedToken> token = Await(Fetch(*exchange));
  EXPECT_EQ(token.status(),
            absl::PermissionDeniedError(absl::StrCat(
                kWhat, ": rejected credential [redacted] for sa-1")));

  iam::CreateIamTokenResponse empty;
  stub_->set_answer(empty);
  token = Await(Fetch(*exchange));
  EXPECT_EQ(token.status(), absl::InternalError(absl::StrCat(
                                kWhat, ": the answer holds no iam_token")));
}

TEST_F(IamTokenExchangeTest, ShutdownCancelsTheCallInFlightAndLaterFetches) {
  stub_->hold();
  auto exchange = MakeExchange();
  auto in_flight = Fetch(*exchange);
  ASSERT_THAT(stub_->seen(), SizeIs(1));
  exchange->Shutdown();
  EXPECT_TRUE(stub_->cancelled());
  absl::StatusOr<FetchedToken> token = Await(std::move(in_flight));
  EXPECT_EQ(token.status(),
            absl::CancelledError(absl::StrCat(
                kWhat, ": the credentials provider was shut down")));

  token = Await(Fetch(*exchange));
  EXPECT_EQ(token.status(),
            absl::CancelledError(absl::StrCat(
                kWhat, ": the credentials provider was shut down")));
  EXPECT_THAT(stub_->seen(), SizeIs(1));  // never sent
}

TEST_F(IamTokenExchangeTest, DestroyingWaitsForTheCallInFlight) {
  stub_->hold();
  auto exchange = MakeExchange();
  auto in_flight = Fetch(*exchange);
  exchange.reset();
  // Delivered before the destructor returned.
  ASSERT_EQ(in_flight.wait_for(std::chrono::seconds(0)),
            std::future_status::ready);
  EXPECT_EQ(in_flight.get().status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace credentials_test
