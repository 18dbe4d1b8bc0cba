#include "clouddesktop/internal/rest/rest_transport.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/internal/rest/json.h"
#include "clouddesktop/internal/rest/request.h"
#include "clouddesktop/internal/rest/status.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

namespace pb = ::google::protobuf;

constexpr absl::string_view kOperationService =
    "yandex.cloud.operation.OperationService";
constexpr char kRequestIdHeader[] = "x-request-id";
constexpr char kServerTraceIdHeader[] = "x-server-trace-id";

// The handle of a call that failed before it was sent.
class CompletedCall final : public HttpCancelHandle {
 public:
  void TryCancel() override {}
};

std::string BaseUrl(bool insecure, absl::string_view host_port) {
  return absl::StrCat(insecure ? "http://" : "https://", host_port);
}

RestCallInfo InfoOf(const HttpResponse& response,
                    const std::vector<const char*>& wanted) {
  RestCallInfo info;
  info.request_id = std::string(response.Header(kRequestIdHeader));
  info.server_trace_id = std::string(response.Header(kServerTraceIdHeader));
  for (const char* name : wanted) {
    absl::string_view value = response.Header(name);
    if (!value.empty()) info.response_headers.emplace_back(name, value);
  }
  info.peer = response.peer;
  return info;
}

// The error of a non-2xx answer, as a gRPC call reports it: the code and
// message of the body's google.rpc.Status, its details as payloads.
absl::Status ErrorOf(const HttpResponse& response) {
  google::rpc::Status rpc =
      StatusFromErrorResponse(response.status, response.body);
  absl::StatusCode code = internal::StatusCodeFromInt(rpc.code());
  if (code == absl::StatusCode::kOk) code = absl::StatusCode::kUnknown;
  absl::Status status(code, rpc.message());
  internal::AttachDetails(rpc, &status);
  return status;
}

}  // namespace

RestEndpoints RestEndpointsOf(const ConnectionOptions& options) {
  RestEndpoints endpoints;
  endpoints.service_url = BaseUrl(options.insecure, options.rest_endpoint);
  endpoints.operation_url =
      BaseUrl(options.insecure, options.rest_operation_endpoint);
  return endpoints;
}

CurlHttpClientOptions CurlOptionsOf(const ConnectionOptions& options) {
  CurlHttpClientOptions out;
  out.ca_pem = options.ca_pem;
  out.user_agent =
      options.user_agent_prefix.empty()
          ? UserAgent()
          : absl::StrCat(options.user_agent_prefix, " ", UserAgent());
  out.max_response_bytes = options.max_response_bytes;
  return out;
}

RestTransport::RestTransport(std::shared_ptr<CurlHttpClient> http,
                             RestEndpoints endpoints)
    : http_(std::move(http)), endpoints_(std::move(endpoints)) {}

absl::StatusOr<const pb::MethodDescriptor*> RestTransport::FindMethod(
    absl::string_view full_name) {
  const pb::MethodDescriptor* method =
      pb::DescriptorPool::generated_pool()->FindMethodByName(
          std::string(full_name));
  if (method == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no method ", full_name, " is linked into the program"));
  }
  return method;
}

absl::StatusOr<HttpBinding> RestTransport::BindingOf(
    const pb::MethodDescriptor& method) {
  {
    internal::MutexLock lock(&mu_);
    auto it = bindings_.find(&method);
    if (it != bindings_.end()) return it->second;
  }
  absl::StatusOr<std::vector<HttpBinding>> bindings = BindingsOf(method);
  if (!bindings.ok()) return bindings.status();
  // The first rule is the method's own; additional_bindings are aliases.
  HttpBinding binding = std::move(bindings->front());
  internal::MutexLock lock(&mu_);
  bindings_.emplace(&method, binding);
  return binding;
}

std::shared_ptr<HttpCancelHandle> RestTransport::AsyncCall(
    const pb::MethodDescriptor& method, const pb::Message& request,
    pb::Message* response, RestCallOptions options, RestCallback done) {
  auto fail = [&](absl::Status status) {
    std::move(done)(std::move(status), RestCallInfo());
    return std::shared_ptr<HttpCancelHandle>(std::make_shared<CompletedCall>());
  };
  if (response == nullptr ||
      response->GetDescriptor() != method.output_type()) {
    return fail(absl::InvalidArgumentError(absl::StrCat(
        method.full_name(), " answers with ", method.output_type()->full_name(),
        ", not ",
        response == nullptr ? "nothing"
                            : response->GetDescriptor()->full_name())));
  }
  absl::StatusOr<HttpBinding> binding = BindingOf(method);
  if (!binding.ok()) return fail(binding.status());
  absl::StatusOr<HttpRequestParts> parts = ToHttpRequest(*binding, request);
  if (!parts.ok()) return fail(parts.status());

  HttpRequest http;
  http.method = std::move(parts->verb);
  http.url = absl::StrCat(method.service()->full_name() == kOperationService
                              ? endpoints_.operation_url
                              : endpoints_.service_url,
                          parts->path);
  if (!parts->query.empty()) {
    absl::StrAppend(&http.url, "?", EncodeQuery(parts->query));
  }
  http.headers = std::move(options.metadata);
  http.headers.emplace_back("accept", "application/json");
  if (!parts->body.empty()) {
    http.headers.emplace_back("content-type", "application/json");
  }
  http.body = std::move(parts->body);
  http.deadline = options.deadline;

  const pb::MethodDescriptor* m = &method;
  return http_->Send(
      std::move(http),
      [m, response,
       wanted = std::vector<const char*>(options.wanted_headers.begin(),
                                         options.wanted_headers.end()),
       done = std::move(done)](absl::StatusOr<HttpResponse> answer) mutable {
        if (!answer.ok()) {
          // Moved, not copied: the status's shared state then never has
          // two owners on two threads.
          std::move(done)(std::move(answer).status(), RestCallInfo());
          return;
        }
        RestCallInfo info = InfoOf(*answer, wanted);
        if (answer->status < 200 || answer->status > 299) {
          std::move(done)(ErrorOf(*answer), std::move(info));
          return;
        }
        // An empty body is the empty message (a response with every
        // field at its default prints as {}, but a proxy may send nothing).
        absl::Status parsed = absl::StripAsciiWhitespace(answer->body).empty()
                                  ? absl::OkStatus()
                                  : MergeRestJson(answer->body, response);
        if (!parsed.ok()) {
          // What gRPC says of a response it cannot parse.
          parsed = absl::InternalError(absl::StrCat(
              "the answer to ", m->full_name(), " is not a valid ",
              m->output_type()->full_name(), ": ", parsed.message()));
        }
        std::move(done)(std::move(parsed), std::move(info));
      });
}

void DeferredCancel::Set(std::shared_ptr<HttpCancelHandle> call) {
  bool cancel = false;
  {
    internal::MutexLock lock(&mu_);
    call_ = call;
    cancel = cancelled_;
  }
  if (cancel && call != nullptr) call->TryCancel();
}

void DeferredCancel::TryCancel() {
  std::shared_ptr<HttpCancelHandle> call;
  {
    internal::MutexLock lock(&mu_);
    cancelled_ = true;
    call = call_;
  }
  // Outside the lock: the HTTP client takes its own.
  if (call != nullptr) call->TryCancel();
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
