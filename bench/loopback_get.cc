#include "loopback_get.h"

#include <chrono>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "clouddesktop/internal/uuid.h"

namespace clouddesktop_bench {

namespace api = ::yandex::cloud::clouddesktop::v1::api;

class LoopbackGet::Service final : public api::DesktopService::CallbackService {
  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* ctx,
                                const api::GetDesktopRequest* request,
                                api::Desktop* desktop) override {
    desktop->set_id(request->desktop_id());
    desktop->set_folder_id("folder-1");
    desktop->set_name("bench-desktop");
    desktop->set_status(api::Desktop::ACTIVE);
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

LoopbackGet::LoopbackGet() : service_(std::make_unique<Service>()) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port == 0) std::abort();
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                 grpc::InsecureChannelCredentials());
  stub_ = api::DesktopService::NewStub(channel_);
  request_.set_desktop_id("dsk-bench-0000000001");
}

LoopbackGet::~LoopbackGet() { server_->Shutdown(); }

// The two request-id headers cost on the wire and in both HPACK coders,
// apart from the facade's own work.
void LoopbackGet::RawCallbackGet(bool request_ids) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (request_ids) {
    ctx.AddMetadata("x-client-request-id", clouddesktop::internal::MakeUuid());
    ctx.AddMetadata("x-client-trace-id", clouddesktop::internal::MakeUuid());
  }
  api::Desktop desktop;
  absl::Notification done;
  grpc::Status result;
  stub_->async()->Get(&ctx, &request_, &desktop, [&](grpc::Status status) {
    result = std::move(status);
    done.Notify();
  });
  done.WaitForNotification();
  if (!result.ok()) std::abort();
}

}  // namespace clouddesktop_bench
