// The default of every DesktopImageConnection virtual: UNIMPLEMENTED, naming
// the method, so that a fake written against an older version still compiles
// when an RPC is added (see desktop_image_connection.h).
#include "clouddesktop/desktop_image_connection.h"

#include "clouddesktop/internal/unimplemented.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<api::ListDesktopImagesResponse>>
DesktopImageConnection::ListDesktopImages(
    const api::ListDesktopImagesRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopImagesResponse>(
      "DesktopImageConnection::ListDesktopImages");
}

Future<absl::StatusOr<api::DesktopImage>>
DesktopImageConnection::GetDesktopImage(
    const api::GetDesktopImageRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::DesktopImage>(
      "DesktopImageConnection::GetDesktopImage");
}

Future<absl::StatusOr<operation::Operation>>
DesktopImageConnection::CopyDesktopImage(
    const api::CopyDesktopImageRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopImageConnection::CopyDesktopImage");
}

Future<absl::StatusOr<operation::Operation>>
DesktopImageConnection::CopyFromDesktop(
    const api::CopyFromDesktopRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopImageConnection::CopyFromDesktop");
}

Future<absl::StatusOr<operation::Operation>>
DesktopImageConnection::UpdateDesktopImage(
    const api::UpdateDesktopImageRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopImageConnection::UpdateDesktopImage");
}

Future<absl::StatusOr<operation::Operation>>
DesktopImageConnection::DeleteDesktopImage(
    const api::DeleteDesktopImageRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopImageConnection::DeleteDesktopImage");
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
