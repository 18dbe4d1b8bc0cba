#include "clouddesktop/internal/stub_factory.h"

#include <utility>

#include "clouddesktop/internal/auth_decorator.h"
#include "clouddesktop/internal/grpc_stubs.h"
#include "clouddesktop/internal/logging_decorator.h"
#include "clouddesktop/internal/metadata_decorator.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

// Innermost first: auth next to the transport (the header it adds is the
// last one built), then the request metadata, then logging outermost (it
// sees every attempt, failures to get a token included).
template <template <typename> class Decorated, typename Stub>
std::shared_ptr<Stub> Decorate(std::shared_ptr<Stub> stub,
                               const ConnectionOptions& options,
                               const std::shared_ptr<Executor>& executor,
                               bool with_auth) {
  if (stub == nullptr) return stub;
  if (with_auth && options.auth) {
    stub = std::make_shared<Decorated<AuthConcern>>(std::move(stub),
                                                    AuthConcern(options.auth));
  }
  stub = std::make_shared<Decorated<MetadataConcern>>(std::move(stub),
                                                      MetadataConcern());
  if (options.log_sink) {
    stub = std::make_shared<Decorated<LoggingConcern>>(
        std::move(stub), LoggingConcern(options.log_sink, executor));
  }
  return stub;
}

}  // namespace

Stubs DecorateStubs(Stubs t, const ConnectionOptions& options,
                    const std::shared_ptr<Executor>& executor) {
  Stubs s;
  s.desktop = Decorate<DecoratedDesktopStub>(std::move(t.desktop), options,
                                             executor, true);
  s.desktop_group = Decorate<DecoratedDesktopGroupStub>(
      std::move(t.desktop_group), options, executor, true);
  s.desktop_image = Decorate<DecoratedDesktopImageStub>(
      std::move(t.desktop_image), options, executor, true);
  s.operation = Decorate<DecoratedOperationStub>(std::move(t.operation),
                                                 options, executor, true);
  s.api_endpoint = Decorate<DecoratedApiEndpointStub>(std::move(t.api_endpoint),
                                                      options, executor, false);
  return s;
}

Stubs MakeGrpcStubs(const ConnectionOptions& options,
                    const std::shared_ptr<Executor>& executor,
                    const std::shared_ptr<grpc::Channel>& channel,
                    const std::shared_ptr<grpc::Channel>& operation_channel) {
  return DecorateStubs(
      MakeGrpcTransportStubs(channel, operation_channel, options.insecure,
                             executor->clock()),
      options, executor);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
