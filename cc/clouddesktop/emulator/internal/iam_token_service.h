// IamTokenService: Create (JWT or passport OAuth token), Create for a
// service account, Revoke. Never needs a token itself.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_IAM_TOKEN_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_IAM_TOKEN_SERVICE_H_

#include "clouddesktop/emulator/internal/service_env.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// Thread-safe. Create with a JWT costs one RSA signature check.
class IamTokenServiceImpl final
    : public yandex::cloud::iam::v1::IamTokenService::CallbackService {
 public:
  explicit IamTokenServiceImpl(const ServiceEnv* env) : env_(env) {}

  grpc::ServerUnaryReactor* Create(
      grpc::CallbackServerContext* context,
      const yandex::cloud::iam::v1::CreateIamTokenRequest* request,
      yandex::cloud::iam::v1::CreateIamTokenResponse* response) override;
  grpc::ServerUnaryReactor* CreateForServiceAccount(
      grpc::CallbackServerContext* context,
      const yandex::cloud::iam::v1::CreateIamTokenForServiceAccountRequest*
          request,
      yandex::cloud::iam::v1::CreateIamTokenResponse* response) override;
  grpc::ServerUnaryReactor* Revoke(
      grpc::CallbackServerContext* context,
      const yandex::cloud::iam::v1::RevokeIamTokenRequest* request,
      yandex::cloud::iam::v1::RevokeIamTokenResponse* response) override;

 private:
  const ServiceEnv* env_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_IAM_TOKEN_SERVICE_H_
