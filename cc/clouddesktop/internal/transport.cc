#include "clouddesktop/internal/transport.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/grpc_callback_thread.h"
#include "clouddesktop/internal/log_environment.h"
#include "clouddesktop/internal/pem.h"
#include "clouddesktop/internal/rest/rest_stubs.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

// Debian's and Ubuntu's bundle (ca-certificates); gRPC's own roots
// otherwise.
std::string SystemRoots() {
  for (const char* path : {"/etc/ssl/certs/ca-certificates.crt",
                           "/etc/pki/tls/certs/ca-bundle.crt"}) {
    std::ifstream in(path);
    if (!in) continue;
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!buffer.str().empty()) return buffer.str();
  }
  return "";
}

bool HasArgument(const grpc::ChannelArguments& args, absl::string_view key) {
  const grpc_channel_args c = args.c_channel_args();
  for (size_t i = 0; i < c.num_args; ++i) {
    if (c.args[i].key != nullptr && key == c.args[i].key) return true;
  }
  return false;
}

}  // namespace

absl::Status CheckConnectionOptions(const ConnectionOptions& options) {
  if (!options.insecure && !options.ca_pem.empty() &&
      !HasPemCertificate(options.ca_pem)) {
    return absl::InvalidArgumentError(
        "ConnectionOptions::ca_pem holds no PEM certificate (no "
        "\"-----BEGIN CERTIFICATE-----\" block): TLS cannot verify the "
        "server");
  }
  return absl::OkStatus();
}

std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(
    const ConnectionOptions& options) {
  if (options.insecure) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.ca_pem.empty() ? SystemRoots() : options.ca_pem;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> MakeChannel(const ConnectionOptions& options,
                                           const std::string& endpoint) {
  grpc::ChannelArguments args = options.channel_arguments;
  if (!HasArgument(args, GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH)) {
    args.SetMaxReceiveMessageSize(std::max(options.max_response_bytes, -1));
  }
  args.SetUserAgentPrefix(
      options.user_agent_prefix.empty()
          ? UserAgent()
          : absl::StrCat(options.user_agent_prefix, " ", UserAgent()));
  return grpc::CreateCustomChannel(endpoint, MakeChannelCredentials(options),
                                   args);
}

Transport::Transport(ConnectionOptions options)
    : options_(WithEnvironmentLogging(std::move(options))),
      config_status_(CheckConnectionOptions(options_)),
      executor_(Executor::Create(options_.thread_count, options_.clock)),
      limiter_(std::make_unique<RpcLimiter>(options_.max_rpcs_in_flight)) {
  if (options_.transport == TransportKind::kRest) {
    absl::StatusOr<Stubs> rest =
        rest_internal::MakeRestStubs(options_, executor_->clock());
    if (rest.ok()) {
      stubs_ = DecorateStubs(*std::move(rest), options_, executor_);
    } else if (config_status_.ok()) {
      // No HTTP client (libcurl could not start): every call fails with
      // it at once, as with a bad ca_pem, and no Stub is ever reached.
      config_status_ = rest.status();
    }
    return;
  }
  channel_ = MakeChannel(options_, options_.endpoint);
  operation_channel_ = options_.operation_endpoint == options_.endpoint
                           ? channel_
                           : MakeChannel(options_, options_.operation_endpoint);
  stubs_ = MakeGrpcStubs(options_, executor_, channel_, operation_channel_);
}

Transport::Transport(ConnectionOptions options,
                     std::shared_ptr<grpc::Channel> channel)
    : options_(WithEnvironmentLogging(std::move(options))),
      executor_(Executor::Create(options_.thread_count, options_.clock)),
      limiter_(std::make_unique<RpcLimiter>(options_.max_rpcs_in_flight)),
      channel_(channel),
      operation_channel_(std::move(channel)) {
  stubs_ = MakeGrpcStubs(options_, executor_, channel_, operation_channel_);
}

Transport::Transport(ConnectionOptions options, Stubs transport_stubs)
    : options_(WithEnvironmentLogging(std::move(options))),
      executor_(Executor::Create(options_.thread_count, options_.clock)),
      limiter_(std::make_unique<RpcLimiter>(options_.max_rpcs_in_flight)) {
  stubs_ = DecorateStubs(std::move(transport_stubs), options_, executor_);
}

Transport::~Transport() { executor_->Shutdown(); }

void DestroyTransport(Transport* transport) {
  if (!InGrpcCallback()) {
    delete transport;
    return;
  }
  // The executor outlives the task: its workers hold it until Shutdown,
  // which ~Transport calls from the task (the worker then detaches itself).
  transport->executor()->Post([transport] { delete transport; });
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
