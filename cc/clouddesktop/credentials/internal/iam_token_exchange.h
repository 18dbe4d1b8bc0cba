// The IamTokenService.Create exchange (a service-account JWT or an OAuth
// token for an IAM token), as a TokenFetcher.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The channel to options.iam_endpoint (TLS with options.iam_ca_pem or the
// system roots, or plaintext when options.iam_insecure). Connects lazily.
std::shared_ptr<grpc::Channel> MakeIamChannel(
    const CredentialsOptions& options);

// Each Fetch makes a request with `make_request` (on the refresher's thread:
// a fresh JWT per exchange) and sends it with the callback API, a deadline
// of `timeout` and no authorization header. Errors keep the service's code
// and name the endpoint and `description`; the credential sent is redacted
// from any message the service returns.
class IamTokenExchange final : public TokenFetcher {
 public:
  using Request = ::yandex::cloud::iam::v1::CreateIamTokenRequest;
  using RequestMaker = std::function<absl::StatusOr<Request>()>;

  IamTokenExchange(std::shared_ptr<grpc::Channel> channel, std::string endpoint,
                   std::string description, absl::Duration timeout,
                   RequestMaker make_request,
                   std::shared_ptr<const Clock> clock);
  ~IamTokenExchange() override;

  void Fetch(Done done) override;
  void Shutdown() override;

 private:
  struct Call;
  void OnDone(Call* call, const grpc::Status& status);

  const std::unique_ptr<::yandex::cloud::iam::v1::IamTokenService::Stub> stub_;
  const std::string endpoint_;
  const std::string description_;
  const absl::Duration timeout_;
  const RequestMaker make_request_;
  const std::shared_ptr<const Clock> clock_;

  internal::Mutex mu_;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  // The call in flight; shared so that Shutdown can TryCancel it outside
  // the lock (gRPC may run the callback inline) while the callback frees it.
  std::shared_ptr<grpc::ClientContext> in_flight_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_IAM_TOKEN_EXCHANGE_H_
