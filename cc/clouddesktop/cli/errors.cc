#include "clouddesktop/cli/errors.h"

#include <string>
#include <utility>
#include <vector>

#include "clouddesktop/cli/request_flags.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/validation.h"

namespace clouddesktop::cli {

void PrintError(absl::string_view rpc, const absl::Status& status,
                std::ostream& err) {
  ErrorInfo info = FromStatus(status);
  if (info.method.empty()) info.method = std::string(rpc);
  // Field violations get a line each, with the flag that sets the field.
  std::vector<FieldViolation> fields = std::move(info.field_violations);
  info.field_violations.clear();
  err << "clouddesktop: " << info.ToString() << "\n";
  for (const FieldViolation& v : fields) {
    err << "  field " << v.field << " (" << FlagForFieldPath(v.field)
        << "): " << v.description << "\n";
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
