// The machine-readable parts of the library's errors.

#ifndef CLOUDDESKTOP_STATUS_DETAILS_H_
#define CLOUDDESKTOP_STATUS_DETAILS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/any.pb.h"

namespace clouddesktop {

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

}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_STATUS_DETAILS_H_
