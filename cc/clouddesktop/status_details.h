// The machine-readable parts of the library's errors.

#ifndef CLOUDDESKTOP_STATUS_DETAILS_H_
#define CLOUDDESKTOP_STATUS_DETAILS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/protobuf/any.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Payload key under which an error keeps the whole google.rpc.Status it
// came from (serialized): the `grpc-status-details-bin` of a failed RPC, or
// the `error` of a failed operation. Each detail is also stored on its own
// under its type URL (the first one of each type), so
//   status.GetPayload("type.googleapis.com/google.rpc.QuotaFailure")
// finds it directly.
inline constexpr absl::string_view kRpcStatusPayloadUrl =
    "type.googleapis.com/google.rpc.Status";

// The details of the google.rpc.Status kept in `status`, in their original
// order; empty if there are none. Cost: parses the payload.
std::vector<google::protobuf::Any> ErrorDetails(const absl::Status& status);

// Payload key on every error that ends a wait for an operation *without*
// the operation's outcome: the wait's deadline passed, the wait was
// cancelled or its connection destroyed, or polling failed in a way the
// polling policy does not ride out (e.g. NOT_FOUND beyond its tolerance,
// PERMISSION_DENIED). The operation may still complete on the server:
// resume the wait with OperationClient::Await(id) before acting on it
// (e.g. before creating the resource again). The payload is the operation
// id. An operation that finished and failed reports its own error, which
// never carries this key.
inline constexpr absl::string_view kWaitIncompletePayloadUrl =
    "clouddesktop.yandex.cloud/WaitIncomplete";

// The id of the operation whose wait `status` ended without its outcome
// (see kWaitIncompletePayloadUrl); nullopt for any other status, OK
// included.
std::optional<std::string> IncompleteWaitOperationId(
    const absl::Status& status);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_STATUS_DETAILS_H_
