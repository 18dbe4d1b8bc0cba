// ApiEndpointService: every service id the library looks up resolves to
// the emulator's own address, so endpoint discovery works locally.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_API_ENDPOINT_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_API_ENDPOINT_SERVICE_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "clouddesktop/emulator/internal/service_env.h"
#include "clouddesktop/internal/mutex.h"
#include "yandex/cloud/endpoint/api_endpoint_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// The endpoint ids answered: Cloud Desktop, operations, IAM.
inline constexpr const char* kEndpointIds[] = {"clouddesktops", "operation",
                                               "iam"};

// Thread-safe (the address sits behind a mutex because it is known only
// once the server has bound its port).
class ApiEndpointServiceImpl final
    : public yandex::cloud::endpoint::ApiEndpointService::CallbackService {
 public:
  explicit ApiEndpointServiceImpl(const ServiceEnv* env) : env_(env) {}

  void set_address(std::string address);

  grpc::ServerUnaryReactor* Get(
      grpc::CallbackServerContext* context,
      const yandex::cloud::endpoint::GetApiEndpointRequest* request,
      yandex::cloud::endpoint::ApiEndpoint* response) override;
  grpc::ServerUnaryReactor* List(
      grpc::CallbackServerContext* context,
      const yandex::cloud::endpoint::ListApiEndpointsRequest* request,
      yandex::cloud::endpoint::ListApiEndpointsResponse* response) override;

 private:
  std::string address() const;

  const ServiceEnv* env_;
  mutable clouddesktop::internal::Mutex mu_;
  std::string address_ ABSL_GUARDED_BY(mu_);
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_API_ENDPOINT_SERVICE_H_
