// DesktopGroupConnection over the generated DesktopGroupService stub.

#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class DesktopGroupConnectionImpl final : public DesktopGroupConnection,
                                         private ConnectionBase {
 public:
  using ConnectionBase::ConnectionBase;

  Future<absl::StatusOr<api::DesktopGroup>> GetDesktopGroup(
      const api::GetDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Get", kIdempotent,
                transport()->desktop_group(), &DesktopGroupAsync::Get, request,
                options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupsResponse>> ListDesktopGroups(
      const api::ListDesktopGroupsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.List", kIdempotent,
                transport()->desktop_group(), &DesktopGroupAsync::List, request,
                options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
  ListDesktopGroupDesktops(const api::ListDesktopGroupDesktopsRequest& request,
                           const CallOptions& options) override {
    return Call("DesktopGroupService.ListDesktops", kIdempotent,
                transport()->desktop_group(), &DesktopGroupAsync::ListDesktops,
                request, options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
  ListDesktopGroupOperations(
      const api::ListDesktopGroupOperationsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.ListOperations", kIdempotent,
                transport()->desktop_group(),
                &DesktopGroupAsync::ListOperations, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CreateDesktopGroup(
      const api::CreateDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Create", kMutating,
                transport()->desktop_group(), &DesktopGroupAsync::Create,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> DeleteDesktopGroup(
      const api::DeleteDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Delete", kMutating,
                transport()->desktop_group(), &DesktopGroupAsync::Delete,
                request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktopGroup(
      const api::UpdateDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Update", kMutating,
                transport()->desktop_group(), &DesktopGroupAsync::Update,
                request, options);
  }

  Future<absl::StatusOr<access::ListAccessBindingsResponse>> ListAccessBindings(
      const access::ListAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.ListAccessBindings", kIdempotent,
                transport()->desktop_group(),
                &DesktopGroupAsync::ListAccessBindings, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> SetAccessBindings(
      const access::SetAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.SetAccessBindings", kMutating,
                transport()->desktop_group(),
                &DesktopGroupAsync::SetAccessBindings, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateAccessBindings(
      const access::UpdateAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.UpdateAccessBindings", kMutating,
                transport()->desktop_group(),
                &DesktopGroupAsync::UpdateAccessBindings, request, options);
  }
};

}  // namespace

std::shared_ptr<DesktopGroupConnection> MakeDesktopGroupConnection(
    std::shared_ptr<Transport> transport) {
  return std::make_shared<DesktopGroupConnectionImpl>(std::move(transport));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
