// DesktopGroupClient: every RPC of DesktopGroupService, async and blocking.

#ifndef CLOUDDESKTOP_DESKTOP_GROUP_CLIENT_H_
#define CLOUDDESKTOP_DESKTOP_GROUP_CLIENT_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_group_connection.h"
#include "clouddesktop/future.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/pagination_range.h"
#include "clouddesktop/version.h"
#include "google/protobuf/empty.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The typed operations of DesktopGroupService (types as the service declares).
using CreateDesktopGroupOperation =
    Operation<api::DesktopGroup, api::CreateDesktopGroupMetadata>;
using DeleteDesktopGroupOperation =
    Operation<google::protobuf::Empty, api::DeleteDesktopGroupMetadata>;
using UpdateDesktopGroupOperation =
    Operation<google::protobuf::Empty, api::UpdateDesktopGroupMetadata>;
using SetAccessBindingsOperation =
    Operation<google::protobuf::Empty, access::SetAccessBindingsMetadata>;
using UpdateAccessBindingsOperation =
    Operation<google::protobuf::Empty, access::UpdateAccessBindingsMetadata>;

// A cheap copyable value (two shared_ptrs) over a DesktopGroupConnection;
// copies share the connection, its channel and its threads. Each RPC has
// `XAsync` (returns at once; the Future can be waited on, chained or
// cancelled) and blocking `X` (`XAsync(...).Get()`: do not call it from a
// continuation). Mutating RPCs return typed Operation handles that wait
// through the OperationConnection.
//
// Thread safety: all methods are const and may be called concurrently.
class DesktopGroupClient {
 public:
  // Calls go to `connection`; operations are polled through `operations`
  // (null: waiting on an operation fails with FAILED_PRECONDITION).
  explicit DesktopGroupClient(
      std::shared_ptr<DesktopGroupConnection> connection,
      std::shared_ptr<OperationConnection> operations = nullptr)
      : connection_(std::move(connection)),
        operations_(std::move(operations)) {}
  // The connections of MakeConnections.
  explicit DesktopGroupClient(const Connections& connections)
      : DesktopGroupClient(connections.desktop_group, connections.operation) {}

  // The connection the calls go to.
  const std::shared_ptr<DesktopGroupConnection>& connection() const {
    return connection_;
  }

  // Returns one desktop group.
  Future<absl::StatusOr<api::DesktopGroup>> GetDesktopGroupAsync(
      const api::GetDesktopGroupRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<api::DesktopGroup> GetDesktopGroup(
      const api::GetDesktopGroupRequest& request,
      const CallOptions& options = {}) const;

  // Lists the desktop groups of a folder. Every item across pages, fetched
  // lazily from `request.page_token` on.
  PaginationRange<api::DesktopGroup> ListDesktopGroups(
      api::ListDesktopGroupsRequest request, CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopGroupsResponse>> ListDesktopGroupsAsync(
      const api::ListDesktopGroupsRequest& request,
      const CallOptions& options = {}) const;

  // Lists the desktops that belong to a group. Every item across pages, fetched
  // lazily from `request.page_token` on.
  PaginationRange<api::Desktop> ListDesktopGroupDesktops(
      api::ListDesktopGroupDesktopsRequest request,
      CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
  ListDesktopGroupDesktopsAsync(
      const api::ListDesktopGroupDesktopsRequest& request,
      const CallOptions& options = {}) const;

  // Lists the operations that have been run on a group. Every item across
  // pages, fetched lazily from `request.page_token` on.
  PaginationRange<operation::Operation> ListDesktopGroupOperations(
      api::ListDesktopGroupOperationsRequest request,
      CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
  ListDesktopGroupOperationsAsync(
      const api::ListDesktopGroupOperationsRequest& request,
      const CallOptions& options = {}) const;

  // Creates a desktop group.
  Future<absl::StatusOr<CreateDesktopGroupOperation>> CreateDesktopGroupAsync(
      const api::CreateDesktopGroupRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<CreateDesktopGroupOperation> CreateDesktopGroup(
      const api::CreateDesktopGroupRequest& request,
      const CallOptions& options = {}) const;

  // Deletes a desktop group.
  Future<absl::StatusOr<DeleteDesktopGroupOperation>> DeleteDesktopGroupAsync(
      const api::DeleteDesktopGroupRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<DeleteDesktopGroupOperation> DeleteDesktopGroup(
      const api::DeleteDesktopGroupRequest& request,
      const CallOptions& options = {}) const;

  // Changes a desktop group's settings.
  Future<absl::StatusOr<UpdateDesktopGroupOperation>> UpdateDesktopGroupAsync(
      const api::UpdateDesktopGroupRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<UpdateDesktopGroupOperation> UpdateDesktopGroup(
      const api::UpdateDesktopGroupRequest& request,
      const CallOptions& options = {}) const;

  // Lists who holds which role on a desktop group. Every item across pages,
  // fetched lazily from `request.page_token` on.
  PaginationRange<access::AccessBinding> ListAccessBindings(
      access::ListAccessBindingsRequest request,
      CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<access::ListAccessBindingsResponse>>
  ListAccessBindingsAsync(const access::ListAccessBindingsRequest& request,
                          const CallOptions& options = {}) const;

  // Replaces all access bindings of a desktop group.
  Future<absl::StatusOr<SetAccessBindingsOperation>> SetAccessBindingsAsync(
      const access::SetAccessBindingsRequest& request,
      const CallOptions& options = {}) const;
  absl::StatusOr<SetAccessBindingsOperation> SetAccessBindings(
      const access::SetAccessBindingsRequest& request,
      const CallOptions& options = {}) const;

  // Adds or removes individual access bindings of a desktop group.
  Future<absl::StatusOr<UpdateAccessBindingsOperation>>
  UpdateAccessBindingsAsync(const access::UpdateAccessBindingsRequest& request,
                            const CallOptions& options = {}) const;
  absl::StatusOr<UpdateAccessBindingsOperation> UpdateAccessBindings(
      const access::UpdateAccessBindingsRequest& request,
      const CallOptions& options = {}) const;

 private:
  std::shared_ptr<DesktopGroupConnection> connection_;
  std::shared_ptr<OperationConnection> operations_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_GROUP_CLIENT_H_
