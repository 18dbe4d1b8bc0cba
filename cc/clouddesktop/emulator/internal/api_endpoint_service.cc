#include "clouddesktop/emulator/internal/api_endpoint_service.h"

#include <utility>
#include <vector>

#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/listing.h"
#include "clouddesktop/emulator/internal/unary_call.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace endpoint = ::yandex::cloud::endpoint;

constexpr MethodInfo kGet{"ApiEndpointService", "Get", true};
constexpr MethodInfo kList{"ApiEndpointService", "List", true};

}  // namespace

void ApiEndpointServiceImpl::set_address(std::string address) {
  clouddesktop::internal::MutexLock lock(&mu_);
  address_ = std::move(address);
}

std::string ApiEndpointServiceImpl::address() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return address_;
}

grpc::ServerUnaryReactor* ApiEndpointServiceImpl::Get(
    grpc::CallbackServerContext* context,
    const endpoint::GetApiEndpointRequest* request,
    endpoint::ApiEndpoint* response) {
  return ServeUnary(env_, &kGet, context, request, response,
                    [this, request, response](Records&, const CallInfo&) {
                      for (const char* id : kEndpointIds) {
                        if (request->api_endpoint_id() == id) {
                          response->set_id(id);
                          response->set_address(address());
                          return absl::OkStatus();
                        }
                      }
                      return NotFound("api endpoint",
                                      request->api_endpoint_id());
                    });
}

grpc::ServerUnaryReactor* ApiEndpointServiceImpl::List(
    grpc::CallbackServerContext* context,
    const endpoint::ListApiEndpointsRequest* request,
    endpoint::ListApiEndpointsResponse* response) {
  return ServeUnary(
      env_, &kList, context, request, response,
      [this, request, response](Records&, const CallInfo&) {
        std::vector<endpoint::ApiEndpoint> all;
        for (const char* id : kEndpointIds) {
          endpoint::ApiEndpoint e;
          e.set_id(id);
          e.set_address(address());
          all.push_back(std::move(e));
        }
        std::vector<const google::protobuf::Message*> items;
        for (const endpoint::ApiEndpoint& e : all) items.push_back(&e);
        return PageInto(
            ListQuery{request->GetDescriptor()->full_name(), "endpoints",
                      request->page_size(), request->page_token()},
            *env_->pages, std::move(items), response->mutable_endpoints(),
            response);
      });
}

}  // namespace clouddesktop::emulator::internal
