#include "clouddesktop/desktop_group_client.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<api::DesktopGroup>>
DesktopGroupClient::GetDesktopGroupAsync(
    const api::GetDesktopGroupRequest& request,
    const CallOptions& options) const {
  return connection_->GetDesktopGroup(request, options);
}

absl::StatusOr<api::DesktopGroup> DesktopGroupClient::GetDesktopGroup(
    const api::GetDesktopGroupRequest& request,
    const CallOptions& options) const {
  return GetDesktopGroupAsync(request, options).Get();
}

PaginationRange<api::DesktopGroup> DesktopGroupClient::ListDesktopGroups(
    api::ListDesktopGroupsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<api::DesktopGroup,
                                       api::ListDesktopGroupsRequest,
                                       api::ListDesktopGroupsResponse>(
      std::move(request),
      [connection = connection_,
       options = std::move(options)](const api::ListDesktopGroupsRequest& r) {
        return connection->ListDesktopGroups(r, options);
      },
      [](api::ListDesktopGroupsResponse& page) {
        return page.mutable_desktop_groups();
      });
}

Future<absl::StatusOr<api::ListDesktopGroupsResponse>>
DesktopGroupClient::ListDesktopGroupsAsync(
    const api::ListDesktopGroupsRequest& request,
    const CallOptions& options) const {
  return connection_->ListDesktopGroups(request, options);
}

PaginationRange<api::Desktop> DesktopGroupClient::ListDesktopGroupDesktops(
    api::ListDesktopGroupDesktopsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<api::Desktop,
                                       api::ListDesktopGroupDesktopsRequest,
                                       api::ListDesktopGroupDesktopsResponse>(
      std::move(request),
      [connection = connection_, options = std::move(options)](
          const api::ListDesktopGroupDesktopsRequest& r) {
        return connection->ListDesktopGroupDesktops(r, options);
      },
      [](api::ListDesktopGroupDesktopsResponse& page) {
        return page.mutable_desktops();
      });
}

Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
DesktopGroupClient::ListDesktopGroupDesktopsAsync(
    const api::ListDesktopGroupDesktopsRequest& request,
    const CallOptions& options) const {
  return connection_->ListDesktopGroupDesktops(request, options);
}

PaginationRange<operation::Operation>
DesktopGroupClient::ListDesktopGroupOperations(
    api::ListDesktopGroupOperationsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<operation::Operation,
                                       api::ListDesktopGroupOperationsRequest,
                                       api::ListDesktopGroupOperationsResponse>(
      std::move(request),
      [connection = connection_, options = std::move(options)](
          const api::ListDesktopGroupOperationsRequest& r) {
        return connection->ListDesktopGroupOperations(r, options);
      },
      [](api::ListDesktopGroupOperationsResponse& page) {
        return page.mutable_operations();
      });
}

Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
DesktopGroupClient::ListDesktopGroupOperationsAsync(
    const api::ListDesktopGroupOperationsRequest& request,
    const CallOptions& options) const {
  return connection_->ListDesktopGroupOperations(request, options);
}

Future<absl::StatusOr<CreateDesktopGroupOperation>>
DesktopGroupClient::CreateDesktopGroupAsync(
    const api::CreateDesktopGroupRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<api::DesktopGroup,
                                 api::CreateDesktopGroupMetadata>(
      connection_->CreateDesktopGroup(request, options), operations_);
}

absl::StatusOr<CreateDesktopGroupOperation>
DesktopGroupClient::CreateDesktopGroup(
    const api::CreateDesktopGroupRequest& request,
    const CallOptions& options) const {
  return CreateDesktopGroupAsync(request, options).Get();
}

Future<absl::StatusOr<DeleteDesktopGroupOperation>>
DesktopGroupClient::DeleteDesktopGroupAsync(
    const api::DeleteDesktopGroupRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 api::DeleteDesktopGroupMetadata>(
      connection_->DeleteDesktopGroup(request, options), operations_);
}

absl::StatusOr<DeleteDesktopGroupOperation>
DesktopGroupClient::DeleteDesktopGroup(
    const api::DeleteDesktopGroupRequest& request,
    const CallOptions& options) const {
  return DeleteDesktopGroupAsync(request, options).Get();
}

Future<absl::StatusOr<UpdateDesktopGroupOperation>>
DesktopGroupClient::UpdateDesktopGroupAsync(
    const api::UpdateDesktopGroupRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 api::UpdateDesktopGroupMetadata>(
      connection_->UpdateDesktopGroup(request, options), operations_);
}

absl::StatusOr<UpdateDesktopGroupOperation>
DesktopGroupClient::UpdateDesktopGroup(
    const api::UpdateDesktopGroupRequest& request,
    const CallOptions& options) const {
  return UpdateDesktopGroupAsync(request, options).Get();
}

PaginationRange<access::AccessBinding> DesktopGroupClient::ListAccessBindings(
    access::ListAccessBindingsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<access::AccessBinding,
                                       access::ListAccessBindingsRequest,
                                       access::ListAccessBindingsResponse>(
      std::move(request),
      [connection = connection_, options = std::move(options)](
          const access::ListAccessBindingsRequest& r) {
        return connection->ListAccessBindings(r, options);
      },
      [](access::ListAccessBindingsResponse& page) {
        return page.mutable_access_bindings();
      });
}

Future<absl::StatusOr<access::ListAccessBindingsResponse>>
DesktopGroupClient::ListAccessBindingsAsync(
    const access::ListAccessBindingsRequest& request,
    const CallOptions& options) const {
  return connection_->ListAccessBindings(request, options);
}

Future<absl::StatusOr<SetAccessBindingsOperation>>
DesktopGroupClient::SetAccessBindingsAsync(
    const access::SetAccessBindingsRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 access::SetAccessBindingsMetadata>(
      connection_->SetAccessBindings(request, options), operations_);
}

absl::StatusOr<SetAccessBindingsOperation>
DesktopGroupClient::SetAccessBindings(
    const access::SetAccessBindingsRequest& request,
    const CallOptions& options) const {
  return SetAccessBindingsAsync(request, options).Get();
}

Future<absl::StatusOr<UpdateAccessBindingsOperation>>
DesktopGroupClient::UpdateAccessBindingsAsync(
    const access::UpdateAccessBindingsRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 access::UpdateAccessBindingsMetadata>(
      connection_->UpdateAccessBindings(request, options), operations_);
}

absl::StatusOr<UpdateAccessBindingsOperation>
DesktopGroupClient::UpdateAccessBindings(
    const access::UpdateAccessBindingsRequest& request,
    const CallOptions& options) const {
  return UpdateAccessBindingsAsync(request, options).Get();
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
