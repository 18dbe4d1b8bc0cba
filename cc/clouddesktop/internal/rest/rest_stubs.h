// The REST transport: each Stub (stub_macros.h) over RestTransport, so the
// decorators, the retry loop, the waiter and every client work over
// HTTP/1.1 and JSON exactly as over gRPC. Only the wire differs: the
// RpcContext's metadata goes out as HTTP headers, its deadline as the HTTP
// call's, its cancellation hook cancels the HTTP call; the answer's ids,
// wanted headers and peer come back into it.

#ifndef CLOUDDESKTOP_INTERNAL_REST_REST_STUBS_H_
#define CLOUDDESKTOP_INTERNAL_REST_REST_STUBS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/internal/stub_factory.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

class RestTransport;

// The undecorated Stubs of every service over `transport` (DesktopImage,
// Desktop, DesktopGroup and ApiEndpoint services at its service URL,
// OperationService at its operation URL). `clock`: what the RpcContext's
// deadline is measured by. Thread-safe; the Stubs share the transport.
internal::Stubs MakeRestStubs(std::shared_ptr<RestTransport> transport,
                              std::shared_ptr<const Clock> clock);

// The same over a new HTTP client built from `options` (rest_endpoint,
// rest_operation_endpoint, insecure, ca_pem, user agent,
// max_response_bytes). INTERNAL if libcurl cannot start.
absl::StatusOr<internal::Stubs> MakeRestStubs(
    const ConnectionOptions& options, std::shared_ptr<const Clock> clock);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_REST_STUBS_H_
