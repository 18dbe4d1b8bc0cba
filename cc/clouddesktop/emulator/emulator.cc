#include "clouddesktop/emulator/emulator.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/emulator/internal/api_endpoint_service.h"
#include "clouddesktop/emulator/internal/connection_acceptor.h"
#include "clouddesktop/emulator/internal/desktop_group_service.h"
#include "clouddesktop/emulator/internal/desktop_image_service.h"
#include "clouddesktop/emulator/internal/desktop_service.h"
#include "clouddesktop/emulator/internal/fault_injector.h"
#include "clouddesktop/emulator/internal/iam_token_service.h"
#include "clouddesktop/emulator/internal/id_generator.h"
#include "clouddesktop/emulator/internal/jwt_verifier.h"
#include "clouddesktop/emulator/internal/listen_address.h"
#include "clouddesktop/emulator/internal/operation_engine.h"
#include "clouddesktop/emulator/internal/operation_service.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "clouddesktop/emulator/internal/parse_failure_interceptor.h"
#include "clouddesktop/emulator/internal/rest_gateway.h"
#include "clouddesktop/emulator/internal/scheduler.h"
#include "clouddesktop/emulator/internal/service_env.h"
#include "clouddesktop/emulator/internal/store.h"
#include "clouddesktop/emulator/internal/token_registry.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;

// Full names of the services, for the health service's per-service status.
constexpr const char* kServiceNames[] = {
    "yandex.cloud.clouddesktop.v1.api.DesktopImageService",
    "yandex.cloud.clouddesktop.v1.api.DesktopService",
    "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
    "yandex.cloud.operation.OperationService",
    "yandex.cloud.iam.v1.IamTokenService",
    "yandex.cloud.endpoint.ApiEndpointService",
};

absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", what, " file ", path));
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Splits "host:port" (host may be "[v6]"); the port must be 0-65535.
absl::Status SplitHostPort(absl::string_view address, std::string* host,
                           int* port) {
  size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), port) || *port < 0 ||
      *port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen address \"", address, "\" is not HOST:PORT (port 0-65535)"));
  }
  *host = std::string(address.substr(0, colon));
  return absl::OkStatus();
}

bool IsWildcardHost(absl::string_view host) {
  return host == "0.0.0.0" || host == "[::]" || host == "::" || host == "*";
}

void EnableProcessWideServerFeatures() {
  static const bool reflection_registered = [] {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    return true;
  }();
  (void)reflection_registered;
  grpc::EnableDefaultHealthCheckService(true);
}

}  // namespace

std::vector<std::string> ApiServiceNames() {
  return {std::begin(kServiceNames), std::end(kServiceNames)};
}

std::vector<SeedImage> DefaultSeedImages() {
  SeedImage ubuntu;
  ubuntu.id = "img-ubuntu-22-04";
  ubuntu.folder_id = std::string(kDefaultFolderId);
  ubuntu.name = "ubuntu-22-04";
  ubuntu.description = "Ubuntu 22.04 LTS desktop";
  ubuntu.storage_size = int64_t{8} << 30;
  ubuntu.min_disk_size = int64_t{32} << 30;
  SeedImage windows;
  windows.id = "img-windows-11";
  windows.folder_id = std::string(kDefaultFolderId);
  windows.name = "windows-11";
  windows.description = "Windows 11 desktop";
  windows.storage_size = int64_t{24} << 30;
  windows.min_disk_size = int64_t{64} << 30;
  return {ubuntu, windows};
}

struct Emulator::State {
  explicit State(EmulatorOptions opts)
      : options(std::move(opts)),
        operations(&store, &scheduler, &ids, options.operation_delay),
        faults(options.faults, options.fault_seed),
        tokens(&ids, options.token_lifetime),
        pages(ids.SecretBytes()),
        compute(options.compute_images),
        env{&store,
            &operations,
            &scheduler,
            &faults,
            &tokens,
            &jwt,
            &ids,
            &pages,
            &compute,
            options.require_token,
            options.poll_interval_hint},
        images(&env),
        desktops(&env),
        groups(&env),
        operation_service(&env),
        iam(&env),
        endpoints(&env) {}

