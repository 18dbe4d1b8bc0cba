#include "clouddesktop/internal/rest/rest_stubs.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/rest/json.h"
#include "clouddesktop/internal/rest/rest_transport.h"
#include "clouddesktop/internal/rpc_context.h"
#include "google/protobuf/descriptor.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

using internal::RpcContext;
using internal::StubCallback;
using internal::TransportDeadline;
namespace endpoint = ::yandex::cloud::endpoint;

// `service`.`method` of the generated pool; the linked protos always carry
// it.
const google::protobuf::MethodDescriptor* MethodOf(absl::string_view service,
                                                   absl::string_view method) {
  absl::StatusOr<const google::protobuf::MethodDescriptor*> found =
      RestTransport::FindMethod(absl::StrCat(service, ".", method));
  return found.ok() ? *found : nullptr;
}

template <typename Response>
void RestUnary(RestTransport& transport, const Clock& clock,
               const google::protobuf::MethodDescriptor* method,
               RpcContext& rpc, const google::protobuf::Message& request,
               StubCallback<Response> done) {
  if (method == nullptr) {
    rpc.final_failure = true;
    std::move(done)(absl::UnimplementedError(
        absl::StrCat(rpc.method, " is not linked into the program")));
    return;
  }
  absl::StatusOr<absl::Time> deadline = TransportDeadline(rpc, clock);
  if (!deadline.ok()) {
    std::move(done)(deadline.status());
    return;
  }
  RestCallOptions options;
  options.metadata = rpc.metadata;
  options.deadline = *deadline;
  options.wanted_headers = rpc.wanted_headers;
  auto canceller = std::make_shared<HttpRpcCanceller>();
  std::shared_ptr<DeferredCancel> deferred = canceller->call();
  rpc.AttachCanceller(std::move(canceller));
  std::shared_ptr<HttpCancelHandle> call = AsyncRestCall<Response>(
      transport, *method, request, std::move(options),
      [rpc = &rpc, done = std::move(done)](absl::StatusOr<Response> result,
                                           RestCallInfo info) mutable {
        rpc->DetachCanceller();
        rpc->ids.request_id = std::move(info.request_id);
        rpc->ids.server_trace_id = std::move(info.server_trace_id);
        for (auto& header : info.response_headers) {
          rpc->response_headers.push_back(std::move(header));
        }
        if (rpc->want_peer) rpc->peer = std::move(info.peer);
        std::move(done)(std::move(result));
      });
  // `rpc` may be gone by now (the call completed): only the handle is
  // touched.
  deferred->Set(std::move(call));
}

// The method's descriptor is looked up once, on its first call.
#define CLOUDDESKTOP_INTERNAL_REST_METHOD(Method, Request, Response)    \
  void Async##Method(RpcContext& context, const Request& request,       \
                     StubCallback<Response> done) override {            \
    static const google::protobuf::MethodDescriptor* const method =     \
        MethodOf(kService, #Method);                                    \
    RestUnary<Response>(*transport_, *clock_, method, context, request, \
                        std::move(done));                               \
  }

#define CLOUDDESKTOP_INTERNAL_REST_STUB(Name, Interface, ServiceName, TABLE) \
  class Name final : public internal::Interface {                            \
   public:                                                                   \
    Name(std::shared_ptr<RestTransport> transport,                           \
         std::shared_ptr<const Clock> clock)                                 \
        : transport_(std::move(transport)), clock_(std::move(clock)) {}      \
    TABLE(CLOUDDESKTOP_INTERNAL_REST_METHOD)                                 \
                                                                             \
   private:                                                                  \
    static constexpr absl::string_view kService = ServiceName;               \
    const std::shared_ptr<RestTransport> transport_;                         \
    const std::shared_ptr<const Clock> clock_;                               \
  };

CLOUDDESKTOP_INTERNAL_REST_STUB(
    RestDesktopStub, DesktopStub,
    "yandex.cloud.clouddesktop.v1.api.DesktopService",
    CLOUDDESKTOP_INTERNAL_DESKTOP_RPCS)
CLOUDDESKTOP_INTERNAL_REST_STUB(
    RestDesktopGroupStub, DesktopGroupStub,
    "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
    CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_RPCS)
CLOUDDESKTOP_INTERNAL_REST_STUB(
    RestDesktopImageStub, DesktopImageStub,
    "yandex.cloud.clouddesktop.v1.api.DesktopImageService",
    CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_RPCS)
CLOUDDESKTOP_INTERNAL_REST_STUB(RestOperationStub, OperationStub,
                                "yandex.cloud.operation.OperationService",
                                CLOUDDESKTOP_INTERNAL_OPERATION_RPCS)
CLOUDDESKTOP_INTERNAL_REST_STUB(RestApiEndpointStub, ApiEndpointStub,
                                "yandex.cloud.endpoint.ApiEndpointService",
                                CLOUDDESKTOP_INTERNAL_API_ENDPOINT_RPCS)

#undef CLOUDDESKTOP_INTERNAL_REST_STUB
#undef CLOUDDESKTOP_INTERNAL_REST_METHOD

}  // namespace

internal::Stubs MakeRestStubs(std::shared_ptr<RestTransport> transport,
                              std::shared_ptr<const Clock> clock) {
  internal::Stubs s;
  s.desktop = std::make_shared<RestDesktopStub>(transport, clock);
  s.desktop_group = std::make_shared<RestDesktopGroupStub>(transport, clock);
  s.desktop_image = std::make_shared<RestDesktopImageStub>(transport, clock);
  s.operation = std::make_shared<RestOperationStub>(transport, clock);
  s.api_endpoint = std::make_shared<RestApiEndpointStub>(std::move(transport),
                                                         std::move(clock));
  return s;
}

absl::StatusOr<internal::Stubs> MakeRestStubs(
    const ConnectionOptions& options, std::shared_ptr<const Clock> clock) {
  InitRestJson();  // before the event thread starts: see json.h
  absl::StatusOr<std::unique_ptr<CurlHttpClient>> http =
      CurlHttpClient::Create(CurlOptionsOf(options));
  if (!http.ok()) return http.status();
  return MakeRestStubs(std::make_shared<RestTransport>(
                           std::shared_ptr<CurlHttpClient>(*std::move(http)),
                           RestEndpointsOf(options)),
                       std::move(clock));
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
