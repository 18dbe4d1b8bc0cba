// Error messages on stderr: the method, the status code, the message and the
// request id (as the library put them in the status), and for
// INVALID_ARGUMENT which field, with the flag that sets it.

#ifndef CLOUDDESKTOP_CLI_ERRORS_H_
#define CLOUDDESKTOP_CLI_ERRORS_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace clouddesktop::cli {

// Writes `status` (not OK) as ErrorInfo::ToString renders it, with each
// field violation on a line of its own naming the flag:
//   clouddesktop: <Service.Method>: <CODE>: <message>; <details>
//   [x-request-id=...]
//     field <path> (--flag): <what is wrong>
// `rpc` names the method when the status does not (a failed operation).
// Statuses from the library never carry secrets.
void PrintError(absl::string_view rpc, const absl::Status& status,
                std::ostream& err);

// "clouddesktop: <message>" plus a pointer to --help, for usage errors.
void PrintUsageError(absl::string_view message, absl::string_view command,
                     std::ostream& err);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_ERRORS_H_
