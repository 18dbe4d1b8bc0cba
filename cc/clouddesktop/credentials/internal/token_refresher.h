// The caching, refreshing AuthProvider every token source shares: a token
// cache, at most one fetch in flight, refresh ahead of expiry, backoff after
// failures, and the UNAUTHENTICATED hook. The sources (metadata service,
// IamTokenService exchanges) are TokenFetchers.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_TOKEN_REFRESHER_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_TOKEN_REFRESHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// One token as a source hands it over. Times are on the provider's Clock.
struct FetchedToken {
  std::string value;
  // When the fetch started (a lower bound of when the token was issued).
  absl::Time issued_at;
  absl::Time expires_at;
};

// OK if `token` can be sent as `authorization: Bearer <token>`: not empty,
// printable ASCII without spaces. The error never quotes the token.
absl::Status CheckTokenValue(absl::string_view token);

class Transport;

// What a TokenFetcher's calls run on: the retry loop's executor and
// RpcLimiter, with one thread (it only decides what a failed attempt means
// and runs the backoff timers: one fetch at a time), on `clock`.
std::shared_ptr<Transport> MakeFetchTransport(
    std::shared_ptr<const Clock> clock);

// Where tokens come from.
class TokenFetcher {
 public:
  using Done = absl::AnyInvocable<void(absl::StatusOr<FetchedToken>) &&>;

  virtual ~TokenFetcher() = default;

  // Fetches one token. Called on the refresher's own thread, one fetch at a
  // time; may block that thread (blocking HTTP) or start an asynchronous
  // call and return. `done` is called exactly once, from any thread; the
  // fetcher touches nothing of that fetch after calling it. Error messages
  // name the source and never hold a secret.
  virtual void Fetch(Done done) = 0;

  // Makes the fetch in flight finish soon (CANCELLED) and every later fetch
  // fail at once. Called once, from any thread, possibly during Fetch.
  virtual void Shutdown() = 0;
};

// See credentials.h for the behaviour (RefreshPolicy, OnUnauthenticated).
//
// Thread safety: everything may be called concurrently from any thread;
// GetToken and OnUnauthenticated never block and never run user code.
// Cost: GetToken is a mutex, a clock read and a string copy when a token is
// cached. One background thread per object, created here; the destructor
// shuts the fetcher down and joins it (or detaches it when the last
// reference is dropped on that thread, e.g. by a continuation).
class TokenRefresher final : public AuthProvider {
 public:
  // `clock` and `fetcher` must not be null. `warn` may be null (stderr).
  TokenRefresher(std::unique_ptr<TokenFetcher> fetcher, RefreshPolicy policy,
                 std::shared_ptr<const Clock> clock, WarningSink warn);
  ~TokenRefresher() override;

  TokenRefresher(const TokenRefresher&) = delete;
  TokenRefresher& operator=(const TokenRefresher&) = delete;

  Future<absl::StatusOr<std::string>> GetToken() override;
  void OnUnauthenticated(absl::string_view rejected_token) override;

  // Fetches started so far (tests, diagnostics).
  int64_t fetch_count() const;

  // Waits until no fetch is in flight and the last result has been applied
  // (cache updated, waiters completed, warning given); false on timeout.
  // Tests only.
  bool WaitUntilIdleForTesting(absl::Duration timeout) const;

 private:
  class Core;
  std::shared_ptr<Core> core_;
  std::thread thread_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_TOKEN_REFRESHER_H_
