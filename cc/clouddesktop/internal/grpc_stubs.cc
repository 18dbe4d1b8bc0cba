#include "clouddesktop/internal/grpc_stubs.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/grpc_callback_thread.h"
#include "clouddesktop/internal/tsan.h"
#include "google/rpc/status.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.grpc.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"
#include "yandex/cloud/operation/operation_service.grpc.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// The first value of `key` in the server's headers, then its trailers.
absl::string_view Find(const grpc::ClientContext& ctx, absl::string_view key) {
  for (const Metadata* md :
       {&ctx.GetServerInitialMetadata(), &ctx.GetServerTrailingMetadata()}) {
    auto it = md->find(grpc::string_ref(key.data(), key.size()));
    if (it != md->end()) {
      return absl::string_view(it->second.data(), it->second.size());
    }
  }
  return absl::string_view();
}

// The status as the library's errors carry it: code, message (with a hint
// when it looks like a TLS mismatch), and the google.rpc.Status details.
absl::Status FromGrpc(const grpc::Status& status, bool insecure) {
  grpc::Status hinted = WithConnectionHint(status, insecure);
  int code = hinted.error_code();
  absl::Status out(code < 0 || code > 16 ? absl::StatusCode::kUnknown
                                         : static_cast<absl::StatusCode>(code),
                   hinted.error_message());
  if (!hinted.error_details().empty()) {
    google::rpc::Status details;
    if (details.ParseFromString(hinted.error_details())) {
      AttachDetails(details, &out);
    }
  }
  return out;
}

// One attempt's gRPC state. Owned by itself (`self`) while the RPC is in
// flight, and by the RpcContext's cancellation hook; then handed to the
// RpcContext (transport_state), whose owner frees it after delivering the
// result and before the call leaves its registry (the caller may tear the
// channel down once it has).
template <typename Response>
struct GrpcAttempt final : public RpcCanceller {
  void TryCancel() override { context.TryCancel(); }

  grpc::ClientContext context;
  Response response;
  StubCallback<Response> done;
  RpcContext* rpc = nullptr;
  bool insecure = false;
  std::shared_ptr<GrpcAttempt> self;
};

template <typename Response>
void OnDone(GrpcAttempt<Response>* raw, const grpc::Status& status) {
  TsanAcquire(raw);
  std::shared_ptr<GrpcAttempt<Response>> self = std::move(raw->self);
  RpcContext& rpc = *self->rpc;
  rpc.DetachCanceller();
  const grpc::ClientContext& ctx = self->context;
  rpc.ids.request_id = std::string(Find(ctx, kRequestIdHeader));
  rpc.ids.server_trace_id = std::string(Find(ctx, kServerTraceIdHeader));
  for (const char* name : rpc.wanted_headers) {
    absl::string_view value = Find(ctx, name);
    if (!value.empty()) rpc.response_headers.emplace_back(name, value);
  }
  if (rpc.want_peer) rpc.peer = ctx.peer();
  absl::StatusOr<Response> result =
      status.ok() ? absl::StatusOr<Response>(std::move(self->response))
                  : absl::StatusOr<Response>(FromGrpc(status, self->insecure));
  StubCallback<Response> done = std::move(self->done);
  // The ClientContext's teardown waits until the result is delivered.
  rpc.transport_state = std::move(self);
  std::move(done)(std::move(result));
}

template <typename Async, typename Request, typename Response>
void GrpcUnary(RpcContext& rpc, bool insecure, const Clock& clock, Async* async,
               void (Async::*method)(grpc::ClientContext*, const Request*,
                                     Response*,
                                     std::function<void(grpc::Status)>),
               const Request& request, StubCallback<Response> done) {
  absl::StatusOr<absl::Time> deadline = TransportDeadline(rpc, clock);
  if (!deadline.ok()) {
    std::move(done)(deadline.status());
    return;
  }
  auto attempt = std::make_shared<GrpcAttempt<Response>>();
  grpc::ClientContext& ctx = attempt->context;
  ctx.set_deadline(absl::ToChronoTime(*deadline));
  for (const auto& [key, value] : rpc.metadata) ctx.AddMetadata(key, value);
  attempt->done = std::move(done);
  attempt->rpc = &rpc;
  attempt->insecure = insecure;
  GrpcAttempt<Response>* raw = attempt.get();
  raw->self = attempt;
  rpc.AttachCanceller(std::move(attempt));
  // gRPC copies the callback and destroys the copies when it likes: it
  // holds only the raw pointer, so no copy can end up owning the attempt.
  // The release orders everything above before the callback (gRPC's own
  // hand-over is invisible to ThreadSanitizer).
  TsanRelease(raw);
  (async->*method)(&raw->context, &request, &raw->response,
                   [raw](grpc::Status status) {
                     GrpcCallbackScope scope;
                     OnDone(raw, status);
                   });
}

