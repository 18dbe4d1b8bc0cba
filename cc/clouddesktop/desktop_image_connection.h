// The DesktopImageService seam.

#ifndef CLOUDDESKTOP_DESKTOP_IMAGE_CONNECTION_H_
#define CLOUDDESKTOP_DESKTOP_IMAGE_CONNECTION_H_

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One virtual per RPC of DesktopImageService, asynchronous, on the wire types:
// a mutating RPC returns the raw Operation, which DesktopImageClient wraps in
// a typed handle. Implement or mock it
// (clouddesktop/mocks/mock_desktop_image_connection.h) to test code without
// a server.
//
// The implementation made by MakeConnections validates each request,
// sends request ids (and idempotency keys on mutating calls), retries per
// policy, and puts the method and the request ids in every error. It is
// thread-safe; destroying it cancels its calls in flight (they complete
// with CANCELLED) and waits for them before returning.
//
// Every virtual has a default that returns UNIMPLEMENTED naming the
// method (`Class::Method`): a fake that overrides only what it uses keeps
// compiling, and failing clearly, when a new RPC is added.
class DesktopImageConnection {
 public:
  virtual ~DesktopImageConnection() = default;

  // DesktopImageService.List (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopImagesResponse>>
  ListDesktopImages(const api::ListDesktopImagesRequest& request,
                    const CallOptions& options);
  // DesktopImageService.Get (idempotent: retried).
  virtual Future<absl::StatusOr<api::DesktopImage>> GetDesktopImage(
      const api::GetDesktopImageRequest& request, const CallOptions& options);
  // DesktopImageService.Copy (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> CopyDesktopImage(
      const api::CopyDesktopImageRequest& request, const CallOptions& options);
  // DesktopImageService.CopyFromDesktop (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> CopyFromDesktop(
      const api::CopyFromDesktopRequest& request, const CallOptions& options);
  // DesktopImageService.Update (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> UpdateDesktopImage(
      const api::UpdateDesktopImageRequest& request,
      const CallOptions& options);
  // DesktopImageService.Delete (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> DeleteDesktopImage(
      const api::DeleteDesktopImageRequest& request,
      const CallOptions& options);
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_IMAGE_CONNECTION_H_