  EmulatorOptions options;
  internal::IdGenerator ids;
  internal::Scheduler scheduler;
  internal::Store store;
  internal::OperationEngine operations;
  internal::FaultInjector faults;
  internal::TokenRegistry tokens;
  internal::JwtVerifier jwt;
  internal::PageTokenCodec pages;
  internal::ComputeCatalog compute;
  internal::ServiceEnv env;
  internal::DesktopImageServiceImpl images;
  internal::DesktopServiceImpl desktops;
  internal::DesktopGroupServiceImpl groups;
  internal::OperationServiceImpl operation_service;
  internal::IamTokenServiceImpl iam;
  internal::ApiEndpointServiceImpl endpoints;
  std::string address;
  std::string http_address;
  clouddesktop::internal::Mutex shutdown_mu;
  bool shut_down ABSL_GUARDED_BY(shutdown_mu) = false;
  // Accepts the TCP connections; stopped before the server shuts down.
  std::unique_ptr<internal::ConnectionAcceptor> acceptor;
  // Last: destroyed first, before the services it calls.
  std::unique_ptr<grpc::Server> server;
  // The REST API; it calls `server`, so it goes first.
  std::unique_ptr<internal::RestGateway> rest;
};

Emulator::Emulator(std::unique_ptr<State> state) : state_(std::move(state)) {}

Emulator::~Emulator() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Emulator>> Emulator::Start(
    EmulatorOptions options) {
  std::string host;
  int requested_port = 0;
  if (absl::Status s =
          SplitHostPort(options.listen_address, &host, &requested_port);
      !s.ok()) {
    return s;
  }
  std::string http_host;
  int http_port = 0;
  if (!options.http_listen_address.empty()) {
    if (absl::Status s =
            SplitHostPort(options.http_listen_address, &http_host, &http_port);
        !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("HTTP ", s.message()));
    }
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate file and a key file");
  }
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::InsecureServerCredentials();
  if (!options.tls_cert_file.empty()) {
    absl::StatusOr<std::string> cert =
        ReadFile(options.tls_cert_file, "TLS certificate");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadFile(options.tls_key_file, "TLS key");
    if (!key.ok()) return key.status();
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({*std::move(key), *std::move(cert)});
    credentials = grpc::SslServerCredentials(ssl);
  }

  auto state = std::make_unique<State>(std::move(options));
  absl::Time now = absl::Now();
  for (const SeedImage& seed : state->options.seed_images) {
    if (seed.id.empty() || seed.folder_id.empty()) {
      return absl::InvalidArgumentError("seed images need an id and a folder");
    }
    api::DesktopImage image;
    image.set_id(seed.id);
    image.set_folder_id(seed.folder_id);
    *image.mutable_created_at() = internal::ToTimestamp(now);
    image.set_status(api::DesktopImage::ACTIVE);
    image.set_name(seed.name);
    image.set_description(seed.description);
    image.set_storage_size(seed.storage_size);
    image.set_min_disk_size(seed.min_disk_size);
    state->store.Locked([&](internal::Records& records) {
      records.images[seed.id] = std::move(image);
    });
  }
  for (const ServiceAccountKey& key : state->options.service_account_keys) {
    if (absl::Status s = state->jwt.AddKey(key.service_account_id, key.key_id,
                                           key.public_key_pem);
        !s.ok()) {
      return s;
    }
  }

  EnableProcessWideServerFeatures();
  grpc::ServerBuilder builder;
  absl::StatusOr<std::vector<std::string>> addresses =
      internal::ListenAddresses(host, requested_port);
  if (!addresses.ok()) return addresses.status();
  // The emulator's own accept loop (connection_acceptor.h): gRPC 1.51's
  // listener stops for good after running out of file descriptors once.
  absl::StatusOr<std::unique_ptr<internal::ConnectionAcceptor>> acceptor =
      internal::ConnectionAcceptor::Listen(*addresses);
  if (!acceptor.ok()) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", state->options.listen_address, ": ",
                     acceptor.status().message()));
  }
  state->acceptor = *std::move(acceptor);
  const int port = state->acceptor->port();
  std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> sink =
      builder.experimental().AddExternalConnectionAcceptor(
          grpc::ServerBuilder::experimental_type::ExternalConnectionType::
              FROM_FD,
          credentials);
  {
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(
        std::make_unique<internal::ParseFailureInterceptorFactory>());
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  builder.RegisterService(&state->images);
  builder.RegisterService(&state->desktops);
  builder.RegisterService(&state->groups);
  builder.RegisterService(&state->operation_service);
  builder.RegisterService(&state->iam);
  builder.RegisterService(&state->endpoints);
  for (grpc::Service* service : state->options.extra_services) {
    builder.RegisterService(service);
  }
  state->server = builder.BuildAndStart();
  if (state->server == nullptr) {
    return absl::InternalError(absl::StrCat("cannot start the server on ",
                                            state->options.listen_address));
  }
  state->acceptor->Start(std::move(sink));
  state->address = absl::StrCat(host, ":", port);
  if (!state->options.http_listen_address.empty()) {
    internal::RestGateway::Options rest;
    rest.host = http_host;
    rest.port = http_port;
    rest.tls_cert_file = state->options.tls_cert_file;
    rest.tls_key_file = state->options.tls_key_file;
    absl::StatusOr<std::unique_ptr<internal::RestGateway>> gateway =
        internal::RestGateway::Start(rest, state->server.get(),
                                     ApiServiceNames());
    if (!gateway.ok()) {
      state->acceptor->Stop();
      state->server->Shutdown();
      return gateway.status();
    }
    state->rest = *std::move(gateway);
    state->http_address = absl::StrCat(http_host, ":", state->rest->port());
  }
  state->endpoints.set_address(
      !state->options.advertised_address.empty()
          ? state->options.advertised_address
          : absl::StrCat(IsWildcardHost(host) ? "localhost" : host, ":", port));
  if (grpc::HealthCheckServiceInterface* health =
          state->server->GetHealthCheckService()) {
    for (const char* name : kServiceNames) {
      health->SetServingStatus(name, true);
    }
  }
  return std::unique_ptr<Emulator>(new Emulator(std::move(state)));
}

