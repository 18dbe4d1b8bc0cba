// The default of every DesktopGroupConnection virtual: UNIMPLEMENTED, naming
// the method, so that a fake written against an older version still compiles
// when an RPC is added (see desktop_group_connection.h).
#include "clouddesktop/desktop_group_connection.h"

#include "clouddesktop/internal/unimplemented.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<api::DesktopGroup>>
DesktopGroupConnection::GetDesktopGroup(
    const api::GetDesktopGroupRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::DesktopGroup>(
      "DesktopGroupConnection::GetDesktopGroup");
}

Future<absl::StatusOr<api::ListDesktopGroupsResponse>>
DesktopGroupConnection::ListDesktopGroups(
    const api::ListDesktopGroupsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopGroupsResponse>(
      "DesktopGroupConnection::ListDesktopGroups");
}

Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
DesktopGroupConnection::ListDesktopGroupDesktops(
    const api::ListDesktopGroupDesktopsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopGroupDesktopsResponse>(
      "DesktopGroupConnection::ListDesktopGroupDesktops");
}

Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
DesktopGroupConnection::ListDesktopGroupOperations(
    const api::ListDesktopGroupOperationsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopGroupOperationsResponse>(
      "DesktopGroupConnection::ListDesktopGroupOperations");
}

Future<absl::StatusOr<operation::Operation>>
DesktopGroupConnection::CreateDesktopGroup(
    const api::CreateDesktopGroupRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopGroupConnection::CreateDesktopGroup");
}

Future<absl::StatusOr<operation::Operation>>
DesktopGroupConnection::DeleteDesktopGroup(
    const api::DeleteDesktopGroupRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopGroupConnection::DeleteDesktopGroup");
}

Future<absl::StatusOr<operation::Operation>>
DesktopGroupConnection::UpdateDesktopGroup(
    const api::UpdateDesktopGroupRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopGroupConnection::UpdateDesktopGroup");
}

Future<absl::StatusOr<access::ListAccessBindingsResponse>>
DesktopGroupConnection::ListAccessBindings(
    const access::ListAccessBindingsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<access::ListAccessBindingsResponse>(
      "DesktopGroupConnection::ListAccessBindings");
}

Future<absl::StatusOr<operation::Operation>>
DesktopGroupConnection::SetAccessBindings(
    const access::SetAccessBindingsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopGroupConnection::SetAccessBindings");
}

Future<absl::StatusOr<operation::Operation>>
DesktopGroupConnection::UpdateAccessBindings(
    const access::UpdateAccessBindingsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopGroupConnection::UpdateAccessBindings");
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
