#include "clouddesktop/emulator/internal/operation_service.h"

#include "clouddesktop/emulator/internal/unary_call.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace operation = ::yandex::cloud::operation;

constexpr MethodInfo kGet{"OperationService", "Get", false, false, true};
constexpr MethodInfo kCancel{"OperationService", "Cancel", false, false, true};

}  // namespace

grpc::ServerUnaryReactor* OperationServiceImpl::Get(
    grpc::CallbackServerContext* context,
    const operation::GetOperationRequest* request,
    operation::Operation* response) {
  return ServeUnary(
      env_, &kGet, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        absl::StatusOr<operation::Operation> op =
            env_->operations->Poll(records, request->operation_id());
        if (!op.ok()) return op.status();
        *response = *std::move(op);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OperationServiceImpl::Cancel(
    grpc::CallbackServerContext* context,
    const operation::CancelOperationRequest* request,
    operation::Operation* response) {
  return ServeUnary(
      env_, &kCancel, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        absl::StatusOr<operation::Operation> op =
            env_->operations->Cancel(records, request->operation_id());
        if (!op.ok()) return op.status();
        *response = *std::move(op);
        return absl::OkStatus();
      });
}

}  // namespace clouddesktop::emulator::internal
