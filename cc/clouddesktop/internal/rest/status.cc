#include "clouddesktop/internal/rest/status.h"

#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/rest/json.h"
#include "google/protobuf/util/json_util.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

int HttpStatusForCode(int grpc_code) {
  switch (grpc_code) {
    case 0:
      return 200;  // OK
    case 1:
      return 499;  // CANCELLED
    case 2:
      return 500;  // UNKNOWN
    case 3:
      return 400;  // INVALID_ARGUMENT
    case 4:
      return 504;  // DEADLINE_EXCEEDED
    case 5:
      return 404;  // NOT_FOUND
    case 6:
      return 409;  // ALREADY_EXISTS
    case 7:
      return 403;  // PERMISSION_DENIED
    case 8:
      return 429;  // RESOURCE_EXHAUSTED
    case 9:
      return 400;  // FAILED_PRECONDITION
    case 10:
      return 409;  // ABORTED
    case 11:
      return 400;  // OUT_OF_RANGE
    case 12:
      return 501;  // UNIMPLEMENTED
    case 13:
      return 500;  // INTERNAL
    case 14:
      return 503;  // UNAVAILABLE
    case 15:
      return 500;  // DATA_LOSS
    case 16:
      return 401;  // UNAUTHENTICATED
    default:
      return 500;
  }
}

int CodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 200:
      return 0;
    case 400:
      return 3;  // INVALID_ARGUMENT
    case 401:
      return 16;  // UNAUTHENTICATED
    case 403:
      return 7;  // PERMISSION_DENIED
    case 404:
      return 5;  // NOT_FOUND
    case 409:
      return 10;  // ABORTED
    case 429:
      return 8;  // RESOURCE_EXHAUSTED
    case 499:
      return 1;  // CANCELLED
    case 501:
      return 12;  // UNIMPLEMENTED
    case 502:
      return 14;  // UNAVAILABLE (a proxy could not reach the API)
    case 503:
      return 14;  // UNAVAILABLE
    case 504:
      return 4;  // DEADLINE_EXCEEDED
    default:
      if (http_status >= 200 && http_status < 300) return 0;
      if (http_status >= 400 && http_status < 500)
        return 9;  // FAILED_PRECONDITION
      if (http_status >= 500 && http_status < 600) return 13;  // INTERNAL
      return 2;                                                // UNKNOWN
  }
}

std::string ErrorJson(const google::rpc::Status& status) {
  absl::StatusOr<std::string> json = ToRestJson(status);
  if (json.ok()) return *std::move(json);
  // Details of a type this program does not link: keep code and message.
  google::rpc::Status bare;
  bare.set_code(status.code());
  bare.set_message(status.message());
  return ToRestJson(bare).value_or("{}");
}

google::rpc::Status StatusFromErrorResponse(int http_status,
                                            absl::string_view body) {
  google::rpc::Status status;
  google::protobuf::util::JsonParseOptions lenient;
  lenient.ignore_unknown_fields = true;
  if (google::protobuf::util::JsonStringToMessage(std::string(body), &status,
                                                  lenient)
          .ok() &&
      status.code() != 0) {
    return status;
  }
  status.Clear();
  status.set_code(CodeForHttpStatus(http_status));
  constexpr size_t kMaxBody = 200;
  status.set_message(absl::StrCat(
      "HTTP ", http_status, body.empty() ? "" : ": ", body.substr(0, kMaxBody),
      body.size() > kMaxBody ? "..." : ""));
  return status;
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
