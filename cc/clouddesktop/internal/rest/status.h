// Errors of the REST API: the HTTP status of each gRPC code, and the JSON
// body (a google.rpc.Status: code, message, details), as the Yandex Cloud
// API design guide gives them
// (https://yandex.cloud/en/docs/api-design-guide/concepts/errors: "This
// error model is used in both gRPC and REST interfaces"; the HTTP codes are
// google.rpc.Code's).

#ifndef CLOUDDESKTOP_INTERNAL_REST_STATUS_H_
#define CLOUDDESKTOP_INTERNAL_REST_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

// 0 -> 200, 3 -> 400, 16 -> 401, ... (google.rpc.Code's HTTP mapping);
// an unknown code -> 500.
int HttpStatusForCode(int grpc_code);

// The code an HTTP status means when the body carries none (a proxy's
// page): the inverse of HttpStatusForCode where it is one-to-one; 409 ->
// ABORTED, other 4xx -> FAILED_PRECONDITION, other 5xx -> UNAVAILABLE... see
// the table in status.cc.
int CodeForHttpStatus(int http_status);

// The JSON body of an error: {"code":5,"message":"...","details":[...]}.
std::string ErrorJson(const google::rpc::Status& status);

// A REST error response back into a google.rpc.Status: the body's own if it
// is one (code non-zero), else the code of the HTTP status and the start of
// the body as the message.
google::rpc::Status StatusFromErrorResponse(int http_status,
                                            absl::string_view body);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_STATUS_H_