#define CLOUDDESKTOP_INTERNAL_GRPC_METHOD(Method, Request, Response)   \
  void Async##Method(RpcContext& context, const Request& request,      \
                     StubCallback<Response> done) override {           \
    GrpcUnary(context, insecure_, *clock_,                             \
              static_cast<Async*>(grpc_->async()),                     \
              static_cast<void (Async::*)(                             \
                  grpc::ClientContext*, const Request*, Response*,     \
                  std::function<void(grpc::Status)>)>(&Async::Method), \
              request, std::move(done));                               \
  }

#define CLOUDDESKTOP_INTERNAL_GRPC_STUB(Name, Interface, GrpcService, TABLE) \
  class Name final : public Interface {                                      \
   public:                                                                   \
    using Async = GrpcService::StubInterface::async_interface;               \
    Name(std::shared_ptr<grpc::Channel> channel, bool insecure,              \
         std::shared_ptr<const Clock> clock)                                 \
        : grpc_(GrpcService::NewStub(std::move(channel))),                   \
          insecure_(insecure),                                               \
          clock_(std::move(clock)) {}                                        \
    TABLE(CLOUDDESKTOP_INTERNAL_GRPC_METHOD)                                 \
                                                                             \
   private:                                                                  \
    const std::unique_ptr<GrpcService::Stub> grpc_;                          \
    const bool insecure_;                                                    \
    const std::shared_ptr<const Clock> clock_;                               \
  };

CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcDesktopStub, DesktopStub,
                                api::DesktopService,
                                CLOUDDESKTOP_INTERNAL_DESKTOP_RPCS)
CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcDesktopGroupStub, DesktopGroupStub,
                                api::DesktopGroupService,
                                CLOUDDESKTOP_INTERNAL_DESKTOP_GROUP_RPCS)
CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcDesktopImageStub, DesktopImageStub,
                                api::DesktopImageService,
                                CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_RPCS)
CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcOperationStub, OperationStub,
                                operation::OperationService,
                                CLOUDDESKTOP_INTERNAL_OPERATION_RPCS)
CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcApiEndpointStub, ApiEndpointStub,
                                endpoint::ApiEndpointService,
                                CLOUDDESKTOP_INTERNAL_API_ENDPOINT_RPCS)
CLOUDDESKTOP_INTERNAL_GRPC_STUB(GrpcIamTokenStub, IamTokenStub,
                                iam::IamTokenService,
                                CLOUDDESKTOP_INTERNAL_IAM_TOKEN_RPCS)

#undef CLOUDDESKTOP_INTERNAL_GRPC_STUB
#undef CLOUDDESKTOP_INTERNAL_GRPC_METHOD

}  // namespace

Stubs MakeGrpcTransportStubs(std::shared_ptr<grpc::Channel> channel,
                             std::shared_ptr<grpc::Channel> operation_channel,
                             bool insecure,
                             const std::shared_ptr<const Clock>& clock) {
  Stubs s;
  s.desktop = std::make_shared<GrpcDesktopStub>(channel, insecure, clock);
  s.desktop_group =
      std::make_shared<GrpcDesktopGroupStub>(channel, insecure, clock);
  s.desktop_image =
      std::make_shared<GrpcDesktopImageStub>(channel, insecure, clock);
  s.api_endpoint = std::make_shared<GrpcApiEndpointStub>(std::move(channel),
                                                         insecure, clock);
  s.operation = std::make_shared<GrpcOperationStub>(
      std::move(operation_channel), insecure, clock);
  return s;
}
std::shared_ptr<IamTokenStub> MakeGrpcIamTokenStub(
    std::shared_ptr<grpc::Channel> channel, bool insecure,
    std::shared_ptr<const Clock> clock) {
  return std::make_shared<GrpcIamTokenStub>(std::move(channel), insecure,
                                            std::move(clock));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
