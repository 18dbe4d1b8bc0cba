// DesktopService: Get, GetRdpFile, List, ListOperations, Create,
// ResetPassword, Restart, Start, Stop, Update, UpdateProperties, Delete.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_SERVICE_H_

#include <string>

#include "clouddesktop/emulator/internal/service_env.h"
#include "clouddesktop/emulator/internal/unary_call.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// Thread-safe (state lives in the env's store). Each call holds the store
// lock once; List costs O(n log n) in the folder's desktops; Create with a
// group limit counts the group's desktops.
class DesktopServiceImpl final : public yandex::cloud::clouddesktop::v1::api::
                                     DesktopService::CallbackService {
 public:
  explicit DesktopServiceImpl(const ServiceEnv* env) : env_(env) {}

  grpc::ServerUnaryReactor* Get(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::GetDesktopRequest* request,
      yandex::cloud::clouddesktop::v1::api::Desktop* response) override;
  grpc::ServerUnaryReactor* GetRdpFile(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::GetRdpFileRequest* request,
      yandex::cloud::clouddesktop::v1::api::RdpFileResponse* response) override;
  grpc::ServerUnaryReactor* List(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::ListDesktopsRequest* request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopsResponse* response)
      override;
  grpc::ServerUnaryReactor* ListOperations(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::ListDesktopOperationsRequest*
          request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopOperationsResponse*
          response) override;
  grpc::ServerUnaryReactor* Create(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::CreateDesktopRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* ResetPassword(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::ResetPasswordRequest* request,
      yandex::cloud::clouddesktop::v1::api::ResetPasswordResponse* response)
      override;
  grpc::ServerUnaryReactor* Restart(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::RestartRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Start(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::StartRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Stop(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::StopRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Update(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::UpdateRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* UpdateProperties(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::UpdatePropertiesRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Delete(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::DeleteDesktopRequest* request,
      yandex::cloud::operation::Operation* response) override;

 private:
  const ServiceEnv* env_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_SERVICE_H_