std::string Emulator::address() const { return state_->address; }

std::string Emulator::http_address() const { return state_->http_address; }

void Emulator::Shutdown() {
  clouddesktop::internal::MutexLock lock(&state_->shutdown_mu);
  if (state_->shut_down) return;
  state_->shut_down = true;
  if (grpc::HealthCheckServiceInterface* health =
          state_->server->GetHealthCheckService()) {
    health->SetServingStatus(false);
  }
  // Timers first: calls waiting on injected latency finish (UNAVAILABLE)
  // now rather than when due, so that the server's shutdown, which waits
  // for every call, does not wait for them.
  state_->scheduler.Shutdown();
  // REST requests in flight end with their in-process calls.
  if (state_->rest != nullptr) state_->rest->Stop();
  state_->acceptor->Stop();
  state_->server->Shutdown(std::chrono::system_clock::now() +
                           std::chrono::seconds(1));
  state_->server->Wait();
}

absl::Status Emulator::RegisterServiceAccountKey(
    absl::string_view service_account_id, absl::string_view key_id,
    absl::string_view public_key_pem) {
  return state_->jwt.AddKey(service_account_id, key_id, public_key_pem);
}

void Emulator::SetFaults(FaultSpec faults) {
  state_->faults.Set(std::move(faults));
}

void Emulator::SetOperationDelay(absl::Duration delay) {
  state_->operations.set_delay(delay);
}

std::string Emulator::IssueTokenForTesting(absl::string_view subject) {
  return state_->tokens.Issue(subject).token;
}

}  // namespace clouddesktop::emulator
