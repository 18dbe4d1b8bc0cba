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
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncGet, request, options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupsResponse>> ListDesktopGroups(
      const api::ListDesktopGroupsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.List", kIdempotent,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncList, request, options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>
  ListDesktopGroupDesktops(const api::ListDesktopGroupDesktopsRequest& request,
                           const CallOptions& options) override {
    return Call("DesktopGroupService.ListDesktops", kIdempotent,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncListDesktops, request, options);
  }

  Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>
  ListDesktopGroupOperations(
      const api::ListDesktopGroupOperationsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.ListOperations", kIdempotent,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncListOperations, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> CreateDesktopGroup(
      const api::CreateDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Create", kMutating,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncCreate, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> DeleteDesktopGroup(
      const api::DeleteDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Delete", kMutating,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncDelete, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateDesktopGroup(
      const api::UpdateDesktopGroupRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.Update", kMutating,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncUpdate, request, options);
  }

  Future<absl::StatusOr<access::ListAccessBindingsResponse>> ListAccessBindings(
      const access::ListAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.ListAccessBindings", kIdempotent,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncListAccessBindings, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> SetAccessBindings(
      const access::SetAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.SetAccessBindings", kMutating,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncSetAccessBindings, request, options);
  }

  Future<absl::StatusOr<operation::Operation>> UpdateAccessBindings(
      const access::UpdateAccessBindingsRequest& request,
      const CallOptions& options) override {
    return Call("DesktopGroupService.UpdateAccessBindings", kMutating,
                transport()->stubs().desktop_group.get(),
                &DesktopGroupStub::AsyncUpdateAccessBindings, request, options);
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
