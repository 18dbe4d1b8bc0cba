// The connection factory's stacking of the Stubs: the transport, then the
// decorators (auth when there are credentials, request metadata, logging
// when there is a sink). A tracing decorator or a REST transport goes in
// here and nowhere else.

#ifndef CLOUDDESKTOP_INTERNAL_STUB_FACTORY_H_
#define CLOUDDESKTOP_INTERNAL_STUB_FACTORY_H_

#include <memory>

#include "clouddesktop/internal/api_endpoint_stub.h"
#include "clouddesktop/internal/desktop_group_stub.h"
#include "clouddesktop/internal/desktop_image_stub.h"
#include "clouddesktop/internal/desktop_stub.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/internal/operation_stub.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Every service's decorated Stub. Thread-safe; immutable.
struct Stubs {
  std::shared_ptr<DesktopStub> desktop;
  std::shared_ptr<DesktopGroupStub> desktop_group;
  std::shared_ptr<DesktopImageStub> desktop_image;
  std::shared_ptr<OperationStub> operation;
  // Endpoint discovery: never the auth decorator (the endpoint list is
  // public, and a token sent to a mistyped discovery endpoint would leak).
  std::shared_ptr<ApiEndpointStub> api_endpoint;
};

// `transport` (any transport's undecorated Stubs; a null one stays null)
// with the decorators `options` ask for; the logging decorator records on
// `executor`.
Stubs DecorateStubs(Stubs transport, const ConnectionOptions& options,
                    const std::shared_ptr<Executor>& executor);

// The gRPC stubs over `channel` (OperationService over
// `operation_channel`), decorated per `options`; the logging decorator
// records on `executor`.
Stubs MakeGrpcStubs(const ConnectionOptions& options,
                    const std::shared_ptr<Executor>& executor,
                    const std::shared_ptr<grpc::Channel>& channel,
                    const std::shared_ptr<grpc::Channel>& operation_channel);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_STUB_FACTORY_H_
