// OperationService: Get (progress, with not_found_polls faults) and Cancel.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_SERVICE_H_

#include "clouddesktop/emulator/internal/service_env.h"
#include "yandex/cloud/operation/operation_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// Thread-safe; each call is one lookup under the store lock.
class OperationServiceImpl final
    : public yandex::cloud::operation::OperationService::CallbackService {
 public:
  explicit OperationServiceImpl(const ServiceEnv* env) : env_(env) {}

  grpc::ServerUnaryReactor* Get(
      grpc::CallbackServerContext* context,
      const yandex::cloud::operation::GetOperationRequest* request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Cancel(
      grpc::CallbackServerContext* context,
      const yandex::cloud::operation::CancelOperationRequest* request,
      yandex::cloud::operation::Operation* response) override;

 private:
  const ServiceEnv* env_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_SERVICE_H_
