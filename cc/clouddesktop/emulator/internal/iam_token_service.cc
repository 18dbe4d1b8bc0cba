#include "clouddesktop/emulator/internal/iam_token_service.h"

#include <string>

#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/unary_call.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace iam = ::yandex::cloud::iam::v1;

constexpr MethodInfo kCreate{"IamTokenService", "Create", true};
constexpr MethodInfo kCreateForServiceAccount{"IamTokenService",
                                              "CreateForServiceAccount", true};
constexpr MethodInfo kRevoke{"IamTokenService", "Revoke", true};

// The subject of tokens exchanged for a Yandex passport OAuth token.
constexpr absl::string_view kPassportSubject = "passport-user";

void Fill(const IssuedToken& issued, iam::CreateIamTokenResponse* response) {
  response->set_iam_token(issued.token);
  *response->mutable_expires_at() = ToTimestamp(issued.expires_at);
}

}  // namespace

grpc::ServerUnaryReactor* IamTokenServiceImpl::Create(
    grpc::CallbackServerContext* context,
    const iam::CreateIamTokenRequest* request,
    iam::CreateIamTokenResponse* response) {
  return ServeUnary(
      env_, &kCreate, context, request, response,
      [this, request, response](Records&, const CallInfo&) -> absl::Status {
        switch (request->identity_case()) {
          case iam::CreateIamTokenRequest::kJwt: {
            absl::StatusOr<std::string> subject =
                env_->jwt->Verify(request->jwt(), absl::Now());
            if (!subject.ok()) {
              if (subject.status().code() ==
                  absl::StatusCode::kInvalidArgument) {
                return InvalidField(request->GetDescriptor()->full_name(),
                                    "jwt", subject.status().message(), "jwt");
              }
              return subject.status();
            }
            Fill(env_->tokens->Issue(*subject), response);
            return absl::OkStatus();
          }
          case iam::CreateIamTokenRequest::kYandexPassportOauthToken:
            if (request->yandex_passport_oauth_token().empty()) break;
            // The emulator cannot check passport tokens: any is accepted.
            Fill(env_->tokens->Issue(kPassportSubject), response);
            return absl::OkStatus();
          default:
            break;
        }
        return InvalidField(request->GetDescriptor()->full_name(), "identity",
                            "one of jwt or yandex_passport_oauth_token must "
                            "be set and non-empty",
                            "exactly_one");
      });
}

grpc::ServerUnaryReactor* IamTokenServiceImpl::CreateForServiceAccount(
    grpc::CallbackServerContext* context,
    const iam::CreateIamTokenForServiceAccountRequest* request,
    iam::CreateIamTokenResponse* response) {
  return ServeUnary(env_, &kCreateForServiceAccount, context, request, response,
                    [this, request, response](Records&, const CallInfo&) {
                      Fill(env_->tokens->Issue(request->service_account_id()),
                           response);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* IamTokenServiceImpl::Revoke(
    grpc::CallbackServerContext* context,
    const iam::RevokeIamTokenRequest* request,
    iam::RevokeIamTokenResponse* response) {
  return ServeUnary(env_, &kRevoke, context, request, response,
                    [this, request, response](Records&, const CallInfo&) {
                      std::optional<std::string> subject =
                          env_->tokens->Revoke(request->iam_token());
                      if (subject) response->set_subject_id(*subject);
                      return absl::OkStatus();
                    });
}

}  // namespace clouddesktop::emulator::internal
