// A DesktopService that answers Get at once, in process, on a loopback TCP
// port, and the raw generated stub that calls it: the reference cost of one
// RPC that the benchmarks compare the client's own work against.

#ifndef CLOUDDESKTOP_BENCH_LOOPBACK_GET_H_
#define CLOUDDESKTOP_BENCH_LOOPBACK_GET_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"

namespace clouddesktop_bench {

class LoopbackGet {
 public:
  // Starts the server on 127.0.0.1 (a free port) and connects a channel.
  LoopbackGet();
  ~LoopbackGet();

  // One Get through the raw callback stub, waited for; with `request_ids`,
  // plus the two request-id headers every facade call carries. Aborts if the
  // call fails (a benchmark must not time failures).
  void RawCallbackGet(bool request_ids = false);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  yandex::cloud::clouddesktop::v1::api::DesktopService::Stub& stub() {
    return *stub_;
  }
  const yandex::cloud::clouddesktop::v1::api::GetDesktopRequest& request()
      const {
    return request_;
  }

 private:
  class Service;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<yandex::cloud::clouddesktop::v1::api::DesktopService::Stub>
      stub_;
  yandex::cloud::clouddesktop::v1::api::GetDesktopRequest request_;
};

}  // namespace clouddesktop_bench

#endif  // CLOUDDESKTOP_BENCH_LOOPBACK_GET_H_
