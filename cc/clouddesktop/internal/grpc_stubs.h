// The gRPC transport: each Stub over the generated stub of its service,
// on the callback API (no thread blocked per call, the context's deadline
// on every RPC).

#ifndef CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_
#define CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_

#include <memory>

#include "clouddesktop/clock.h"
#include "clouddesktop/internal/api_endpoint_stub.h"
#include "clouddesktop/internal/desktop_group_stub.h"
#include "clouddesktop/internal/desktop_image_stub.h"
#include "clouddesktop/internal/desktop_stub.h"
#include "clouddesktop/internal/iam_token_stub.h"
#include "clouddesktop/internal/operation_stub.h"
#include "clouddesktop/version.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// `insecure`: the channel is plaintext (only for the hint a connection
// failure's message gets, see WithConnectionHint). `clock`: what the
// RpcContext's deadline is measured by (gRPC's own deadline is set to the
// same time left on the real clock). Each stub holds the channel;
// thread-safe.
std::shared_ptr<DesktopStub> MakeGrpcDesktopStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);
std::shared_ptr<DesktopGroupStub> MakeGrpcDesktopGroupStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);
std::shared_ptr<DesktopImageStub> MakeGrpcDesktopImageStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);
std::shared_ptr<OperationStub> MakeGrpcOperationStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);
std::shared_ptr<ApiEndpointStub> MakeGrpcApiEndpointStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);
// The credentials' token exchange (credentials/internal/iam_token_exchange.h).
std::shared_ptr<IamTokenStub> MakeGrpcIamTokenStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_
