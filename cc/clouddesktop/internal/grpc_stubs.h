// The gRPC transport: each Stub over the generated stub of its service,
// on the callback API (no thread blocked per call, the context's deadline
// on every RPC).

#ifndef CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_
#define CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_

#include <memory>

#include "clouddesktop/clock.h"
#include "clouddesktop/internal/iam_token_stub.h"
#include "clouddesktop/internal/stub_factory.h"
#include "clouddesktop/version.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The undecorated Stubs of every service: OperationService's over
// `operation_channel`, the others over `channel`. `insecure`: the channels
// are plaintext (only for the hint a connection failure's message gets,
// see WithConnectionHint). `clock`: what the RpcContext's deadline is
// measured by (gRPC's own deadline is set to the same time left on the
// real clock). The stubs hold the channels; thread-safe.
Stubs MakeGrpcTransportStubs(std::shared_ptr<grpc::Channel> channel,
                             std::shared_ptr<grpc::Channel> operation_channel,
                             bool insecure,
                             const std::shared_ptr<const Clock>& clock);

// The credentials' token exchange (credentials/internal/iam_token_exchange.h):
// not one of the Stubs (its own endpoint, no auth decorator).
std::shared_ptr<IamTokenStub> MakeGrpcIamTokenStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_GRPC_STUBS_H_
