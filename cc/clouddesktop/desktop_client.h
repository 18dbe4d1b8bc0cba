// DesktopClient: every RPC of DesktopService, async and blocking.

#ifndef CLOUDDESKTOP_DESKTOP_CLIENT_H_
#define CLOUDDESKTOP_DESKTOP_CLIENT_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_connection.h"
#include "clouddesktop/future.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/pagination_range.h"
#include "clouddesktop/version.h"
#include "google/protobuf/empty.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The typed operations of DesktopService (types as the service declares).
using CreateDesktopOperation =
    Operation<api::Desktop, api::CreateDesktopMetadata>;
using RestartDesktopOperation =
    Operation<api::Desktop, api::RestartDesktopMetadata>;
using StartDesktopOperation =
    Operation<api::Desktop, api::StartDesktopMetadata>;
using StopDesktopOperation = Operation<api::Desktop, api::StopDesktopMetadata>;
using UpdateDesktopOperation =
    Operation<api::Desktop, api::UpdateDesktopMetadata>;
using UpdateDesktopPropertiesOperation =
    Operation<api::Desktop, api::UpdateDesktopPropertiesMetadata>;
using DeleteDesktopOperation =
    Operation<google::protobuf::Empty, api::DeleteDesktopMetadata>;

// A cheap copyable value (two shared_ptrs) over a DesktopConnection;
// copies share the connection, its channel and its threads. Each RPC has
// `XAsync` (returns at once; the Future can be waited on, chained or
// cancelled) and blocking `X` (`XAsync(...).Get()`: do not call it from a
// continuation). Mutating RPCs return typed Operation handles that wait
// through the OperationConnection.
//
// Thread safety: all methods are const and may be called concurrently.
class DesktopClient {
 public:
  // Calls go to `connection`; operations are polled through `operations`
  // (null: waiting on an operation fails with FAILED_PRECONDITION).
  explicit DesktopClient(
      std::shared_ptr<DesktopConnection> connection,
      std::shared_ptr<OperationConnection> operations = nullptr)
      : connection_(std::move(connection)),
        operations_(std::move(operations)) {}
  // The connections of MakeConnections.
  explicit DesktopClient(const Connections& connections)
      : DesktopClient(connections.desktop, connections.operation) {}

  // The connection the calls go to.
  const std::shared_ptr<DesktopConnection>& connection() const {
    return connection_;
  }

  // Returns one desktop.
  Future<absl::StatusOr<api::Desktop>> GetDesktopAsync(
      const api::GetDesktopRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<api::Desktop> GetDesktop(
      const api::GetDesktopRequest& request,
      const CallOptions& options = {}) const;

  // Returns an RDP connection file for a desktop.
  Future<absl::StatusOr<api::RdpFileResponse>> GetRdpFileAsync(
      const api::GetRdpFileRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<api::RdpFileResponse> GetRdpFile(
      const api::GetRdpFileRequest& request,
      const CallOptions& options = {}) const;

  // Lists the desktops of a folder. Every item across pages, fetched lazily
  // from `request.page_token` on.
  PaginationRange<api::Desktop> ListDesktops(api::ListDesktopsRequest request,
                                             CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopsResponse>> ListDesktopsAsync(
      const api::ListDesktopsRequest& request,
      const CallOptions& options = {}) const;

  // Lists the operations that have been run on a desktop. Every item across
  // pages, fetched lazily from `request.page_token` on.
  PaginationRange<operation::Operation> ListDesktopOperations(
      api::ListDesktopOperationsRequest request,
      CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
  ListDesktopOperationsAsync(const api::ListDesktopOperationsRequest& request,
                             const CallOptions& options = {}) const;

  // Creates a desktop in a desktop group.
  Future<absl::StatusOr<CreateDesktopOperation>> CreateDesktopAsync(
      const api::CreateDesktopRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<CreateDesktopOperation> CreateDesktop(
      const api::CreateDesktopRequest& request,
      const CallOptions& options = {}) const;

  // Sets a new password for a user of a desktop and returns it.
  Future<absl::StatusOr<api::ResetPasswordResponse>> ResetPasswordAsync(
      const api::ResetPasswordRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<api::ResetPasswordResponse> ResetPassword(
      const api::ResetPasswordRequest& request,
      const CallOptions& options = {}) const;

  // Restarts a desktop.
  Future<absl::StatusOr<RestartDesktopOperation>> RestartDesktopAsync(
      const api::RestartRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<RestartDesktopOperation> RestartDesktop(
      const api::RestartRequest& request,
      const CallOptions& options = {}) const;

  // Starts a stopped desktop.
  Future<absl::StatusOr<StartDesktopOperation>> StartDesktopAsync(
      const api::StartRequest& request, const CallOptions& options = {}) const;
  absl::StatusOr<StartDesktopOperation> StartDesktop(
      const api::StartRequest& request, const CallOptions& options = {}) const;

  // Stops a running desktop.
  Future<absl::StatusOr<StopDesktopOperation>> StopDesktopAsync(
      const api::StopRequest& request, const CallOptions& options = {}) const;
  absl::StatusOr<StopDesktopOperation> StopDesktop(
      const api::StopRequest& request, const CallOptions& options = {}) const;

  // Brings a desktop up to date with its group's current settings.
  Future<absl::StatusOr<UpdateDesktopOperation>> UpdateDesktopAsync(
      const api::UpdateRequest& request, const CallOptions& options = {}) const;
  absl::StatusOr<UpdateDesktopOperation> UpdateDesktop(
      const api::UpdateRequest& request, const CallOptions& options = {}) const;

  // Changes a desktop's name, description or labels.
  Future<absl::StatusOr<UpdateDesktopPropertiesOperation>>
  UpdateDesktopPropertiesAsync(const api::UpdatePropertiesRequest& request,
                               const CallOptions& options = {}) const;
  absl::StatusOr<UpdateDesktopPropertiesOperation> UpdateDesktopProperties(
      const api::UpdatePropertiesRequest& request,
      const CallOptions& options = {}) const;

  // Deletes a desktop.
  Future<absl::StatusOr<DeleteDesktopOperation>> DeleteDesktopAsync(
      const api::DeleteDesktopRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<DeleteDesktopOperation> DeleteDesktop(
      const api::DeleteDesktopRequest& request,
      const CallOptions& options = {}) const;

 private:
  std::shared_ptr<DesktopConnection> connection_;
  std::shared_ptr<OperationConnection> operations_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_CLIENT_H_
