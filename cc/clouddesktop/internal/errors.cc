#include "clouddesktop/internal/errors.h"

#include <initializer_list>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

grpc::Status WithConnectionHint(grpc::Status status, bool insecure) {
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return status;
  const std::string& message = status.error_message();
  const auto mentions = [&](std::initializer_list<absl::string_view> words) {
    for (absl::string_view w : words) {
      if (absl::StrContains(message, w)) return true;
    }
    return false;
  };
  std::string hint;
  if (insecure && mentions({"Socket closed", "Connection reset",
                            "connection closed", "Broken pipe"})) {
    hint = " (the channel is plaintext (insecure): the server may expect TLS)";
  } else if (!insecure && mentions({"andshake", "SSL", "ssl", "TLS", "tls",
                                    "certificate", "Socket closed"})) {
    hint =
        " (TLS could not be set up: the server may be plaintext (then connect "
        "insecure), or its certificate may not be trusted by the roots in use "
        "(custom roots: ca_pem / --ca-cert))";
  }
  if (hint.empty()) return status;
  return grpc::Status(status.error_code(), absl::StrCat(message, hint),
                      status.error_details());
}

absl::Status RpcError(absl::string_view method, const grpc::Status& status,
                      const CallIds& ids, int attempts) {
  absl::Status out = CallError(method, StatusCodeFromInt(status.error_code()),
                               status.error_message(), ids, attempts);
  if (!status.error_details().empty()) {
    google::rpc::Status details;
    if (details.ParseFromString(status.error_details())) {
      AttachDetails(details, &out);
    }
  }
  return out;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
