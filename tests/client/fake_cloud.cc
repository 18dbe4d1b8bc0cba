#include "tests/client/fake_cloud.h"

#include <dirent.h>

#include <atomic>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/tsan.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"
#include "yandex/cloud/operation/operation_service.grpc.pb.h"

namespace clouddesktop_test {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace access = ::yandex::cloud::access;
namespace op = ::yandex::cloud::operation;

}  // namespace

// One call's reactor, shared with a delayed answer that may outlive it.
struct FakeCloud::CallState {
  clouddesktop::internal::Mutex mu;
  grpc::ServerUnaryReactor* reactor = nullptr;
  bool finished = false;
};

namespace {

// What a reactor did happens before ~FakeCloud's server_->Wait() returns;
// gRPC orders that inside libgrpc, where TSAN cannot see it, so it is said
// here (a no-op without TSAN).
char reactors_done;

class Reactor final : public grpc::ServerUnaryReactor {
 public:
  explicit Reactor(std::function<void()> on_cancel)
      : on_cancel_(std::move(on_cancel)) {}
  void OnCancel() override {
    on_cancel_();
    clouddesktop::internal::TsanRelease(&reactors_done);
  }
  void OnDone() override {
    delete this;
    clouddesktop::internal::TsanRelease(&reactors_done);
  }

 private:
  std::function<void()> on_cancel_;
};

}  // namespace

