#include "clouddesktop/connection_factory.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/api_endpoint_stub.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/uuid.h"
#include "yandex/cloud/endpoint/api_endpoint_service.pb.h"

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
  return internal::MakeConnections(internal::MakeTransport(std::move(options)));
}

absl::StatusOr<ConnectionOptions> DiscoverEndpoints(ConnectionOptions options) {
  namespace endpoint = ::yandex::cloud::endpoint;
  constexpr absl::string_view kMethod = "ApiEndpointService.List";
  if (options.discovery_endpoint.empty()) {
    return absl::InvalidArgumentError(
        "DiscoverEndpoints: ConnectionOptions::discovery_endpoint is empty");
  }
  if (options.transport == TransportKind::kRest) {
    // The list names gRPC endpoints (ids "clouddesktops", "operation"), and
    // the REST API's hosts differ (options.h): discovery has nothing to
    // give a REST connection.
    return absl::InvalidArgumentError(
        "DiscoverEndpoints: the endpoint list gives gRPC endpoints only; "
        "with ConnectionOptions::transport = kRest set rest_endpoint and "
        "rest_operation_endpoint instead");
  }
  if (absl::Status config = internal::CheckConnectionOptions(options);
      !config.ok()) {
    return internal::CallError(kMethod, config.code(), config.message(), {}, 0);
  }
  // The same call path as every RPC (the retry loop over the decorated
  // ApiEndpointStub: request ids, retries, the log sink), on a transport of
  // its own to the discovery endpoint, which never sends a token.
  ConnectionOptions discovery = options;
  discovery.endpoint = options.discovery_endpoint;
  discovery.operation_endpoint = options.discovery_endpoint;
  discovery.auth = nullptr;
  discovery.thread_count = 1;
  auto transport = internal::MakeTransport(std::move(discovery));
  auto registry = std::make_shared<internal::CallRegistry>();
  CallOptions call;
  call.deadline =
      transport->clock().Now() + options.rpc_timeout;  // one for every page
  const std::string trace_id = internal::MakeUuid();
  endpoint::ListApiEndpointsRequest request;
  request.set_page_size(1000);
  std::string desktops, operations;
  absl::Status failure;
  // Every page, in case the service pages.
  for (int page = 0; page < 100; ++page) {
    internal::CallSettings settings = internal::MakeCallSettings(
        transport->options(), kMethod, /*idempotent=*/true, call);
    settings.trace_id = trace_id;
    absl::StatusOr<endpoint::ListApiEndpointsResponse> response =
        internal::AsyncRetry(transport, *registry, std::move(settings),
                             transport->stubs().api_endpoint.get(),
                             &internal::ApiEndpointStub::AsyncList, request)
            .Get();
    if (!response.ok()) {
      failure = response.status();
      break;
    }
    for (const auto& e : response->endpoints()) {
      if (e.id() == "clouddesktops") desktops = e.address();
      if (e.id() == "operation") operations = e.address();
    }
    if (response->next_page_token().empty() ||
        response->next_page_token() == request.page_token()) {
      break;
    }
    request.set_page_token(response->next_page_token());
  }
  registry->CloseAndCancelAll();
  registry->WaitEmpty();
  if (!failure.ok()) return failure;
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
