// The IamTokenService.Create exchange (a service-account JWT or an OAuth
// token for an IAM token), as a TokenFetcher over the library's one call
// path: an IamTokenStub (iam_token_stub.h; gRPC in grpc_stubs.h) driven by
// the one retry loop (async_retry_loop.h).

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/iam_token_stub.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The channel to options.iam_endpoint (TLS with options.iam_ca_pem or the
// system roots, or plaintext when options.iam_insecure). Connects lazily.
std::shared_ptr<grpc::Channel> MakeIamChannel(
    const CredentialsOptions& options);

// The gRPC IamTokenStub over MakeIamChannel(options); its deadlines are
// measured by `clock` (the exchange's).
std::shared_ptr<IamTokenStub> MakeGrpcIamStub(
    const CredentialsOptions& options, std::shared_ptr<const Clock> clock);

// Each Fetch makes a request with `make_request` (on the refresher's thread:
// a fresh JWT per exchange) and sends it through the retry loop as a single
// attempt (retries after failures are the refresher's, per RefreshPolicy)
// with a deadline of `timeout` on `clock` and no authorization header (the
// stub is undecorated). Errors keep the service's code and name the
// endpoint and `description`; the credential sent is redacted from any
// message the service returns, and cleansed from memory with the call.
//
// Owns a Transport of its own (an executor of one thread, which runs the
// loop's error path, and the loop's RpcLimiter) and the registry of its
// call, which Shutdown cancels and the destructor waits for.
class IamTokenExchange final : public TokenFetcher {
 public:
  using Request = iam::CreateIamTokenRequest;
  using RequestMaker = std::function<absl::StatusOr<Request>()>;

  IamTokenExchange(std::shared_ptr<IamTokenStub> stub, std::string endpoint,
                   std::string description, absl::Duration timeout,
                   RequestMaker make_request,
                   std::shared_ptr<const Clock> clock);
  // Cancels the call in flight and waits until its result is delivered.
  // Not from the call's own completion.
  ~IamTokenExchange() override;

  void Fetch(Done done) override;
  void Shutdown() override;

 private:
  struct Call;
  void OnDone(std::unique_ptr<Call> call,
              absl::StatusOr<iam::CreateIamTokenResponse> response);
  absl::Status ExchangeError(const Call& call, const absl::Status& status);
  std::string What() const;

  const std::shared_ptr<IamTokenStub> stub_;
  const std::string endpoint_;
  const std::string description_;
  const absl::Duration timeout_;
  const RequestMaker make_request_;
  const std::shared_ptr<const Clock> clock_;
  const std::shared_ptr<Transport> transport_;
  const std::shared_ptr<CallRegistry> registry_ =
      std::make_shared<CallRegistry>();

  internal::Mutex mu_;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_
