// OperationConnection over the generated OperationService stub, with the
// polling loop.

#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/internal/polling_loop.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class OperationConnectionImpl final : public OperationConnection,
                                      private ConnectionBase {
 public:
  using ConnectionBase::ConnectionBase;

  Future<absl::StatusOr<operation::Operation>> GetOperation(
      const operation::GetOperationRequest& request,
      const CallOptions& options) override {
    return Call("OperationService.Get", kIdempotent,
                transport()->stubs().operation.get(), &OperationStub::AsyncGet,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CancelOperation(
      const operation::CancelOperationRequest& request,
      const CallOptions& options) override {
    return Call("OperationService.Cancel", kMutating,
                transport()->stubs().operation.get(),
                &OperationStub::AsyncCancel, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> AwaitOperation(
      const operation::Operation& op, const AwaitOptions& options) override {
    return PollLoop::Start(transport(), registry(), op, options);
  }
};

}  // namespace

std::shared_ptr<OperationConnection> MakeOperationConnection(
    std::shared_ptr<Transport> transport) {
  return std::make_shared<OperationConnectionImpl>(std::move(transport));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
