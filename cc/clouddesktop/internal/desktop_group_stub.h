// DesktopGroupService as a transport-neutral Stub (see stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_STUB_H_
#define CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_STUB_H_

#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

// Every RPC of DesktopGroupService: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_RPCS(X)                            \
  X(Get, api::GetDesktopGroupRequest, api::DesktopGroup)                       \
  X(List, api::ListDesktopGroupsRequest, api::ListDesktopGroupsResponse)       \
  X(ListDesktops, api::ListDesktopGroupDesktopsRequest,                        \
    api::ListDesktopGroupDesktopsResponse)                                     \
  X(ListOperations, api::ListDesktopGroupOperationsRequest,                    \
    api::ListDesktopGroupOperationsResponse)                                   \
  X(Create, api::CreateDesktopGroupRequest, operation::Operation)              \
  X(Delete, api::DeleteDesktopGroupRequest, operation::Operation)              \
  X(Update, api::UpdateDesktopGroupRequest, operation::Operation)              \
  X(ListAccessBindings, access::ListAccessBindingsRequest,                     \
    access::ListAccessBindingsResponse)                                        \
  X(SetAccessBindings, access::SetAccessBindingsRequest, operation::Operation) \
  X(UpdateAccessBindings, access::UpdateAccessBindingsRequest,                 \
    operation::Operation)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(DesktopGroupStub,
                                  CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_STUB_H_
