// Turning gRPC statuses, operation errors and Any mismatches into the
// library's absl::Status errors.

#ifndef CLOUDDESKTOP_INTERNAL_ERRORS_H_
#define CLOUDDESKTOP_INTERNAL_ERRORS_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/message.h"
#include "google/rpc/status.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// The ids that make a failed call traceable on both sides.
struct CallIds {
  std::string client_request_id;  // this attempt's
  std::string client_trace_id;    // the logical call's
  std::string request_id;         // the server's x-request-id
  std::string server_trace_id;    // the server's x-server-trace-id
};

// `<method>: <CODE>: <message> [x-request-id=..., x-server-trace-id=...,
// x-client-request-id=..., x-client-trace-id=..., attempts=N]` with the
// original code, the google.rpc.Status of grpc-status-details-bin as
// payloads (see status_details.h). Empty ids and attempts=1 are left out.
absl::Status RpcError(absl::string_view method, const grpc::Status& status,
                      const CallIds& ids, int attempts);

// Same format, for a failure found before or without an RPC.
absl::Status CallError(absl::string_view method, absl::StatusCode code,
                       absl::string_view message, const CallIds& ids,
                       int attempts);

// Adds `details` as payloads of `status` (whole and per detail).
void AttachDetails(const google::rpc::Status& details, absl::Status* status);

// `prefix: <message>` with the code and payloads of `status`.
absl::Status WithPrefix(absl::string_view prefix, const absl::Status& status);

// The error of a failed operation: its code (UNKNOWN if out of range) and
// `operation <id> failed: <message>`, details as payloads.
absl::Status OperationError(const yandex::cloud::operation::Operation& op);

// Unpacks `any` into `out`, or INTERNAL naming the expected and the actual
// type: `operation <id>: <what> is <actual>, expected <expected>`.
absl::Status UnpackAny(const google::protobuf::Any& any,
                       google::protobuf::Message* out, absl::string_view what,
                       absl::string_view operation_id);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_ERRORS_H_
