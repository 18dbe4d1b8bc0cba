#include "cli/errors.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/output.h"
#include "cli/request_flags.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/validation.h"
#include "google/protobuf/any.pb.h"

namespace clouddesktop::cli {

void PrintError(absl::string_view rpc, const absl::Status& status,
                std::ostream& err) {
  std::string code = absl::StatusCodeToString(status.code());
  absl::string_view message = status.message();
  // The library's RPC errors read "<Service.Method>: <CODE>: ...".
  size_t at = message.find(absl::StrCat(": ", code, ": "));
  bool has_method = at != absl::string_view::npos && at > 0 &&
                    message.substr(0, at).find(' ') == absl::string_view::npos;
  if (has_method) {
    err << "clouddesktop: " << message << "\n";
  } else if (rpc.empty()) {
    err << "clouddesktop: " << code << ": " << message << "\n";
  } else {
    err << "clouddesktop: " << rpc << ": " << code << ": " << message << "\n";
  }
  for (const FieldViolation& v : ValidationViolations(status)) {
    err << "  field " << v.field << " (" << FlagForFieldPath(v.field)
        << "): " << v.description << "\n";
  }
  for (const google::protobuf::Any& detail : ErrorDetails(status)) {
    if (detail.type_url() == kBadRequestTypeUrl) continue;  // listed above
    err << "  " << detail.type_url().substr(detail.type_url().rfind('/') + 1)
        << ": " << ToCompactJson(detail) << "\n";
  }
  err.flush();
}

void PrintUsageError(absl::string_view message, absl::string_view command,
                     std::ostream& err) {
  err << "clouddesktop: " << message << "\n"
      << "Run '" << command << " --help' for usage.\n";
  err.flush();
}

}  // namespace clouddesktop::cli
