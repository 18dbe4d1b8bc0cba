// ApiEndpointService (endpoint discovery) as a transport-neutral Stub (see
// stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_API_ENDPOINT_STUB_H_
#define CLOUDDESKTOP_INTERNAL_API_ENDPOINT_STUB_H_

#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/endpoint/api_endpoint_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace endpoint = ::yandex::cloud::endpoint;
}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

// Every RPC of ApiEndpointService: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_API_ENDPOINT_RPCS(X)               \
  X(Get, endpoint::GetApiEndpointRequest, endpoint::ApiEndpoint) \
  X(List, endpoint::ListApiEndpointsRequest, endpoint::ListApiEndpointsResponse)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(ApiEndpointStub,
                                  CLOUDDESKTOP_INTERNAL_API_ENDPOINT_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_API_ENDPOINT_STUB_H_
