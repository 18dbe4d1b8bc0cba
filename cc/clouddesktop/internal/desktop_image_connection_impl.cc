// DesktopImageConnection over the generated DesktopImageService stub.

#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class DesktopImageConnectionImpl final : public DesktopImageConnection,
                                         private ConnectionBase {
 public:
  using ConnectionBase::ConnectionBase;

  Future<absl::StatusOr<api::ListDesktopImagesResponse>> ListDesktopImages(
      const api::ListDesktopImagesRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.List", kIdempotent,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncList, request, options);
  }

  Future<absl::StatusOr<api::DesktopImage>> GetDesktopImage(
      const api::GetDesktopImageRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.Get", kIdempotent,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncGet, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CopyDesktopImage(
      const api::CopyDesktopImageRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.Copy", kMutating,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncCopy, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CopyFromDesktop(
      const api::CopyFromDesktopRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.CopyFromDesktop", kMutating,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncCopyFromDesktop, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktopImage(
      const api::UpdateDesktopImageRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.Update", kMutating,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncUpdate, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> DeleteDesktopImage(
      const api::DeleteDesktopImageRequest& request,
      const CallOptions& options) override {
    return Call("DesktopImageService.Delete", kMutating,
                transport()->stubs().desktop_image.get(),
                &DesktopImageStub::AsyncDelete, request, options);
  }
};

}  // namespace

std::shared_ptr<DesktopImageConnection> MakeDesktopImageConnection(
    std::shared_ptr<Transport> transport) {
  return std::make_shared<DesktopImageConnectionImpl>(std::move(transport));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
