// The compute metadata service's token endpoint, over libcurl, as a
// TokenFetcher.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr char kMetadataTokenPath[] =
    "/computeMetadata/v1/instance/service-accounts/default/token";

// options.metadata_address, else $YC_METADATA_ADDR, else
// kDefaultMetadataAddress; INVALID_ARGUMENT unless it is host[:port] (a
// name, an IPv4 address or a bracketed IPv6 address).
absl::StatusOr<std::string> ResolveMetadataAddress(
    const CredentialsOptions& options);

// The token endpoint's answer, {"access_token", "expires_in",
// "token_type"}: the token expires expires_in seconds after `issued_at`.
// Errors name `source` and the problem, never the body.
absl::StatusOr<FetchedToken> ParseMetadataToken(absl::string_view body,
                                                absl::Time issued_at,
                                                absl::string_view source);

// Each Fetch runs up to options.metadata_attempts blocking HTTP GETs on the
// calling thread (the refresher's), each bounded by the connect and total
// timeouts, with doubling backoff between them; connection failures,
// timeouts, HTTP 429 and 5xx are retried. No proxy is ever used. Shutdown
// aborts a transfer or a backoff wait within a few milliseconds.
class MetadataTokenFetcher final : public TokenFetcher {
 public:
  // `address` as ResolveMetadataAddress returns it.
  MetadataTokenFetcher(std::string address, const CredentialsOptions& options,
                       std::shared_ptr<const Clock> clock);

  void Fetch(Done done) override;
  void Shutdown() override;

 private:
  struct Attempt;
  Attempt GetOnce();

  const std::string address_;
  const std::string url_;
  const std::string source_;
  const absl::Duration connect_timeout_;
  const absl::Duration timeout_;
  const int attempts_;
  const absl::Duration initial_backoff_;
  const std::shared_ptr<const Clock> clock_;

  internal::Mutex mu_;
  internal::CondVar cv_;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  // The CURLM* of the transfer in progress, for curl_multi_wakeup.
  void* transfer_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_