#define FAKE_RPC(Service, Method, Request, Response)                           \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* ctx,           \
                                   const Request* request, Response* response) \
      override {                                                               \
    return cloud_->Handle(#Service "." #Method, ctx, *request, response);      \
  }

struct FakeCloud::Services {
  struct Images : api::DesktopImageService::CallbackService {
    FakeCloud* cloud_;
    FAKE_RPC(DesktopImageService, List, api::ListDesktopImagesRequest,
             api::ListDesktopImagesResponse)
    FAKE_RPC(DesktopImageService, Get, api::GetDesktopImageRequest,
             api::DesktopImage)
    FAKE_RPC(DesktopImageService, Copy, api::CopyDesktopImageRequest,
             op::Operation)
    FAKE_RPC(DesktopImageService, CopyFromDesktop, api::CopyFromDesktopRequest,
             op::Operation)
    FAKE_RPC(DesktopImageService, Update, api::UpdateDesktopImageRequest,
             op::Operation)
    FAKE_RPC(DesktopImageService, Delete, api::DeleteDesktopImageRequest,
             op::Operation)
  };
  struct Desktops : api::DesktopService::CallbackService {
    FakeCloud* cloud_;
    FAKE_RPC(DesktopService, Get, api::GetDesktopRequest, api::Desktop)
    FAKE_RPC(DesktopService, GetRdpFile, api::GetRdpFileRequest,
             api::RdpFileResponse)
    FAKE_RPC(DesktopService, List, api::ListDesktopsRequest,
             api::ListDesktopsResponse)
    FAKE_RPC(DesktopService, ListOperations, api::ListDesktopOperationsRequest,
             api::ListDesktopOperationsResponse)
    FAKE_RPC(DesktopService, Create, api::CreateDesktopRequest, op::Operation)
    FAKE_RPC(DesktopService, ResetPassword, api::ResetPasswordRequest,
             api::ResetPasswordResponse)
    FAKE_RPC(DesktopService, Restart, api::RestartRequest, op::Operation)
    FAKE_RPC(DesktopService, Start, api::StartRequest, op::Operation)
    FAKE_RPC(DesktopService, Stop, api::StopRequest, op::Operation)
    FAKE_RPC(DesktopService, Update, api::UpdateRequest, op::Operation)
    FAKE_RPC(DesktopService, UpdateProperties, api::UpdatePropertiesRequest,
             op::Operation)
    FAKE_RPC(DesktopService, Delete, api::DeleteDesktopRequest, op::Operation)
  };
  struct Groups : api::DesktopGroupService::CallbackService {
    FakeCloud* cloud_;
    FAKE_RPC(DesktopGroupService, Get, api::GetDesktopGroupRequest,
             api::DesktopGroup)
    FAKE_RPC(DesktopGroupService, List, api::ListDesktopGroupsRequest,
             api::ListDesktopGroupsResponse)
    FAKE_RPC(DesktopGroupService, ListDesktops,
             api::ListDesktopGroupDesktopsRequest,
             api::ListDesktopGroupDesktopsResponse)
    FAKE_RPC(DesktopGroupService, ListOperations,
             api::ListDesktopGroupOperationsRequest,
             api::ListDesktopGroupOperationsResponse)
    FAKE_RPC(DesktopGroupService, Create, api::CreateDesktopGroupRequest,
             op::Operation)
    FAKE_RPC(DesktopGroupService, Delete, api::DeleteDesktopGroupRequest,
             op::Operation)
    FAKE_RPC(DesktopGroupService, Update, api::UpdateDesktopGroupRequest,
             op::Operation)
    FAKE_RPC(DesktopGroupService, ListAccessBindings,
             access::ListAccessBindingsRequest,
             access::ListAccessBindingsResponse)
    FAKE_RPC(DesktopGroupService, SetAccessBindings,
             access::SetAccessBindingsRequest, op::Operation)
    FAKE_RPC(DesktopGroupService, UpdateAccessBindings,
             access::UpdateAccessBindingsRequest, op::Operation)
  };
  struct Operations : op::OperationService::CallbackService {
    FakeCloud* cloud_;
    FAKE_RPC(OperationService, Get, op::GetOperationRequest, op::Operation)
    FAKE_RPC(OperationService, Cancel, op::CancelOperationRequest,
             op::Operation)
  };

  Images images;
  Desktops desktops;
  Groups groups;
  Operations operations;
};

#undef FAKE_RPC

FakeCloud::FakeCloud() : services_(std::make_unique<Services>()) {
  services_->images.cloud_ = this;
  services_->desktops.cloud_ = this;
  services_->groups.cloud_ = this;
  services_->operations.cloud_ = this;
  scheduler_ = std::thread([this] { SchedulerLoop(); });
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(&services_->images);
  builder.RegisterService(&services_->desktops);
  builder.RegisterService(&services_->groups);
  builder.RegisterService(&services_->operations);
  server_ = builder.BuildAndStart();
  address_ = "127.0.0.1:" + std::to_string(port);
  // gRPC's threads (OnCancel runs on one, outside the suppressed callback
  // frames) reach this object through libgrpc, where TSAN cannot see the
  // hand-over: say it here (a no-op without TSAN).
  clouddesktop::internal::TsanRelease(this);
}

FakeCloud::~FakeCloud() {
  // Calls still hanging are cancelled at the deadline.
  server_->Shutdown(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(100));
  server_->Wait();
  clouddesktop::internal::TsanAcquire(&reactors_done);
  {
    clouddesktop::internal::MutexLock lock(&timer_mu_);
    stop_ = true;
  }
  timer_cv_.SignalAll();
  scheduler_.join();
}

clouddesktop::ConnectionOptions FakeCloud::Options() const {
  clouddesktop::ConnectionOptions options;
  options.endpoint = address_;
  options.operation_endpoint = address_;
  options.insecure = true;
  options.backoff_policy =
      std::make_shared<clouddesktop::ExponentialBackoffPolicy>(
          absl::Milliseconds(1), absl::Milliseconds(10), 2.0);
  clouddesktop::PollingSettings polling;
  polling.initial_interval = absl::Milliseconds(1);
  polling.maximum_interval = absl::Milliseconds(20);
  options.polling_policy =
      std::make_shared<clouddesktop::ExponentialPollingPolicy>(polling);
  options.clock = clock_;  // null: the real one
  return options;
}

void FakeCloud::UseSimulatedClock() {
  clock_ = std::make_shared<clouddesktop::internal::SimulatedClock>();
}

absl::Time FakeCloud::Now() const {
  return clock_ ? clock_->Now() : absl::Now();
}

void FakeCloud::Script(const std::string& method, std::vector<Reply> replies) {
  clouddesktop::internal::MutexLock lock(&mu_);
  auto& q = scripts_[method];
  for (auto& r : replies) q.push_back(std::move(r));
}

void FakeCloud::SetDefault(const std::string& method, Reply reply) {
  clouddesktop::internal::MutexLock lock(&mu_);
  defaults_[method] = std::move(reply);
}

void FakeCloud::ScriptOperation(const std::string& id,
                                std::vector<Reply> replies) {
  clouddesktop::internal::MutexLock lock(&mu_);
  auto& q = operation_scripts_[id];
  for (auto& r : replies) q.push_back(std::move(r));
}

void FakeCloud::SetOperationHandler(
    std::function<Reply(const std::string& id, int poll)> f) {
  clouddesktop::internal::MutexLock lock(&mu_);
  operation_handler_ = std::move(f);
}

std::vector<Seen> FakeCloud::Calls(const std::string& method) const {
  clouddesktop::internal::MutexLock lock(&mu_);
  std::vector<Seen> out;
  for (const auto& s : seen_) {
    if (method.empty() || s.method == method) out.push_back(s);
  }
  return out;
}

int FakeCloud::CallCount(const std::string& method) const {
  return static_cast<int>(Calls(method).size());
}

int FakeCloud::CancelledCount() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return cancelled_;
}

int FakeCloud::Pending() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return pending_;
}

bool FakeCloud::WaitForCalls(const std::string& method, int count) const {
  clouddesktop::internal::MutexLock lock(&mu_);
  const auto deadline =
      clouddesktop::internal::CondVar::SteadyDeadline(absl::Seconds(10));
  for (;;) {
    int n = 0;
    for (const auto& s : seen_) n += s.method == method;
    if (n >= count) return true;
    if (seen_cv_.WaitWithDeadline(&mu_, deadline)) return false;
  }
}

