// DesktopImageClient: every RPC of DesktopImageService, async and blocking.

#ifndef CLOUDDESKTOP_DESKTOP_IMAGE_CLIENT_H_
#define CLOUDDESKTOP_DESKTOP_IMAGE_CLIENT_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_connection.h"
#include "clouddesktop/future.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/pagination_range.h"
#include "clouddesktop/version.h"
#include "google/protobuf/empty.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The typed operations of DesktopImageService (types as the service declares).
using CopyDesktopImageOperation =
    Operation<api::DesktopImage, api::CopyDesktopImageMetadata>;
using CopyFromDesktopOperation =
    Operation<api::DesktopImage, api::CopyFromDesktopMetadata>;
using UpdateDesktopImageOperation =
    Operation<api::DesktopImage, api::UpdateDesktopImageMetadata>;
using DeleteDesktopImageOperation =
    Operation<google::protobuf::Empty, api::DeleteDesktopImageMetadata>;

// A cheap copyable value (two shared_ptrs) over a DesktopImageConnection;
// copies share the connection, its channel and its threads. Each RPC has
// `XAsync` (returns at once; the Future can be waited on, chained or
// cancelled) and blocking `X` (`XAsync(...).Get()`: do not call it from a
// continuation). Mutating RPCs return typed Operation handles that wait
// through the OperationConnection.
//
// Thread safety: all methods are const and may be called concurrently.
class DesktopImageClient {
 public:
  // Calls go to `connection`; operations are polled through `operations`
  // (null: waiting on an operation fails with FAILED_PRECONDITION).
  explicit DesktopImageClient(
      std::shared_ptr<DesktopImageConnection> connection,
      std::shared_ptr<OperationConnection> operations = nullptr)
      : connection_(std::move(connection)),
        operations_(std::move(operations)) {}
  // The connections of MakeConnections.
  explicit DesktopImageClient(const Connections& connections)
      : DesktopImageClient(connections.desktop_image, connections.operation) {}

  // The connection the calls go to.
  const std::shared_ptr<DesktopImageConnection>& connection() const {
    return connection_;
  }

  // Lists the images of a folder. Every item across pages, fetched lazily from
  // `request.page_token` on.
  PaginationRange<api::DesktopImage> ListDesktopImages(
      api::ListDesktopImagesRequest request, CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopImagesResponse>> ListDesktopImagesAsync(
      const api::ListDesktopImagesRequest& request,
      const CallOptions& options = {}) const;

  // Returns one image.
  Future<absl::StatusOr<api::DesktopImage>> GetDesktopImageAsync(
      const api::GetDesktopImageRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<api::DesktopImage> GetDesktopImage(
      const api::GetDesktopImageRequest& request,
      const CallOptions& options = {}) const;

  // Makes a desktop image in a folder from a Compute Cloud image
  // (`request.image_id` names the Compute image).
  Future<absl::StatusOr<CopyDesktopImageOperation>> CopyDesktopImageAsync(
      const api::CopyDesktopImageRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<CopyDesktopImageOperation> CopyDesktopImage(
      const api::CopyDesktopImageRequest& request,
      const CallOptions& options = {}) const;

  // Makes a new image from the disk of an existing desktop, which must be
  // stopped.
  Future<absl::StatusOr<CopyFromDesktopOperation>> CopyFromDesktopAsync(
      const api::CopyFromDesktopRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<CopyFromDesktopOperation> CopyFromDesktop(
      const api::CopyFromDesktopRequest& request,
      const CallOptions& options = {}) const;

  // Changes an image's name, description or labels.
  Future<absl::StatusOr<UpdateDesktopImageOperation>> UpdateDesktopImageAsync(
      const api::UpdateDesktopImageRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<UpdateDesktopImageOperation> UpdateDesktopImage(
      const api::UpdateDesktopImageRequest& request,
      const CallOptions& options = {}) const;

  // Deletes an image.
  Future<absl::StatusOr<DeleteDesktopImageOperation>> DeleteDesktopImageAsync(
      const api::DeleteDesktopImageRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<DeleteDesktopImageOperation> DeleteDesktopImage(
      const api::DeleteDesktopImageRequest& request,
      const CallOptions& options = {}) const;

 private:
  std::shared_ptr<DesktopImageConnection> connection_;
  std::shared_ptr<OperationConnection> operations_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_IMAGE_CLIENT_H_
