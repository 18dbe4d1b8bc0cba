// Making connections: one call builds the channels, the thread pool and the
// four service connections that share them.
//
//   clouddesktop::ConnectionOptions options;
//   options.auth = std::make_shared<clouddesktop::StaticTokenAuth>(token);
//   auto connections = clouddesktop::MakeConnections(options);
//   clouddesktop::DesktopClient desktops(connections);

#ifndef CLOUDDESKTOP_CONNECTION_FACTORY_H_
#define CLOUDDESKTOP_CONNECTION_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "clouddesktop/desktop_connection.h"
#include "clouddesktop/desktop_group_connection.h"
#include "clouddesktop/desktop_image_connection.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The connections of one MakeConnections call. They share one channel per
// endpoint, one executor (ConnectionOptions::thread_count threads) and the
// options. Each may be destroyed on its own (cancelling its own calls in
// flight); the threads are joined when the last one goes. A plain struct:
// copying it copies four shared_ptrs.
struct Connections {
  // One per service: DesktopImageService, DesktopService,
  // DesktopGroupService, OperationService. Never null.
  std::shared_ptr<DesktopImageConnection> desktop_image;
  std::shared_ptr<DesktopConnection> desktop;
  std::shared_ptr<DesktopGroupConnection> desktop_group;
  std::shared_ptr<OperationConnection> operation;
};

// Builds the connections. Never blocks and never fails: channels connect
// lazily, and errors (an unreachable endpoint, bad TLS roots) surface as
// the status of the first calls. Cost: `thread_count` threads and one or
// two channels (TransportKind::kGrpc), or one HTTP client thread
// (TransportKind::kRest).
Connections MakeConnections(ConnectionOptions options = {});

// Asks ApiEndpointService.List at `options.discovery_endpoint` (TLS as for
// the others; no credentials are sent, the list is public) for the addresses of
// the Cloud Desktop service (id "clouddesktops") and of OperationService (id
// "operation"), and returns `options` with `endpoint` and `operation_endpoint`
// set from it. Blocking: one RPC per page of the answer (usually one), all
// within `options.rpc_timeout`; not retried. NOT_FOUND if the answer lacks
// either id; INVALID_ARGUMENT without a discovery endpoint (Yandex Cloud's is
// kDefaultDiscoveryEndpoint), and with TransportKind::kRest (the list names
// gRPC endpoints only).
absl::StatusOr<ConnectionOptions> DiscoverEndpoints(ConnectionOptions options);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CONNECTION_FACTORY_H_
