// DesktopService as a transport-neutral Stub (see stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_DESKTOP_STUB_H_
#define CLOUDDESKTOP_INTERNAL_DESKTOP_STUB_H_

#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

// Every RPC of DesktopService: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_DESKTOP_RPCS(X)                             \
  X(Get, api::GetDesktopRequest, api::Desktop)                            \
  X(GetRdpFile, api::GetRdpFileRequest, api::RdpFileResponse)             \
  X(List, api::ListDesktopsRequest, api::ListDesktopsResponse)            \
  X(ListOperations, api::ListDesktopOperationsRequest,                    \
    api::ListDesktopOperationsResponse)                                   \
  X(Create, api::CreateDesktopRequest, operation::Operation)              \
  X(ResetPassword, api::ResetPasswordRequest, api::ResetPasswordResponse) \
  X(Restart, api::RestartRequest, operation::Operation)                   \
  X(Start, api::StartRequest, operation::Operation)                       \
  X(Stop, api::StopRequest, operation::Operation)                         \
  X(Update, api::UpdateRequest, operation::Operation)                     \
  X(UpdateProperties, api::UpdatePropertiesRequest, operation::Operation) \
  X(Delete, api::DeleteDesktopRequest, operation::Operation)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(DesktopStub,
                                  CLOUDDESKTOP_INTERNAL_DESKTOP_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_DESKTOP_STUB_H_
