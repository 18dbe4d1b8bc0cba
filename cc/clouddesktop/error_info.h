// Errors a program can read: every field of a library error, without
// parsing its message.
//
//   auto desktop = client.GetDesktop(request);
//   if (!desktop.ok()) {
//     cd::ErrorInfo e = cd::FromStatus(desktop.status());
//     if (e.retry_delay) ...;                  // the server's RetryInfo
//     for (const auto& v : e.field_violations) ...;   // BadRequest
//     LOG(ERROR) << e.ToString();              // one line, ids included
//   }

#ifndef CLOUDDESKTOP_ERROR_INFO_H_
#define CLOUDDESKTOP_ERROR_INFO_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One failed quota check (google.rpc.QuotaFailure).
struct QuotaViolation {
  std::string subject;      // what ran out, e.g. "folder:b1g..."
  std::string description;  // why, for people
};

// One failed precondition (google.rpc.PreconditionFailure).
struct PreconditionViolation {
  std::string type;         // the kind of precondition, service-specific
  std::string subject;      // what failed it
  std::string description;  // how, for people
};

// The cause of an error as the server classifies it (google.rpc.ErrorInfo).
struct ErrorReason {
  std::string reason;  // UPPER_SNAKE_CASE, unique within `domain`
  std::string domain;  // the service that gave the reason
  std::map<std::string, std::string> metadata;  // details of the reason
};

// The resource an error is about (google.rpc.ResourceInfo).
struct ErrorResource {
  std::string resource_type;  // e.g. "desktop"
  std::string resource_name;  // its id or name
  std::string owner;          // who owns it, when the server says
  std::string description;    // what is wrong with it, for people
};

// A documentation link (google.rpc.Help).
struct HelpLink {
  std::string description;  // what the link is about
  std::string url;          // where
};

// Everything the library knows about one error. A plain value: copy it,
// keep it, compare fields; empty fields mean "not known" (e.g. no server
// ids for an error found before sending, no operation id for an RPC).
struct ErrorInfo {
  absl::StatusCode code = absl::StatusCode::kOk;  // the status's code
  // The message as the server (or the library's own check) wrote it,
  // without the method, ids and code the status's message adds.
  std::string message;
  // `Service.Method`, e.g. `DesktopService.Get`; empty for a failed
  // operation (its error comes from OperationService.Get's answer).
  std::string method;

  // Sent by the client (this attempt's / shared by the call's attempts).
  std::string client_request_id;
  std::string client_trace_id;
  // Returned by the server: quote these in a support request.
  std::string request_id;       // x-request-id (or google.rpc.RequestInfo)
  std::string server_trace_id;  // x-server-trace-id
  // Attempts the call made (1 without retries); 0 if no RPC was sent.
  int attempts = 0;

  // The operation the error is about: the one that failed, or the one whose
  // wait ended without its outcome.
  std::string operation_id;
  // The wait for `operation_id` ended without the operation's outcome
  // (deadline, cancellation, a poll error the policy does not ride out):
  // the operation may still complete. Resume with OperationClient::Await
  // before acting on it. See kWaitIncompletePayloadUrl.
  bool wait_incomplete = false;

  // The google.rpc details, decoded, in the order the server sent them.
  std::vector<FieldViolation> field_violations;  // BadRequest
  std::vector<QuotaViolation> quota_violations;  // QuotaFailure
  std::optional<absl::Duration> retry_delay;     // RetryInfo
  std::vector<PreconditionViolation> precondition_violations;
  std::vector<ErrorReason> reasons;      // ErrorInfo
  std::vector<ErrorResource> resources;  // ResourceInfo
  std::vector<HelpLink> help_links;      // Help
  std::string localized_message;         // LocalizedMessage
  // Full names of the details of any other type (e.g. google.rpc.DebugInfo),
  // which the status still carries (ErrorDetails in status_details.h).
  std::vector<std::string> other_details;

  // One line for logs, every field that is set, never raw bytes:
  //   DesktopService.Create: RESOURCE_EXHAUSTED: quota exceeded;
  //   quota folder:f1: desktops.count limit 10; retry in 2s
  //   [x-request-id=..., x-client-request-id=..., attempts=3]
  // (one line; wrapped here), with `operation <id> failed` or
  // `operation <id> (wait ended without its outcome)` where there is one.
  // Control characters become spaces. Holds no secrets: the library never
  // puts tokens or keys in errors.
  std::string ToString() const;
};

// Reads `status` (OK gives code kOk and nothing else). Errors from the
// library carry their fields as payloads, so this parses no message text;
// for any other status, only `code`, `message` and the google.rpc details
// (if it carries them as status_details.h describes) are set.
// Cost: parses the payloads; call it on the error path only.
ErrorInfo FromStatus(const absl::Status& status);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_ERROR_INFO_H_
