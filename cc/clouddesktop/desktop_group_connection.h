// The DesktopGroupService seam.

#ifndef CLOUDDESKTOP_DESKTOP_GROUP_CONNECTION_H_
#define CLOUDDESKTOP_DESKTOP_GROUP_CONNECTION_H_

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One virtual per RPC of DesktopGroupService, asynchronous, on the wire types:
// a mutating RPC returns the raw Operation, which DesktopGroupClient wraps in
// a typed handle. Implement or mock it
// (clouddesktop/mocks/mock_desktop_group_connection.h) to test code without
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
class DesktopGroupConnection {
 public:
  virtual ~DesktopGroupConnection() = default;

  // DesktopGroupService.Get (idempotent: retried).
  virtual Future<absl::StatusOr<api::DesktopGroup>> GetDesktopGroup(
      const api::GetDesktopGroupRequest& request, const CallOptions& options);
  // DesktopGroupService.List (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopGroupsResponse>>
  ListDesktopGroups(const api::ListDesktopGroupsRequest& request,
                    const CallOptions& options);
  // DesktopGroupService.ListDesktops (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
  ListDesktopGroupDesktops(const api::ListDesktopGroupDesktopsRequest& request,
                           const CallOptions& options);
  // DesktopGroupService.ListOperations (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
  ListDesktopGroupOperations(
      const api::ListDesktopGroupOperationsRequest& request,
      const CallOptions& options);
  // DesktopGroupService.Create (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> CreateDesktopGroup(
      const api::CreateDesktopGroupRequest& request,
      const CallOptions& options);
  // DesktopGroupService.Delete (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> DeleteDesktopGroup(
      const api::DeleteDesktopGroupRequest& request,
      const CallOptions& options);
  // DesktopGroupService.Update (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> UpdateDesktopGroup(
      const api::UpdateDesktopGroupRequest& request,
      const CallOptions& options);
  // DesktopGroupService.ListAccessBindings (one page; idempotent: retried).
  virtual Future<absl::StatusOr<access::ListAccessBindingsResponse>>
  ListAccessBindings(const access::ListAccessBindingsRequest& request,
                     const CallOptions& options);
  // DesktopGroupService.SetAccessBindings (mutating: carries an idempotency
  // key).
  virtual Future<absl::StatusOr<operation::Operation>> SetAccessBindings(
      const access::SetAccessBindingsRequest& request,
      const CallOptions& options);
  // DesktopGroupService.UpdateAccessBindings (mutating: carries an idempotency
  // key).
  virtual Future<absl::StatusOr<operation::Operation>> UpdateAccessBindings(
      const access::UpdateAccessBindingsRequest& request,
      const CallOptions& options);
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_GROUP_CONNECTION_H_
