#include "clouddesktop/connection_factory.h"

#include <grpcpp/client_context.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/unary_call.h"
#include "clouddesktop/internal/uuid.h"
#include "yandex/cloud/endpoint/api_endpoint_service.grpc.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

namespace internal {

Connections MakeConnections(std::shared_ptr<Transport> transport) {
  Connections c;
  c.desktop_image = MakeDesktopImageConnection(transport);
  c.desktop = MakeDesktopConnection(transport);
  c.desktop_group = MakeDesktopGroupConnection(transport);
  c.operation = MakeOperationConnection(std::move(transport));
  return c;
}

}  // namespace internal

Connections MakeConnections(ConnectionOptions options) {
  return internal::MakeConnections(
      std::make_shared<internal::Transport>(std::move(options)));
}

absl::StatusOr<ConnectionOptions> DiscoverEndpoints(ConnectionOptions options) {
  namespace endpoint = ::yandex::cloud::endpoint;
  constexpr absl::string_view kMethod = "ApiEndpointService.List";
  if (options.discovery_endpoint.empty()) {
    return absl::InvalidArgumentError(
        "DiscoverEndpoints: ConnectionOptions::discovery_endpoint is empty");
  }
  if (absl::Status config = internal::CheckConnectionOptions(options);
      !config.ok()) {
    return internal::CallError(kMethod, config.code(), config.message(), {}, 0);
  }
  auto stub = endpoint::ApiEndpointService::NewStub(
      internal::MakeChannel(options, options.discovery_endpoint));
  const absl::Time deadline = absl::Now() + options.rpc_timeout;
  const std::string trace_id = internal::MakeUuid();
  endpoint::ListApiEndpointsRequest request;
  request.set_page_size(1000);
  std::string desktops, operations;
  // Every page, in case the service pages; one deadline for them all.
  for (int page = 0; page < 100; ++page) {
    internal::CallIds ids;
    ids.client_request_id = internal::MakeUuid();
    ids.client_trace_id = trace_id;
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(deadline));
    context.AddMetadata(internal::kClientRequestIdHeader,
                        ids.client_request_id);
    context.AddMetadata(internal::kClientTraceIdHeader, ids.client_trace_id);
    // No authorization: the endpoint list is public, and a token sent to
    // a discovery endpoint the user may have mistyped would leak.
    endpoint::ListApiEndpointsResponse response;
    grpc::Status status = stub->List(&context, request, &response);
    if (!status.ok()) {
      internal::CopyServerIds(context, &ids);
      return internal::RpcError(
          kMethod, internal::WithConnectionHint(status, options.insecure), ids,
          1);
    }
    for (const auto& e : response.endpoints()) {
      if (e.id() == "clouddesktops") desktops = e.address();
      if (e.id() == "operation") operations = e.address();
    }
    if (response.next_page_token().empty() ||
        response.next_page_token() == request.page_token()) {
      break;
    }
    request.set_page_token(response.next_page_token());
  }
  if (desktops.empty() || operations.empty()) {
    return absl::NotFoundError(
        absl::StrCat(kMethod, ": the answer of ", options.discovery_endpoint,
                     " lacks the endpoint \"",
                     desktops.empty() ? "clouddesktops" : "operation", "\""));
  }
  options.endpoint = std::move(desktops);
  options.operation_endpoint = std::move(operations);
  return options;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
