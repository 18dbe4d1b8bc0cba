// OperationService as a transport-neutral Stub (see stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_OPERATION_STUB_H_
#define CLOUDDESKTOP_INTERNAL_OPERATION_STUB_H_

#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/operation/operation.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

// Every RPC of OperationService: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_OPERATION_RPCS(X)                \
  X(Get, operation::GetOperationRequest, operation::Operation) \
  X(Cancel, operation::CancelOperationRequest, operation::Operation)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(OperationStub,
                                  CLOUDDESKTOP_INTERNAL_OPERATION_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_OPERATION_STUB_H_
