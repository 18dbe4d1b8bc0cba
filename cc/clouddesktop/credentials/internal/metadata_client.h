// The compute metadata service's token endpoint as a TokenFetcher: its
// stub (metadata_token_stub.h) driven by the library's one retry loop.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/credentials/internal/metadata_token_stub.h"
#include "clouddesktop/credentials/internal/token_refresher.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

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

// Each Fetch is one logical call of the library's retry loop
// (async_retry_loop.h) over `stub`: up to options.metadata_attempts
// attempts, each within options.metadata_timeout; a failed attempt that
// another may fix (UNAVAILABLE: no connection, a timeout, HTTP 429 or 5xx)
// is retried after a doubling backoff from options.metadata_initial_backoff
// (no jitter). Nothing blocks: Fetch returns at once, and `done` runs on
// the loop's executor. Shutdown ends the call in flight (its transfer or
// its backoff wait) at once. Backoff and timeouts are real time; `clock`
// (the provider's) dates the token.
//
// Owns a Transport of its own (MakeFetchTransport) and the registry of its
// call, which Shutdown cancels and the destructor waits for.
class MetadataTokenFetcher final : public TokenFetcher {
 public:
  // `address` as ResolveMetadataAddress returns it, for the errors.
  MetadataTokenFetcher(std::shared_ptr<MetadataTokenStub> stub,
                       std::string address, const CredentialsOptions& options,
                       std::shared_ptr<const Clock> clock);
  // Cancels the call in flight and waits until its result is delivered.
  // Not from the call's own completion.
  ~MetadataTokenFetcher() override;

  void Fetch(Done done) override;
  void Shutdown() override;

 private:
  absl::Status FetchError(const absl::Status& status, int attempts);

  const std::shared_ptr<MetadataTokenStub> stub_;
  const std::string source_;
  const std::shared_ptr<const RetryPolicy> retry_;
  const std::shared_ptr<const BackoffPolicy> backoff_;
  const absl::Duration timeout_;
  const std::shared_ptr<const Clock> clock_;
  const std::shared_ptr<Transport> transport_;
  const std::shared_ptr<CallRegistry> registry_ =
      std::make_shared<CallRegistry>();

  internal::Mutex mu_;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
};

// The fetcher over MakeCurlMetadataTokenStub for `address`.
absl::StatusOr<std::unique_ptr<TokenFetcher>> MakeMetadataTokenFetcher(
    std::string address, const CredentialsOptions& options,
    std::shared_ptr<const Clock> clock);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_CLIENT_H_
