// DesktopImageService.Get against the in-process emulator over its two
// ports (both on loopback TCP): the generated gRPC stub versus the REST
// transport (CurlHttpClient + rest_mapping), one call at a time and 100 at
// once. Both go through the same emulator code; the REST side also pays for
// the gateway's in-process gRPC hop and JSON both ways.
//
//   bazel run --config=bench //bench:rest_bench
//
// Figures in BENCHMARKS.md ("REST vs gRPC").

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/internal/rest/rest_transport.h"
#include "clouddesktop/options.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace rest = ::clouddesktop::rest_internal;

struct Env {
  Env() {
    clouddesktop::emulator::EmulatorOptions options;
    options.http_listen_address = "127.0.0.1:0";
    auto started = clouddesktop::emulator::Emulator::Start(options);
    if (!started.ok()) std::abort();
    emulator = *std::move(started);
    stub = api::DesktopImageService::NewStub(grpc::CreateChannel(
        emulator->address(), grpc::InsecureChannelCredentials()));

    clouddesktop::ConnectionOptions connection;
    connection.insecure = true;
    connection.rest_endpoint = emulator->http_address();
    connection.rest_operation_endpoint = emulator->http_address();
    auto http = rest::CurlHttpClient::Create(rest::CurlOptionsOf(connection));
    if (!http.ok()) std::abort();
    transport = std::make_unique<rest::RestTransport>(
        std::shared_ptr<rest::CurlHttpClient>(*std::move(http)),
        rest::RestEndpointsOf(connection));
    auto found = rest::RestTransport::FindMethod(
        "yandex.cloud.clouddesktop.v1.api.DesktopImageService.Get");
    if (!found.ok()) std::abort();
    get = *found;
    request.set_image_id("img-ubuntu-22-04");

    clouddesktop::ConnectionOptions client = connection;
    client.endpoint = client.operation_endpoint = emulator->address();
    grpc_client = std::make_unique<clouddesktop::DesktopImageClient>(
        clouddesktop::MakeConnections(client));
    client.transport = clouddesktop::TransportKind::kRest;
    rest_client = std::make_unique<clouddesktop::DesktopImageClient>(
        clouddesktop::MakeConnections(client));
  }

  std::unique_ptr<clouddesktop::emulator::Emulator> emulator;
  std::unique_ptr<api::DesktopImageService::Stub> stub;
  std::unique_ptr<rest::RestTransport> transport;
  const google::protobuf::MethodDescriptor* get = nullptr;
  api::GetDesktopImageRequest request;
  // The public client over each transport: what a program pays, with the
  // decorators, the retry loop and validation on top of the wire.
  std::unique_ptr<clouddesktop::DesktopImageClient> grpc_client;
  std::unique_ptr<clouddesktop::DesktopImageClient> rest_client;
};

Env& GetEnv() {
  static Env* env = new Env();  // lives until exit
  return *env;
}

rest::RestCallOptions CallOptions() {
  rest::RestCallOptions options;
  options.deadline = absl::Now() + absl::Seconds(30);
  return options;
}

// `n` Gets started at once over gRPC (callback API), all awaited.
void GrpcGets(Env& env, int n) {
  struct Call {
    grpc::ClientContext ctx;
    api::DesktopImage image;
  };
  std::vector<std::unique_ptr<Call>> calls;
  std::atomic<int> left{n};
  std::atomic<bool> failed{false};
  absl::Notification done;
  for (int i = 0; i < n; ++i) {
    calls.push_back(std::make_unique<Call>());
    Call& c = *calls.back();
    c.ctx.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
    env.stub->async()->Get(&c.ctx, &env.request, &c.image, [&](grpc::Status s) {
      if (!s.ok()) failed = true;
      if (--left == 0) done.Notify();
    });
  }
  done.WaitForNotification();
  if (failed) std::abort();
}

// `n` Gets started at once over REST, all awaited.
void RestGets(Env& env, int n) {
  std::atomic<int> left{n};
  std::atomic<bool> failed{false};
  absl::Notification done;
  for (int i = 0; i < n; ++i) {
    rest::AsyncRestCall<api::DesktopImage>(
        *env.transport, *env.get, env.request, CallOptions(),
        [&](absl::StatusOr<api::DesktopImage> r, rest::RestCallInfo) {
          if (!r.ok()) failed = true;
          if (--left == 0) done.Notify();
        });
  }
  done.WaitForNotification();
  if (failed) std::abort();
}

// `n` Gets started at once through the public client, all awaited.
void ClientGets(Env& env, clouddesktop::DesktopImageClient& client, int n) {
  std::vector<clouddesktop::Future<absl::StatusOr<api::DesktopImage>>> gets;
  gets.reserve(n);
  for (int i = 0; i < n; ++i) {
    gets.push_back(client.GetDesktopImageAsync(env.request));
  }
  for (auto& get : gets) {
    if (!get.Get().ok()) std::abort();
  }
}

void BM_ClientGet(benchmark::State& state, bool rest) {
  Env& env = GetEnv();
  const int n = static_cast<int>(state.range(0));
  clouddesktop::DesktopImageClient& client =
      rest ? *env.rest_client : *env.grpc_client;
  for (auto _ : state) ClientGets(env, client, n);
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_GetGrpc(benchmark::State& state) {
  Env& env = GetEnv();
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) GrpcGets(env, n);
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_GetRest(benchmark::State& state) {
  Env& env = GetEnv();
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) RestGets(env, n);
  state.SetItemsProcessed(state.iterations() * n);
}

// Real time: the calls wait on other threads (the emulator's, gRPC's,
// libcurl's event thread).
BENCHMARK(BM_GetGrpc)->Name("Get/grpc")->Arg(1)->Arg(100)->UseRealTime();
BENCHMARK(BM_GetRest)->Name("Get/rest")->Arg(1)->Arg(100)->UseRealTime();
BENCHMARK_CAPTURE(BM_ClientGet, grpc, false)
    ->Name("ClientGet/grpc")
    ->Arg(1)
    ->Arg(100)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_ClientGet, rest, true)
    ->Name("ClientGet/rest")
    ->Arg(1)
    ->Arg(100)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
