#include "clouddesktop/desktop_image_client.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

PaginationRange<api::DesktopImage> DesktopImageClient::ListDesktopImages(
    api::ListDesktopImagesRequest request, CallOptions options) const {
  return internal::MakePaginationRange<api::DesktopImage,
                                       api::ListDesktopImagesRequest,
                                       api::ListDesktopImagesResponse>(
      std::move(request),
      [connection = connection_,
       options = std::move(options)](const api::ListDesktopImagesRequest& r) {
        return connection->ListDesktopImages(r, options);
      },
      [](api::ListDesktopImagesResponse& page) {
        return page.mutable_desktop_images();
      });
}

Future<absl::StatusOr<api::ListDesktopImagesResponse>>
DesktopImageClient::ListDesktopImagesAsync(
    const api::ListDesktopImagesRequest& request,
    const CallOptions& options) const {
  return connection_->ListDesktopImages(request, options);
}

Future<absl::StatusOr<api::DesktopImage>>
DesktopImageClient::GetDesktopImageAsync(
    const api::GetDesktopImageRequest& request,
    const CallOptions& options) const {
  return connection_->GetDesktopImage(request, options);
}

absl::StatusOr<api::DesktopImage> DesktopImageClient::GetDesktopImage(
    const api::GetDesktopImageRequest& request,
    const CallOptions& options) const {
  return GetDesktopImageAsync(request, options).Get();
}

Future<absl::StatusOr<CopyDesktopImageOperation>>
DesktopImageClient::CopyDesktopImageAsync(
    const api::CopyDesktopImageRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<api::DesktopImage,
                                 api::CopyDesktopImageMetadata>(
      connection_->CopyDesktopImage(request, options), operations_);
}

absl::StatusOr<CopyDesktopImageOperation> DesktopImageClient::CopyDesktopImage(
    const api::CopyDesktopImageRequest& request,
    const CallOptions& options) const {
  return CopyDesktopImageAsync(request, options).Get();
}

Future<absl::StatusOr<CopyFromDesktopOperation>>
DesktopImageClient::CopyFromDesktopAsync(
    const api::CopyFromDesktopRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<api::DesktopImage,
                                 api::CopyFromDesktopMetadata>(
      connection_->CopyFromDesktop(request, options), operations_);
}

absl::StatusOr<CopyFromDesktopOperation> DesktopImageClient::CopyFromDesktop(
    const api::CopyFromDesktopRequest& request,
    const CallOptions& options) const {
  return CopyFromDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<UpdateDesktopImageOperation>>
DesktopImageClient::UpdateDesktopImageAsync(
    const api::UpdateDesktopImageRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<api::DesktopImage,
                                 api::UpdateDesktopImageMetadata>(
      connection_->UpdateDesktopImage(request, options), operations_);
}

absl::StatusOr<UpdateDesktopImageOperation>
DesktopImageClient::UpdateDesktopImage(
    const api::UpdateDesktopImageRequest& request,
    const CallOptions& options) const {
  return UpdateDesktopImageAsync(request, options).Get();
}

Future<absl::StatusOr<DeleteDesktopImageOperation>>
DesktopImageClient::DeleteDesktopImageAsync(
    const api::DeleteDesktopImageRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 api::DeleteDesktopImageMetadata>(
      connection_->DeleteDesktopImage(request, options), operations_);
}

absl::StatusOr<DeleteDesktopImageOperation>
DesktopImageClient::DeleteDesktopImage(
    const api::DeleteDesktopImageRequest& request,
    const CallOptions& options) const {
  return DeleteDesktopImageAsync(request, options).Get();
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
