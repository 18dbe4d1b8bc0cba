// One RPC over the REST API: the request message goes out as the HTTP
// request its `google.api.http` binding describes (rest_mapping), over the
// CurlHttpClient; the answer comes back as the response message, or as the
// same absl::Status a gRPC call would give: the code and message of the
// google.rpc.Status in the error body, its details as payloads
// (status_details.h), the code of the HTTP status when the body is not
// one (a proxy's page).
//
// The request headers are the gRPC call's metadata, unchanged
// (authorization, x-client-request-id, x-client-trace-id, idempotency-key,
// ...): the service's REST front end, like the emulator's (rest_gateway.h),
// passes them on as metadata, and returns the answer's metadata as headers
// (x-request-id, x-server-trace-id, x-operation-poll-interval, ...).
//
// What it does not do, as a gRPC stub does not: retries, validation,
// authentication, ids (the layers above add them to `metadata`).
//
// Thread safety: RestTransport is thread-safe; calls may be started from
// any thread. Callbacks run on the HTTP client's event thread and must not
// block.

#ifndef CLOUDDESKTOP_INTERNAL_REST_REST_TRANSPORT_H_
#define CLOUDDESKTOP_INTERNAL_REST_REST_TRANSPORT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/rest/curl_http_client.h"
#include "clouddesktop/internal/rest/http_binding.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

// Base URLs ("https://host[:port]", no trailing slash).
struct RestEndpoints {
  std::string service_url;    // DesktopImage/Desktop/DesktopGroupService
  std::string operation_url;  // yandex.cloud.operation.OperationService
};

// The base URLs of `options` (rest_endpoint, rest_operation_endpoint;
// http:// when `insecure`, else https://).
RestEndpoints RestEndpointsOf(const ConnectionOptions& options);

// The HTTP client settings of `options`: ca_pem, the user agent
// (user_agent_prefix + clouddesktop-cpp/<version>), max_response_bytes.
CurlHttpClientOptions CurlOptionsOf(const ConnectionOptions& options);

// One call's inputs, as an RpcContext carries them.
struct RestCallOptions {
  // Sent as HTTP headers (lower-case names), in order.
  HttpHeaders metadata;
  absl::Time deadline = absl::InfiniteFuture();
  // Response headers wanted back besides the ids (static strings).
  absl::Span<const char* const> wanted_headers;
};

// One call's outputs, set before the callback runs, whatever the outcome
// (empty when no HTTP answer came).
struct RestCallInfo {
  std::string request_id;       // x-request-id
  std::string server_trace_id;  // x-server-trace-id
  // The first value of each wanted header the answer had.
  HttpHeaders response_headers;
  std::string peer;  // "ipv4:10.0.0.1:443"
};

// The call's status; on OK the response message has been filled.
using RestCallback = absl::AnyInvocable<void(absl::Status, RestCallInfo)>;

class RestTransport {
 public:
  RestTransport(std::shared_ptr<CurlHttpClient> http, RestEndpoints endpoints);

  // "yandex.cloud.clouddesktop.v1.api.DesktopImageService.Get" in the
  // generated pool; NOT_FOUND naming it otherwise.
  static absl::StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(
      absl::string_view full_name);

  // Sends `request` as `method` and fills `*response` (of the method's
  // output type; the caller keeps it alive until `done` has run) from the
  // answer. `done` runs exactly once: on the HTTP client's event thread, or
  // inline for a request that cannot be sent (INVALID_ARGUMENT naming the
  // method and field, e.g. an empty path field; a method without a
  // binding). The handle cancels the call (CANCELLED). Cost: the request's
  // JSON, one HTTP exchange on a kept-alive connection.
  std::shared_ptr<HttpCancelHandle> AsyncCall(
      const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request,
      google::protobuf::Message* response, RestCallOptions options,
      RestCallback done);

  const RestEndpoints& endpoints() const { return endpoints_; }

 private:
  absl::StatusOr<HttpBinding> BindingOf(
      const google::protobuf::MethodDescriptor& method);

  const std::shared_ptr<CurlHttpClient> http_;
  const RestEndpoints endpoints_;
  internal::Mutex mu_;
  absl::flat_hash_map<const google::protobuf::MethodDescriptor*, HttpBinding>
      bindings_ ABSL_GUARDED_BY(mu_);
};

// A cancel handle that exists before the call does, for a caller that
// must register its cancellation hook before starting the call (an
// RpcContext's AttachCanceller) while the call may complete, on another
// thread, before AsyncCall returns. TryCancel before Set cancels the call
// as soon as it is set. Thread-safe.
class DeferredCancel final : public HttpCancelHandle {
 public:
  void Set(std::shared_ptr<HttpCancelHandle> call);
  void TryCancel() override;

 private:
  internal::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  std::shared_ptr<HttpCancelHandle> call_ ABSL_GUARDED_BY(mu_);
};

// An RpcContext's cancellation hook over an HTTP call: attached before the
// call starts (a cancel may come at any time), set once it has (it may have
// completed by then).
class HttpRpcCanceller final : public internal::RpcCanceller {
 public:
  void TryCancel() override { call_->TryCancel(); }
  const std::shared_ptr<DeferredCancel>& call() const { return call_; }

 private:
  const std::shared_ptr<DeferredCancel> call_ =
      std::make_shared<DeferredCancel>();
};

// The typed form: `done` gets the response by value (or the error) and the
// call's ids, headers and peer. What a REST Stub method wraps.
template <typename Response>
std::shared_ptr<HttpCancelHandle> AsyncRestCall(
    RestTransport& transport, const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, RestCallOptions options,
    absl::AnyInvocable<void(absl::StatusOr<Response>, RestCallInfo)> done) {
  auto response = std::make_shared<Response>();
  Response* raw = response.get();
  return transport.AsyncCall(
      method, request, raw, std::move(options),
      [response = std::move(response), done = std::move(done)](
          absl::Status status, RestCallInfo info) mutable {
        absl::StatusOr<Response> result =
            status.ok() ? absl::StatusOr<Response>(std::move(*response))
                        : absl::StatusOr<Response>(std::move(status));
        response.reset();
        std::move(done)(std::move(result), std::move(info));
      });
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_REST_TRANSPORT_H_
