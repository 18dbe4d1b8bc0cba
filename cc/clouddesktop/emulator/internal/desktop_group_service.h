// DesktopGroupService: Get, List, ListDesktops, ListOperations, Create,
// Delete, Update and the three access-binding methods.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_GROUP_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_GROUP_SERVICE_H_

#include "clouddesktop/emulator/internal/service_env.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// Thread-safe (state lives in the env's store). Each call holds the store
// lock once; lists cost O(n log n) in what they scan.
class DesktopGroupServiceImpl final
    : public yandex::cloud::clouddesktop::v1::api::DesktopGroupService::
          CallbackService {
 public:
  explicit DesktopGroupServiceImpl(const ServiceEnv* env) : env_(env) {}

  grpc::ServerUnaryReactor* Get(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::GetDesktopGroupRequest*
          request,
      yandex::cloud::clouddesktop::v1::api::DesktopGroup* response) override;
  grpc::ServerUnaryReactor* List(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::ListDesktopGroupsRequest*
          request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopGroupsResponse* response)
      override;
  grpc::ServerUnaryReactor* ListDesktops(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::
          ListDesktopGroupDesktopsRequest* request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopGroupDesktopsResponse*
          response) override;
  grpc::ServerUnaryReactor* ListOperations(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::
          ListDesktopGroupOperationsRequest* request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopGroupOperationsResponse*
          response) override;
  grpc::ServerUnaryReactor* Create(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::CreateDesktopGroupRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Delete(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::DeleteDesktopGroupRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Update(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::UpdateDesktopGroupRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* ListAccessBindings(
      grpc::CallbackServerContext* context,
      const yandex::cloud::access::ListAccessBindingsRequest* request,
      yandex::cloud::access::ListAccessBindingsResponse* response) override;
  grpc::ServerUnaryReactor* SetAccessBindings(
      grpc::CallbackServerContext* context,
      const yandex::cloud::access::SetAccessBindingsRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* UpdateAccessBindings(
      grpc::CallbackServerContext* context,
      const yandex::cloud::access::UpdateAccessBindingsRequest* request,
      yandex::cloud::operation::Operation* response) override;

 private:
  const ServiceEnv* env_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_GROUP_SERVICE_H_
