#include "clouddesktop/internal/call_errors.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/status_details.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

namespace internal {

absl::Status WaitIncomplete(absl::Status status,
                            absl::string_view operation_id) {
  if (!status.ok()) {
    status.SetPayload(kWaitIncompletePayloadUrl, absl::Cord(operation_id));
  }
  return status;
}

namespace {

// The CallInfo record's google.rpc.ErrorInfo identity and metadata keys.
constexpr absl::string_view kCallInfoDomain = "clouddesktop-cpp";
constexpr absl::string_view kCallInfoReason = "CALL";
constexpr absl::string_view kMethodKey = "method";
constexpr absl::string_view kMessageKey = "message";
constexpr absl::string_view kOperationIdKey = "operation-id";
constexpr absl::string_view kRequestIdKey = "x-request-id";
constexpr absl::string_view kServerTraceIdKey = "x-server-trace-id";
constexpr absl::string_view kClientRequestIdKey = "x-client-request-id";
constexpr absl::string_view kClientTraceIdKey = "x-client-trace-id";
constexpr absl::string_view kAttemptsKey = "attempts";

std::string IdSuffix(const CallIds& ids, int attempts) {
  std::vector<std::string> parts;
  if (!ids.request_id.empty()) {
    parts.push_back(absl::StrCat("x-request-id=", ids.request_id));
  }
  if (!ids.server_trace_id.empty()) {
    parts.push_back(absl::StrCat("x-server-trace-id=", ids.server_trace_id));
  }
  if (!ids.client_request_id.empty()) {
    parts.push_back(
        absl::StrCat("x-client-request-id=", ids.client_request_id));
  }
  if (!ids.client_trace_id.empty()) {
    parts.push_back(absl::StrCat("x-client-trace-id=", ids.client_trace_id));
  }
  if (attempts > 1) parts.push_back(absl::StrCat("attempts=", attempts));
  if (parts.empty()) return "";
  return absl::StrCat(" [", absl::StrJoin(parts, ", "), "]");
}

}  // namespace

void AttachCallInfo(const CallInfo& info, absl::Status* status) {
  if (status->ok()) return;
  google::rpc::ErrorInfo record;
  record.set_domain(std::string(kCallInfoDomain));
  record.set_reason(std::string(kCallInfoReason));
  auto& m = *record.mutable_metadata();
  auto put = [&m](absl::string_view key, const std::string& value) {
    if (!value.empty()) m[std::string(key)] = value;
  };
  put(kMethodKey, info.method);
  put(kMessageKey, info.message);
  put(kOperationIdKey, info.operation_id);
  put(kRequestIdKey, info.ids.request_id);
  put(kServerTraceIdKey, info.ids.server_trace_id);
  put(kClientRequestIdKey, info.ids.client_request_id);
  put(kClientTraceIdKey, info.ids.client_trace_id);
  if (info.attempts > 0) put(kAttemptsKey, absl::StrCat(info.attempts));
  status->SetPayload(kCallInfoPayloadUrl,
                     absl::Cord(record.SerializeAsString()));
}

std::optional<CallInfo> ReadCallInfo(const absl::Status& status) {
  auto payload = status.GetPayload(kCallInfoPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  google::rpc::ErrorInfo record;
  if (!record.ParseFromString(std::string(*payload)) ||
      record.domain() != kCallInfoDomain ||
      record.reason() != kCallInfoReason) {
    return std::nullopt;
  }
  const auto& m = record.metadata();
  auto get = [&m](absl::string_view key) {
    auto it = m.find(std::string(key));
    return it == m.end() ? std::string() : it->second;
  };
  CallInfo info;
  info.method = get(kMethodKey);
  info.message = get(kMessageKey);
  info.operation_id = get(kOperationIdKey);
  info.ids.request_id = get(kRequestIdKey);
  info.ids.server_trace_id = get(kServerTraceIdKey);
  info.ids.client_request_id = get(kClientRequestIdKey);
  info.ids.client_trace_id = get(kClientTraceIdKey);
  if (!absl::SimpleAtoi(get(kAttemptsKey), &info.attempts)) info.attempts = 0;
  return info;
}

absl::StatusCode StatusCodeFromInt(int code) {
  if (code < 0 || code > 16) return absl::StatusCode::kUnknown;
  return static_cast<absl::StatusCode>(code);
}

absl::Status CallError(absl::string_view method, absl::StatusCode code,
                       absl::string_view message, const CallIds& ids,
                       int attempts) {
  absl::Status out(
      code, absl::StrCat(method, ": ", absl::StatusCodeToString(code), ": ",
                         message, IdSuffix(ids, attempts)));
  AttachCallInfo({std::string(method), std::string(message), "", ids,
                  std::max(attempts, 1)},
                 &out);
  return out;
}

void AttachDetails(const google::rpc::Status& details, absl::Status* status) {
  if (status->ok()) return;
  status->SetPayload(kRpcStatusPayloadUrl,
                     absl::Cord(details.SerializeAsString()));
  absl::flat_hash_set<std::string> seen;
  for (const auto& any : details.details()) {
    if (any.type_url().empty() || any.type_url() == kRpcStatusPayloadUrl) {
      continue;
    }
    if (!seen.insert(any.type_url()).second) continue;
    status->SetPayload(any.type_url(), absl::Cord(any.value()));
  }
}

absl::Status WithPrefix(absl::string_view prefix, const absl::Status& status) {
  absl::Status out(status.code(), absl::StrCat(prefix, ": ", status.message()));
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& value) {
    out.SetPayload(url, value);
  });
  return out;
}

absl::Status OperationError(const yandex::cloud::operation::Operation& op) {
  const google::rpc::Status& error = op.error();
  absl::StatusCode code = StatusCodeFromInt(error.code());
  if (code == absl::StatusCode::kOk) code = absl::StatusCode::kUnknown;
  absl::Status out(
      code, absl::StrCat("operation ", op.id(), " failed: ", error.message()));
  AttachDetails(error, &out);
  CallInfo info;
  info.message = error.message();
  info.operation_id = op.id();
  AttachCallInfo(info, &out);
  return out;
}

absl::Status UnpackAny(const google::protobuf::Any& any,
                       google::protobuf::Message* out, absl::string_view what,
                       absl::string_view operation_id) {
  const std::string& expected = out->GetDescriptor()->full_name();
  absl::string_view actual = any.type_url();
  auto slash = actual.rfind('/');
  if (slash != absl::string_view::npos) actual.remove_prefix(slash + 1);
  if (actual != expected) {
    return absl::InternalError(absl::StrCat(
        "operation ", operation_id, ": ", what, " is ",
        actual.empty() ? "<empty>" : actual, ", expected ", expected));
  }
  if (!any.UnpackTo(out)) {
    return absl::InternalError(absl::StrCat("operation ", operation_id, ": ",
                                            what, " of type ", expected,
                                            " does not parse"));
  }
  return absl::OkStatus();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
