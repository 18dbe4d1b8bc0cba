#include "clouddesktop/error_info.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/status_details.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

constexpr absl::string_view kRpcTypePrefix = "type.googleapis.com/google.rpc.";

// The google.rpc details of `status`: the whole list of its
// google.rpc.Status if it has one, otherwise the per-type payloads (how
// Validate attaches its BadRequest).
std::vector<google::protobuf::Any> Details(const absl::Status& status) {
  std::vector<google::protobuf::Any> details = ErrorDetails(status);
  if (!details.empty()) return details;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    if (url == kRpcStatusPayloadUrl || !absl::StartsWith(url, kRpcTypePrefix)) {
      return;
    }
    google::protobuf::Any any;
    any.set_type_url(std::string(url));
    any.set_value(std::string(value));
    details.push_back(std::move(any));
  });
  return details;
}

// Decodes one detail into `info`; false if its type is not one of the
// standard google.rpc details (or it does not parse).
bool Decode(const google::protobuf::Any& any, ErrorInfo& info) {
  if (google::rpc::BadRequest m; any.UnpackTo(&m)) {
    for (const auto& v : m.field_violations()) {
      info.field_violations.push_back({v.field(), v.reason(), v.description()});
    }
  } else if (google::rpc::QuotaFailure m; any.UnpackTo(&m)) {
    for (const auto& v : m.violations()) {
      info.quota_violations.push_back({v.subject(), v.description()});
    }
  } else if (google::rpc::RetryInfo m; any.UnpackTo(&m)) {
    info.retry_delay = absl::Seconds(m.retry_delay().seconds()) +
                       absl::Nanoseconds(m.retry_delay().nanos());
  } else if (google::rpc::PreconditionFailure m; any.UnpackTo(&m)) {
    for (const auto& v : m.violations()) {
      info.precondition_violations.push_back(
          {v.type(), v.subject(), v.description()});
    }
  } else if (google::rpc::ErrorInfo m; any.UnpackTo(&m)) {
    info.reasons.push_back(
        {m.reason(), m.domain(), {m.metadata().begin(), m.metadata().end()}});
  } else if (google::rpc::ResourceInfo m; any.UnpackTo(&m)) {
    info.resources.push_back(
        {m.resource_type(), m.resource_name(), m.owner(), m.description()});
  } else if (google::rpc::Help m; any.UnpackTo(&m)) {
    for (const auto& l : m.links()) {
      info.help_links.push_back({l.description(), l.url()});
    }
  } else if (google::rpc::LocalizedMessage m; any.UnpackTo(&m)) {
    info.localized_message = m.message();
  } else if (google::rpc::RequestInfo m; any.UnpackTo(&m)) {
    if (info.request_id.empty()) info.request_id = m.request_id();
  } else {
    return false;
  }
  return true;
}

// `text` with every control character (newlines included) as a space: a
// log record stays one line whatever a server put in a message.
std::string OneLine(absl::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace

ErrorInfo FromStatus(const absl::Status& status) {
  ErrorInfo info;
  info.code = status.code();
  if (status.ok()) return info;
  info.message = std::string(status.message());
  if (auto call = internal::ReadCallInfo(status)) {
    info.message = std::move(call->message);
    info.method = std::move(call->method);
    info.operation_id = std::move(call->operation_id);
    info.client_request_id = std::move(call->ids.client_request_id);
    info.client_trace_id = std::move(call->ids.client_trace_id);
    info.request_id = std::move(call->ids.request_id);
    info.server_trace_id = std::move(call->ids.server_trace_id);
    info.attempts = call->attempts;
  }
  if (auto id = IncompleteWaitOperationId(status)) {
    info.wait_incomplete = true;
    info.operation_id = *std::move(id);
  }
  for (const google::protobuf::Any& any : Details(status)) {
    if (Decode(any, info)) continue;
    absl::string_view type = any.type_url();
    type.remove_prefix(type.rfind('/') + 1);  // npos + 1 == 0
    info.other_details.emplace_back(type);
  }
  return info;
}

std::string ErrorInfo::ToString() const {
  std::string out;
  if (!method.empty()) absl::StrAppend(&out, method, ": ");
  absl::StrAppend(&out, absl::StatusCodeToString(code));
  if (!message.empty()) absl::StrAppend(&out, ": ", message);
  std::vector<std::string> parts;
  if (!operation_id.empty()) {
    parts.push_back(absl::StrCat(
        "operation ", operation_id,
        wait_incomplete ? " (wait ended without its outcome)" : " failed"));
  }
  for (const auto& v : field_violations) {
    parts.push_back(absl::StrCat("field ", v.field, ": ", v.description));
  }
  for (const auto& v : quota_violations) {
    parts.push_back(absl::StrCat("quota ", v.subject, ": ", v.description));
  }
  if (retry_delay) {
    parts.push_back(
        absl::StrCat("retry in ", absl::FormatDuration(*retry_delay)));
  }
  for (const auto& v : precondition_violations) {
    parts.push_back(absl::StrCat("precondition ", v.type, " ", v.subject, ": ",
                                 v.description));
  }
  for (const auto& r : reasons) {
    std::string metadata =
        absl::StrJoin(r.metadata, ",", absl::PairFormatter("="));
    parts.push_back(absl::StrCat("reason ", r.domain, "/", r.reason,
                                 metadata.empty() ? "" : " {", metadata,
                                 metadata.empty() ? "" : "}"));
  }
  for (const auto& r : resources) {
    parts.push_back(
        absl::StrCat("resource ", r.resource_type, " ", r.resource_name,
                     r.description.empty() ? "" : ": ", r.description));
  }
  for (const auto& l : help_links) {
    parts.push_back(absl::StrCat("help ", l.url));
  }
  if (!localized_message.empty()) {
    parts.push_back(absl::StrCat("localized: ", localized_message));
  }
  if (!other_details.empty()) {
    parts.push_back(
        absl::StrCat("details ", absl::StrJoin(other_details, ",")));
  }
  if (!parts.empty()) absl::StrAppend(&out, "; ", absl::StrJoin(parts, "; "));
  std::vector<std::string> ids;
  auto id = [&ids](absl::string_view key, const std::string& value) {
    if (!value.empty()) ids.push_back(absl::StrCat(key, "=", value));
  };
  id("x-request-id", request_id);
  id("x-server-trace-id", server_trace_id);
  id("x-client-request-id", client_request_id);
  id("x-client-trace-id", client_trace_id);
  if (attempts > 1) ids.push_back(absl::StrCat("attempts=", attempts));
  if (!ids.empty()) absl::StrAppend(&out, " [", absl::StrJoin(ids, ", "), "]");
  return OneLine(out);
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
