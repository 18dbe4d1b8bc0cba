// DesktopConnection over the generated DesktopService stub.

#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class DesktopConnectionImpl final : public DesktopConnection,
                                    private ConnectionBase {
 public:
  using ConnectionBase::ConnectionBase;

  Future<absl::StatusOr<api::Desktop>> GetDesktop(
      const api::GetDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.Get", kIdempotent,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncGet,
                request, options);
  }

  Future<absl::StatusOr<api::RdpFileResponse>> GetRdpFile(
      const api::GetRdpFileRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.GetRdpFile", kIdempotent,
                transport()->stubs().desktop.get(),
                &DesktopStub::AsyncGetRdpFile, request, options);
  }

  Future<absl::StatusOr<api::ListDesktopsResponse>> ListDesktops(
      const api::ListDesktopsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.List", kIdempotent,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncList,
                request, options);
  }

  Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
  ListDesktopOperations(const api::ListDesktopOperationsRequest& request,
                        const CallOptions& options) override {
    return Call("DesktopService.ListOperations", kIdempotent,
                transport()->stubs().desktop.get(),
                &DesktopStub::AsyncListOperations, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CreateDesktop(
      const api::CreateDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.Create", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncCreate,
                request, options);
  }

  Future<absl::StatusOr<api::ResetPasswordResponse>> ResetPassword(
      const api::ResetPasswordRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.ResetPassword", kMutating,
                transport()->stubs().desktop.get(),
                &DesktopStub::AsyncResetPassword, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> RestartDesktop(
      const api::RestartRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Restart", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncRestart,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> StartDesktop(
      const api::StartRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Start", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncStart,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> StopDesktop(
      const api::StopRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Stop", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncStop,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktop(
      const api::UpdateRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Update", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncUpdate,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktopProperties(
      const api::UpdatePropertiesRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.UpdateProperties", kMutating,
                transport()->stubs().desktop.get(),
                &DesktopStub::AsyncUpdateProperties, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> DeleteDesktop(
      const api::DeleteDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.Delete", kMutating,
                transport()->stubs().desktop.get(), &DesktopStub::AsyncDelete,
                request, options);
  }
};

}  // namespace

std::shared_ptr<DesktopConnection> MakeDesktopConnection(
    std::shared_ptr<Transport> transport) {
  return std::make_shared<DesktopConnectionImpl>(std::move(transport));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
