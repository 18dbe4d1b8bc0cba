#include "clouddesktop/credentials/internal/iam_token_exchange.h"

#include <openssl/crypto.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/options.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

namespace iam = ::yandex::cloud::iam::v1;

// When the service gives no expiry: shorter than any real IAM token, so the
// token is refreshed early rather than served expired.
constexpr absl::Duration kAssumedLifetime = absl::Hours(1);

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
  s->clear();
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

struct IamTokenExchange::Call {
  std::shared_ptr<grpc::ClientContext> context =
      std::make_shared<grpc::ClientContext>();
  iam::CreateIamTokenRequest request;
  iam::CreateIamTokenResponse response;
  Done done;
  absl::Time issued_at;  // on clock_
  absl::Time sent_at;    // wall time, the reference of expires_at

  ~Call() {
    Wipe(request.mutable_jwt());
    Wipe(request.mutable_yandex_passport_oauth_token());
    Wipe(response.mutable_iam_token());
  }
};

IamTokenExchange::IamTokenExchange(std::shared_ptr<grpc::Channel> channel,
                                   std::string endpoint,
                                   std::string description,
                                   absl::Duration timeout,
                                   RequestMaker make_request,
                                   std::shared_ptr<const Clock> clock)
    : stub_(iam::IamTokenService::NewStub(std::move(channel))),
      endpoint_(std::move(endpoint)),
      description_(std::move(description)),
      timeout_(timeout),
      make_request_(std::move(make_request)),
      clock_(std::move(clock)) {}

IamTokenExchange::~IamTokenExchange() = default;

void IamTokenExchange::Fetch(Done done) {
  const std::string what =
      absl::StrCat("getting an IAM token from IamTokenService.Create at ",
                   endpoint_, " (", description_, ")");
  auto call = std::make_unique<Call>();
  call->issued_at = clock_->Now();
  call->sent_at = absl::Now();
  absl::StatusOr<iam::CreateIamTokenRequest> request = make_request_();
  if (!request.ok()) {
    std::move(done)(
        absl::Status(request.status().code(),
                     absl::StrCat(what, ": ", request.status().message())));
    return;
  }
  call->request = *std::move(request);
  // gRPC deadlines are wall-clock instants, whatever clock_ is.
  call->context->set_deadline(absl::ToChronoTime(call->sent_at + timeout_));
  bool shut_down;
  {
    internal::MutexLock lock(&mu_);
    shut_down = shutdown_;
    if (!shut_down) in_flight_ = call->context;
  }
  if (shut_down) {
    std::move(done)(absl::CancelledError(
        absl::StrCat(what, ": the credentials provider was shut down")));
    return;
  }
  call->done = std::move(done);
  Call* raw = call.release();
  grpc::ClientContext* context = raw->context.get();
  iam::CreateIamTokenRequest* request_ptr = &raw->request;
  iam::CreateIamTokenResponse* response_ptr = &raw->response;
  // The callback may run (and free the call) before Create returns: nothing
  // of the call is touched after this point.
  TsanRelease(raw);
  // No authorization header: this call is how the token is obtained.
  stub_->async()->Create(
      context, request_ptr, response_ptr,
      [this, raw](grpc::Status status) { OnDone(raw, status); });
}

void IamTokenExchange::OnDone(Call* raw, const grpc::Status& status) {
  TsanAcquire(raw);
  std::unique_ptr<Call> call(raw);
  {
    internal::MutexLock lock(&mu_);
    in_flight_.reset();
  }
  const std::string what =
      absl::StrCat("getting an IAM token from IamTokenService.Create at ",
                   endpoint_, " (", description_, ")");
  absl::StatusOr<FetchedToken> result;
  if (!status.ok()) {
    std::string message = status.error_message();
    // A service echoing the request must not leak the credential.
    for (const std::string* secret :
         {&call->request.jwt(), &call->request.yandex_passport_oauth_token()}) {
      if (!secret->empty()) {
        absl::StrReplaceAll({{*secret, "[redacted]"}}, &message);
      }
    }
    result = absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat(what, ": ", message));
  } else if (call->response.iam_token().empty()) {
    result = absl::InternalError(
        absl::StrCat(what, ": the answer holds no iam_token"));
  } else {
    FetchedToken token;
    token.value = call->response.iam_token();
    token.issued_at = call->issued_at;
    absl::Duration lifetime = kAssumedLifetime;
    if (call->response.has_expires_at()) {
      const auto& ts = call->response.expires_at();
      lifetime = absl::FromUnixSeconds(ts.seconds()) +
                 absl::Nanoseconds(ts.nanos()) - call->sent_at;
    }
    token.expires_at = call->issued_at + lifetime;
    result = std::move(token);
  }
  Done done = std::move(call->done);
  // Per-call state (context, request with its credential, response) goes
  // before the result is delivered.
  call.reset();
  std::move(done)(std::move(result));
}

void IamTokenExchange::Shutdown() {
  std::shared_ptr<grpc::ClientContext> context;
  {
    internal::MutexLock lock(&mu_);
    shutdown_ = true;
    context = in_flight_;
  }
  if (context != nullptr) context->TryCancel();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
