// Where the bearer token of every call comes from.

#ifndef CLOUDDESKTOP_AUTH_PROVIDER_H_
#define CLOUDDESKTOP_AUTH_PROVIDER_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Supplies the IAM token sent as `authorization: Bearer <token>` on every
// attempt of every call. GetToken is asked once per attempt, so a provider
// that caches and refreshes its token in the background is asked cheaply;
// it may return a future it completes later (the attempt starts then) or an
// error (the attempt fails with it; UNAVAILABLE is retried like any RPC
// failure).
//
// When the server answers UNAUTHENTICATED, the call path reports the token
// it sent through OnUnauthenticated and tries the call once more with the
// next GetToken (safe for every method: the server did nothing).
//
// Thread safety: both methods are called concurrently from any thread (the
// caller's and the connection's) and must not block. Tokens never reach
// logs or error messages.
class AuthProvider {
 public:
  virtual ~AuthProvider() = default;
  // The token to send as `authorization: Bearer <token>`: ready at once
  // when one is cached. An error fails the call with that error.
  virtual Future<absl::StatusOr<std::string>> GetToken() = 0;
  // The server rejected `rejected_token` (a value GetToken returned).
  // Providers that cache tokens drop it and refresh. Default: nothing.
  virtual void OnUnauthenticated(absl::string_view rejected_token) {}
};

// A fixed token (an IAM token obtained elsewhere, or a test token). Cost:
// one string copy per call.
class StaticTokenAuth final : public AuthProvider {
 public:
  // Sends `token` as it is, on every call.
  explicit StaticTokenAuth(std::string token) : token_(std::move(token)) {}
  // A ready future with the token.
  Future<absl::StatusOr<std::string>> GetToken() override {
    return MakeReadyFuture(absl::StatusOr<std::string>(token_));
  }

 private:
  const std::string token_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_AUTH_PROVIDER_H_
