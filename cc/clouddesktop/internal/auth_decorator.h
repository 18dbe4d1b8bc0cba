// The auth concern of every Stub (see stub_macros.h): the credentials'
// token as `authorization: Bearer ...` on each attempt, and the provider
// told when the server refuses it. Stacked only when the connection has an
// AuthProvider. The token never reaches a log, an error or the context
// beyond the header.

#ifndef CLOUDDESKTOP_INTERNAL_AUTH_DECORATOR_H_
#define CLOUDDESKTOP_INTERNAL_AUTH_DECORATOR_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Why `token` cannot be sent, or an empty string. Names sizes and offsets,
// never the token.
std::string TokenProblem(absl::string_view token);

class AuthConcern {
 public:
  explicit AuthConcern(std::shared_ptr<AuthProvider> auth)
      : auth_(std::move(auth)) {}

  template <typename Response, typename Next>
  void Around(RpcContext& context, StubCallback<Response> done, Next next) {
    auto token = auth_->GetToken();
    if (token.is_ready()) {
      WithToken(auth_.get(), context, token.Get(), std::move(done),
                std::move(next));
      return;
    }
    // The attempt goes on when the token arrives, on the provider's
    // thread: the call is held until it has been handed to the next step.
    FutureAccess::ThenInline(
        std::move(token),
        [auth = auth_, context = &context, owner = context.owner.lock(),
         done = std::move(done),
         next = std::move(next)](absl::StatusOr<std::string> t) mutable {
          std::shared_ptr<void> keep = std::move(owner);
          WithToken(auth.get(), *context, std::move(t), std::move(done),
                    std::move(next));
        });
  }

 private:
  // The attempt's callback holds `auth` by pointer, not by reference count:
  // it runs on the transport's thread (gRPC's) and is destroyed there after
  // the result has reached the caller, who may have let go of the provider
  // by then. Owning it there would leave the provider, and the IAM channel
  // the library's providers own, to die on gRPC's callback thread, which
  // gRPC forbids (grpc/grpc#32584: with its callback thread pool, 1.51 on
  // Linux, the process crashes). It is valid while the callback uses it:
  // until `done` is called the call holds the Transport, which owns this
  // decorator and `auth_`.
  template <typename Response, typename Next>
  static void WithToken(AuthProvider* auth, RpcContext& context,
                        absl::StatusOr<std::string> token,
                        StubCallback<Response> done, Next next) {
    if (!token.ok()) {
      // The provider's error, attributed to the call by the retry loop and
      // retried like an RPC failure when transient.
      std::move(done)(absl::Status(
          token.status().code(),
          absl::StrCat("getting a token: ", token.status().message())));
      return;
    }
    if (std::string problem = TokenProblem(*token); !problem.empty()) {
      // Another attempt would get the same token.
      context.final_failure = true;
      std::move(done)(absl::InvalidArgumentError(problem));
      return;
    }
    if (token->empty()) {
      next(context, std::move(done));
      return;
    }
    context.metadata.emplace_back(kAuthorizationHeader,
                                  absl::StrCat("Bearer ", *token));
    next(context,
         StubCallback<Response>(
             [auth, context = &context, sent = *std::move(token),
              done = std::move(done)](absl::StatusOr<Response> result) mutable {
               if (!result.ok() &&
                   result.status().code() ==
                       absl::StatusCode::kUnauthenticated &&
                   context->may_retry_at_once) {
                 // A token the server no longer takes (expired,
                 // revoked): the provider refreshes, and the call
                 // tries once more at once. The server did nothing,
                 // so this is safe for every method.
                 auth->OnUnauthenticated(sent);
                 context->retry_at_once = true;
               }
               std::move(done)(std::move(result));
             }));
  }

  std::shared_ptr<AuthProvider> auth_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_AUTH_DECORATOR_H_
