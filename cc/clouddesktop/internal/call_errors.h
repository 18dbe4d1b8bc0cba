// The library's absl::Status errors: the CallInfo record every error
// carries, call and operation errors, details as payloads, Any mismatches.
// No gRPC type (a public header, operation.h, includes it); turning a
// grpc::Status into one of these is internal/errors.h.

#ifndef CLOUDDESKTOP_INTERNAL_CALL_ERRORS_H_
#define CLOUDDESKTOP_INTERNAL_CALL_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
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

// Payload key of the record every error the library makes carries about
// itself (the method, the ids, the attempts, the operation id, the message
// before decoration), so that FromStatus (error_info.h) reads fields
// instead of parsing the message. The value is a serialized
// google.rpc.ErrorInfo with domain "clouddesktop-cpp", reason "CALL" and the
// fields in `metadata`; an implementation detail behind FromStatus.
inline constexpr absl::string_view kCallInfoPayloadUrl =
    "clouddesktop.yandex.cloud/CallInfo";

// What kCallInfoPayloadUrl holds.
struct CallInfo {
  std::string method;        // `Service.Method`; empty if none
  std::string message;       // the message before the library decorated it
  std::string operation_id;  // a failed operation's; empty if none
  CallIds ids;
  int attempts = 0;  // 0: not an RPC
};

// Sets (replaces) the kCallInfoPayloadUrl payload of `status` (not OK).
void AttachCallInfo(const CallInfo& info, absl::Status* status);

// The record of `status`, or nullopt if it has none (or it does not parse).
std::optional<CallInfo> ReadCallInfo(const absl::Status& status);

// `<method>: <CODE>: <message> [x-request-id=..., x-server-trace-id=...,
// x-client-request-id=..., x-client-trace-id=..., attempts=N]` and the
// CallInfo, for a failure found before or without an RPC (RpcError in
// internal/errors.h, for one with an RPC, uses the same format). Empty ids
// and attempts=1 are left out of the message.
absl::Status CallError(absl::string_view method, absl::StatusCode code,
                       absl::string_view message, const CallIds& ids,
                       int attempts);

// `code` as an absl::StatusCode; UNKNOWN if out of range.
absl::StatusCode StatusCodeFromInt(int code);

// Adds `details` as payloads of `status` (whole and per detail).
void AttachDetails(const google::rpc::Status& details, absl::Status* status);

// `prefix: <message>` with the code and payloads of `status`.
absl::Status WithPrefix(absl::string_view prefix, const absl::Status& status);

// `status` marked as ending a wait for operation `operation_id` without its
// outcome (kWaitIncompletePayloadUrl); OK stays OK.
absl::Status WaitIncomplete(absl::Status status,
                            absl::string_view operation_id);

// The error of a failed operation: its code (UNKNOWN if out of range) and
// `operation <id> failed: <message>`, details as payloads, and a CallInfo
// with the operation id.
absl::Status OperationError(const yandex::cloud::operation::Operation& op);

// Unpacks `any` into `out`, or INTERNAL naming the expected and the actual
// type: `operation <id>: <what> is <actual>, expected <expected>`.
absl::Status UnpackAny(const google::protobuf::Any& any,
                       google::protobuf::Message* out, absl::string_view what,
                       absl::string_view operation_id);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_CALL_ERRORS_H_
