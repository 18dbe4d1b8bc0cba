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
    return Call("DesktopService.Get", kIdempotent, transport()->desktop(),
                &DesktopAsync::Get, request, options);
  }

  Future<absl::StatusOr<api::RdpFileResponse>> GetRdpFile(
      const api::GetRdpFileRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.GetRdpFile", kIdempotent,
                transport()->desktop(), &DesktopAsync::GetRdpFile, request,
                options);
  }

  Future<absl::StatusOr<api::ListDesktopsResponse>> ListDesktops(
      const api::ListDesktopsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.List", kIdempotent, transport()->desktop(),
                &DesktopAsync::List, request, options);
  }

  Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
  ListDesktopOperations(const api::ListDesktopOperationsRequest& request,
                        const CallOptions& options) override {
    return Call("DesktopService.ListOperations", kIdempotent,
                transport()->desktop(), &DesktopAsync::ListOperations, request,
                options);
  }

  Future<absl::StatusOr<operation::Operation>> CreateDesktop(
      const api::CreateDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.Create", kMutating, transport()->desktop(),
                &DesktopAsync::Create, request, options);
  }

  Future<absl::StatusOr<api::ResetPasswordResponse>> ResetPassword(
      const api::ResetPasswordRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.ResetPassword", kMutating,
                transport()->desktop(), &DesktopAsync::ResetPassword, request,
                options);
  }

  Future<absl::StatusOr<operation::Operation>> RestartDesktop(
      const api::RestartRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Restart", kMutating, transport()->desktop(),
                &DesktopAsync::Restart, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> StartDesktop(
      const api::StartRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Start", kMutating, transport()->desktop(),
                &DesktopAsync::Start, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> StopDesktop(
      const api::StopRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Stop", kMutating, transport()->desktop(),
                &DesktopAsync::Stop, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktop(
      const api::UpdateRequest& request, const CallOptions& options) override {
    return Call("DesktopService.Update", kMutating, transport()->desktop(),
                &DesktopAsync::Update, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktopProperties(
      const api::UpdatePropertiesRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.UpdateProperties", kMutating,
                transport()->desktop(), &DesktopAsync::UpdateProperties,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> DeleteDesktop(
      const api::DeleteDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopService.Delete", kMutating, transport()->desktop(),
                &DesktopAsync::Delete, request, options);
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
