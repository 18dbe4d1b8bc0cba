// Turning gRPC statuses into the library's absl::Status errors (the rest of
// the error vocabulary, without gRPC types, is internal/call_errors.h).

#ifndef CLOUDDESKTOP_INTERNAL_ERRORS_H_
#define CLOUDDESKTOP_INTERNAL_ERRORS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// `<method>: <CODE>: <message> [x-request-id=..., x-server-trace-id=...,
// x-client-request-id=..., x-client-trace-id=..., attempts=N]` with the
// original code, the google.rpc.Status of grpc-status-details-bin as
// payloads (see status_details.h), and the CallInfo. Empty ids and
// attempts=1 are left out of the message.
absl::Status RpcError(absl::string_view method, const grpc::Status& status,
                      const CallIds& ids, int attempts);

// `status` with a hint appended when it looks like a TLS mismatch: a
// plaintext channel (`insecure`) whose connection the server closed (the
// server may expect TLS), or a TLS channel whose handshake failed (the
// server may be plaintext, or its certificate not trusted). Otherwise
// `status` as it is.
grpc::Status WithConnectionHint(grpc::Status status, bool insecure);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_ERRORS_H_
