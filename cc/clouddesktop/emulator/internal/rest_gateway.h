// The emulator's REST API: an HTTP/1.1 server (cpp-httplib, from Debian)
// beside the gRPC port. Each request is turned into the method's gRPC
// request message by the method's `google.api.http` binding (read from the
// descriptors: no route table here), sent to the emulator's own gRPC server
// over an in-process channel, and the answer printed as REST JSON. So the
// store, operations, validation, faults, token checks and interceptors are
// exactly those of a gRPC call; only the wire differs.
//
//  - Headers become gRPC metadata (authorization, idempotency-key,
//    x-client-request-id, ...); the answer's metadata (x-request-id,
//    x-operation-poll-interval, ...) comes back as headers.
//  - Errors: the HTTP status of the gRPC code and the google.rpc.Status as
//    JSON ({"code", "message", "details"}), as the Yandex Cloud API design
//    guide shows them for REST.
//  - No route for the path: 404 (code 5); a route for the path under
//    another verb: 405 (code 12) with `Allow`. A body is taken as JSON
//    whatever its Content-Type (curl -d sends a form type by default).
//
// Thread safety: Start and Stop from the owner's thread; requests run on
// the HTTP server's pool of threads (kThreads), each blocking on its call.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_REST_GATEWAY_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_REST_GATEWAY_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "clouddesktop/internal/rest/http_binding.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace clouddesktop::emulator::internal {

class RestGateway {
 public:
  // Requests served at once; more wait for a thread.
  static constexpr int kThreads = 8;

  struct Options {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: the system picks one (see port())
    // Both set: HTTPS with this PEM certificate chain and key.
    std::string tls_cert_file;
    std::string tls_key_file;
  };

  // Serves the REST bindings of `services` (full names) by calling
  // `server` in process. `server` must outlive the gateway (Stop it
  // first). UNAVAILABLE if the address cannot be bound, INVALID_ARGUMENT
  // for unusable TLS files or a malformed binding in the descriptors.
  static absl::StatusOr<std::unique_ptr<RestGateway>> Start(
      const Options& options, grpc::Server* server,
      const std::vector<std::string>& services);

  // Calls Stop.
  ~RestGateway();
  RestGateway(const RestGateway&) = delete;
  RestGateway& operator=(const RestGateway&) = delete;

  int port() const { return port_; }

  // Stops accepting, waits for requests in flight (they end when their
  // gRPC calls do) and joins the threads. Idempotent.
  void Stop();

 private:
  RestGateway() = default;
  void Handle(const httplib::Request& request, httplib::Response& response);

  std::vector<clouddesktop::rest_internal::HttpBinding> bindings_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> stub_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_REST_GATEWAY_H_