Reply FakeCloud::Next(const std::string& method,
                      const google::protobuf::Message& request) {
  if (method == "OperationService.Get") {
    const std::string& id =
        static_cast<const op::GetOperationRequest&>(request).operation_id();
    int poll = ++operation_polls_[id];
    auto it = operation_scripts_.find(id);
    if (it != operation_scripts_.end() && !it->second.empty()) {
      Reply r = it->second.front();
      if (it->second.size() > 1) it->second.pop_front();
      return r;
    }
    if (operation_handler_) return operation_handler_(id, poll);
  }
  auto it = scripts_.find(method);
  if (it != scripts_.end() && !it->second.empty()) {
    Reply r = std::move(it->second.front());
    it->second.pop_front();
    return r;
  }
  auto d = defaults_.find(method);
  if (d != defaults_.end()) return d->second;
  return Reply();
}

grpc::ServerUnaryReactor* FakeCloud::Handle(
    const char* method, grpc::CallbackServerContext* ctx,
    const google::protobuf::Message& request,
    google::protobuf::Message* response) {
  Seen seen;
  seen.method = method;
  seen.request.reset(request.New());
  seen.request->CopyFrom(request);
  for (const auto& [k, v] : ctx->client_metadata()) {
    seen.metadata.emplace(std::string(k.data(), k.size()),
                          std::string(v.data(), v.size()));
  }
  seen.at = Now();
  Reply reply;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    reply = Next(method, request);
    seen_.push_back(std::move(seen));
    ++pending_;
  }
  seen_cv_.SignalAll();

  auto call = std::make_shared<CallState>();
  auto* reactor = new Reactor([this, call] {
    clouddesktop::internal::TsanAcquire(this);  // see the constructor
    if (FinishCall(call,
                   grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"))) {
      clouddesktop::internal::MutexLock lock(&mu_);
      ++cancelled_;
    }
  });
  call->reactor = reactor;
  for (const auto& [k, v] : reply.headers) ctx->AddInitialMetadata(k, v);
  for (const auto& [k, v] : reply.trailers) ctx->AddTrailingMetadata(k, v);
  if (reply.response) response->CopyFrom(*reply.response);
  grpc::Status status = reply.details
                            ? grpc::Status(reply.code, reply.message,
                                           reply.details->SerializeAsString())
                            : grpc::Status(reply.code, reply.message);
  if (reply.hang) return reactor;
  if (reply.delay > absl::ZeroDuration()) {
    {
      clouddesktop::internal::MutexLock lock(&timer_mu_);
      timers_.emplace(absl::Now() + reply.delay,
                      [this, call, status] { FinishCall(call, status); });
    }
    timer_cv_.SignalAll();
    return reactor;
  }
  FinishCall(call, status);
  return reactor;
}

bool FakeCloud::FinishCall(const std::shared_ptr<CallState>& call,
                           grpc::Status status) {
  grpc::ServerUnaryReactor* reactor;
  {
    clouddesktop::internal::MutexLock lock(&call->mu);
    if (call->finished) return false;
    call->finished = true;
    reactor = call->reactor;
  }
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    --pending_;
  }
  // Only the one finisher gets here, and OnDone (which deletes the reactor)
  // comes only after Finish.
  reactor->Finish(status);
  return true;
}

void FakeCloud::SchedulerLoop() {
  timer_mu_.Lock();
  while (!stop_) {
    if (timers_.empty()) {
      timer_cv_.Wait(&timer_mu_);
      continue;
    }
    auto first = timers_.begin();
    if (first->first > absl::Now()) {
      timer_cv_.WaitWithDeadline(&timer_mu_, first->first);
      continue;
    }
    auto fn = std::move(first->second);
    timers_.erase(first);
    timer_mu_.Unlock();
    fn();
    timer_mu_.Lock();
  }
  timer_mu_.Unlock();
}

yandex::cloud::operation::Operation MakeOperation(
    const std::string& id, bool done, const google::protobuf::Message* metadata,
    const google::protobuf::Message* response) {
  yandex::cloud::operation::Operation o;
  o.set_id(id);
  o.set_done(done);
  o.set_description("scripted");
  if (metadata) o.mutable_metadata()->PackFrom(*metadata);
  if (response) o.mutable_response()->PackFrom(*response);
  return o;
}

yandex::cloud::operation::Operation MakeFailedOperation(
    const std::string& id, int code, const std::string& message,
    const std::vector<const google::protobuf::Message*>& details) {
  yandex::cloud::operation::Operation o;
  o.set_id(id);
  o.set_done(true);
  o.mutable_error()->set_code(code);
  o.mutable_error()->set_message(message);
  for (const auto* d : details) o.mutable_error()->add_details()->PackFrom(*d);
  return o;
}

int ThreadCount() {
  int n = 0;
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return -1;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return n;
}

}  // namespace clouddesktop_test
