#include "clouddesktop/credentials/internal/iam_token_exchange.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "clouddesktop/credentials/internal/wipe.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/internal/grpc_stubs.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/options.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using Response = iam::CreateIamTokenResponse;
using Loop = AsyncRetryLoop<IamTokenStub, iam::CreateIamTokenRequest, Response>;

constexpr char kMethod[] = "IamTokenService.Create";

// When the service gives no expiry: shorter than any real IAM token, so the
// token is refreshed early rather than served expired.
constexpr absl::Duration kAssumedLifetime = absl::Hours(1);

void WipeRequest(iam::CreateIamTokenRequest& request) {
  Wipe(*request.mutable_jwt());
  Wipe(*request.mutable_yandex_passport_oauth_token());
}

}  // namespace

std::shared_ptr<grpc::Channel> MakeIamChannel(
    const CredentialsOptions& options) {
  // The facade's channel recipe (system roots, user agent), with only the
  // TLS settings of the IAM endpoint.
  ConnectionOptions connection;
  connection.insecure = options.iam_insecure;
  connection.ca_pem = options.iam_ca_pem;
  return MakeChannel(connection, options.iam_endpoint);
}

std::shared_ptr<IamTokenStub> MakeGrpcIamStub(
    const CredentialsOptions& options, std::shared_ptr<const Clock> clock) {
  return MakeGrpcIamTokenStub(MakeIamChannel(options), options.iam_insecure,
                              std::move(clock));
}

// One fetch's own state: the credential (for redaction) and the times the
// token's lifetime is measured from.
struct IamTokenExchange::Call {
  iam::CreateIamTokenRequest request;
  Done done;
  absl::Time issued_at;  // on clock_
  absl::Time sent_at;    // wall time, the reference of expires_at

  ~Call() { WipeRequest(request); }
};

IamTokenExchange::IamTokenExchange(std::shared_ptr<IamTokenStub> stub,
                                   std::string endpoint,
                                   std::string description,
                                   absl::Duration timeout,
                                   RequestMaker make_request,
                                   std::shared_ptr<const Clock> clock)
    : stub_(std::move(stub)),
      endpoint_(std::move(endpoint)),
      description_(std::move(description)),
      timeout_(timeout),
      make_request_(std::move(make_request)),
      clock_(std::move(clock)),
      transport_(MakeFetchTransport(clock_)) {}

IamTokenExchange::~IamTokenExchange() {
  Shutdown();
  // The call uses stub_ and `this` until its result is delivered.
  registry_->WaitEmpty();
}

std::string IamTokenExchange::What() const {
  return absl::StrCat("getting an IAM token from ", kMethod, " at ", endpoint_,
                      " (", description_, ")");
}

void IamTokenExchange::Fetch(Done done) {
  auto call = std::make_unique<Call>();
  call->issued_at = clock_->Now();
  call->sent_at = absl::Now();
  absl::StatusOr<iam::CreateIamTokenRequest> request = make_request_();
  if (!request.ok()) {
    std::move(done)(
        absl::Status(request.status().code(),
                     absl::StrCat(What(), ": ", request.status().message())));
    return;
  }
  call->request = *std::move(request);
  bool shut_down;
  {
    internal::MutexLock lock(&mu_);
    shut_down = shutdown_;
  }
  if (shut_down) {
    std::move(done)(absl::CancelledError(
        absl::StrCat(What(), ": the credentials provider was shut down")));
    return;
  }
  call->done = std::move(done);
  // A single attempt (no retry policy): the refresher backs off between
  // fetches (RefreshPolicy).
  CallSettings settings;
  settings.method = kMethod;
  settings.attempt_timeout = timeout_;
  auto loop =
      std::make_shared<Loop>(transport_, std::move(settings), stub_.get(),
                             &IamTokenStub::AsyncCreate, call->request);
  loop->set_request_wiper(&WipeRequest);
  loop->set_done(
      [this, call = std::move(call)](absl::StatusOr<Response> response,
                                     const AttemptInfo&) mutable {
        OnDone(std::move(call), std::move(response));
      });
  // A registry closed by Shutdown in the meantime completes it at once.
  RetryLoopBase::Start(std::move(loop), *registry_);
}

absl::Status IamTokenExchange::ExchangeError(const Call& call,
                                             const absl::Status& status) {
  bool shut_down;
  {
    internal::MutexLock lock(&mu_);
    shut_down = shutdown_;
  }
  std::string message;
  if (status.code() == absl::StatusCode::kCancelled && shut_down) {
    message = "the credentials provider was shut down";
  } else {
    // The service's (or the transport's) message, without the loop's
    // `<method>: <CODE>:` and ids: this error names the exchange instead.
    std::optional<CallInfo> info = ReadCallInfo(status);
    message = info.has_value() ? info->message : std::string(status.message());
  }
  // A service echoing the request must not leak the credential.
  for (const std::string* secret :
       {&call.request.jwt(), &call.request.yandex_passport_oauth_token()}) {
    if (!secret->empty()) {
      absl::StrReplaceAll({{*secret, "[redacted]"}}, &message);
    }
  }
  return absl::Status(status.code(), absl::StrCat(What(), ": ", message));
}

void IamTokenExchange::OnDone(std::unique_ptr<Call> call,
                              absl::StatusOr<Response> response) {
  absl::StatusOr<FetchedToken> result;
  if (!response.ok()) {
    result = ExchangeError(*call, response.status());
  } else if (response->iam_token().empty()) {
    result = absl::InternalError(
        absl::StrCat(What(), ": the answer holds no iam_token"));
  } else {
    FetchedToken token;
    token.value = response->iam_token();
    token.issued_at = call->issued_at;
    absl::Duration lifetime = kAssumedLifetime;
    if (response->has_expires_at()) {
      const auto& ts = response->expires_at();
      lifetime = absl::FromUnixSeconds(ts.seconds()) +
                 absl::Nanoseconds(ts.nanos()) - call->sent_at;
    }
    token.expires_at = call->issued_at + lifetime;
    result = std::move(token);
  }
  if (response.ok()) Wipe(*response->mutable_iam_token());
  Done done = std::move(call->done);
  // Per-call state (the request with its credential, the response) goes
  // before the result is delivered.
  call.reset();
  std::move(done)(std::move(result));
}

void IamTokenExchange::Shutdown() {
  {
    internal::MutexLock lock(&mu_);
    shutdown_ = true;
  }
  // Cancels the call in flight (outside mu_: gRPC may complete it inline).
  registry_->CloseAndCancelAll();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
