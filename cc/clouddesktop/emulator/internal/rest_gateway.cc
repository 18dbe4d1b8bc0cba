#include "clouddesktop/emulator/internal/rest_gateway.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/emulator/internal/listen_address.h"
#include "clouddesktop/internal/rest/json.h"
#include "clouddesktop/internal/rest/request.h"
#include "clouddesktop/internal/rest/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace pb = ::google::protobuf;
namespace rest = ::clouddesktop::rest_internal;

constexpr size_t kMaxBody = 4 << 20;  // gRPC's default message limit

// Request headers that describe the HTTP exchange itself (or that gRPC
// sets), never forwarded as metadata; httplib adds the REMOTE_/LOCAL_
// pseudo-headers.
bool IsHopHeader(absl::string_view name) {
  static const char* const kNames[] = {
      "host",
      "content-length",
      "content-type",
      "connection",
      "accept",
      "accept-encoding",
      "user-agent",
      "transfer-encoding",
      "te",
      "keep-alive",
      "expect",
      "upgrade",
      "remote_addr",
      "remote_port",
      "local_addr",
      "local_port",
      "proxy-connection",
      "proxy-authorization",
  };
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return absl::StartsWith(name, "grpc-") || absl::StartsWith(name, ":");
}

bool IsMetadataKey(absl::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-' ||
          c == '_' || c == '.')) {
      return false;
    }
  }
  return !absl::EndsWith(key, "-bin");
}

bool IsMetadataValue(absl::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

void SendError(httplib::Response& response, int code, std::string message) {
  google::rpc::Status status;
  status.set_code(code);
  status.set_message(std::move(message));
  response.status = rest::HttpStatusForCode(code);
  response.set_content(rest::ErrorJson(status), "application/json");
}

std::string ToString(const grpc::string_ref& s) {
  return std::string(s.data(), s.size());
}

void CopyMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
    httplib::Response& response) {
  for (const auto& [k, v] : metadata) {
    std::string key = ToString(k);
    if (absl::StartsWith(key, "grpc-") || absl::EndsWith(key, "-bin") ||
        key == "content-type") {
      continue;
    }
    response.set_header(key, ToString(v));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RestGateway>> RestGateway::Start(
    const Options& options, grpc::Server* server,
    const std::vector<std::string>& services) {
  rest::InitRestJson();  // before the server's threads start: see json.h
  std::unique_ptr<RestGateway> gateway(new RestGateway());
  for (const std::string& name : services) {
    const pb::ServiceDescriptor* service =
        pb::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) {
      return absl::InternalError(absl::StrCat("no descriptor for ", name));
    }
    absl::StatusOr<std::vector<rest::HttpBinding>> bindings =
        rest::BindingsOf(*service);
    if (!bindings.ok()) return bindings.status();
    for (rest::HttpBinding& b : *bindings) {
      gateway->bindings_.push_back(std::move(b));
    }
  }
  gateway->channel_ = server->InProcessChannel(grpc::ChannelArguments());
  gateway->stub_ = std::make_unique<grpc::GenericStub>(gateway->channel_);

  if (options.tls_cert_file.empty()) {
    gateway->http_ = std::make_unique<httplib::Server>();
  } else {
    auto https = std::make_unique<httplib::SSLServer>(
        options.tls_cert_file.c_str(), options.tls_key_file.c_str());
    if (!https->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "HTTPS: cannot use the certificate ", options.tls_cert_file,
          " with the key ", options.tls_key_file));
    }
    gateway->http_ = std::move(https);
  }
  httplib::Server& http = *gateway->http_;
  http.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  // httplib's default also sets SO_REUSEPORT, which would let a second
  // emulator bind the same port silently.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Idle keep-alive connections hold a thread: let them go soon, so Stop
  // is quick.
  http.set_keep_alive_timeout(1);
  // httplib's defaults close a kept-alive connection after 5 requests and
  // leave Nagle on: a client reusing its connection (libcurl's REST
  // transport) then waits 40 ms for a delayed ACK on every response.
  http.set_keep_alive_max_count(100000);
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(kMaxBody);
  RestGateway* self = gateway.get();
  auto handler = [self](const httplib::Request& req, httplib::Response& res) {
    self->Handle(req, res);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Patch(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);

  int port = options.port;
  bool bound = false;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
    bound = port > 0;
  } else {
    bound = http.bind_to_port(options.host, port);
  }
  if (!bound) {
    // httplib does not say why: ask the system with a socket of our own.
    BoundSocket probe = BindTcp(options.host, options.port, 0);
    std::string why =
        probe.fd >= 0 ? "cannot bind" : DescribeSocketError(probe.error);
    if (probe.fd >= 0) close(probe.fd);
    return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ",
                                               options.host, ":", options.port,
                                               ": ", why));
  }
  gateway->port_ = port;
  gateway->thread_ = std::thread([self] { self->http_->listen_after_bind(); });
  // httplib's stop() does nothing until the listen loop has marked itself
  // running: a Stop right after Start would leave the thread listening and
  // the join hanging. Return only once it runs.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!http.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      http.stop();
      return absl::UnavailableError(absl::StrCat(
          "the HTTP server on ", options.host, ":", port, " did not start"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return gateway;
}

RestGateway::~RestGateway() { Stop(); }

void RestGateway::Stop() {
  if (!thread_.joinable()) return;
  http_->stop();
  thread_.join();
}

void RestGateway::Handle(const httplib::Request& request,
                         httplib::Response& response) {
  // The most specific binding whose verb and path fit.
  const rest::HttpBinding* binding = nullptr;
  rest::PathTemplate::Bindings path_values;
  std::vector<std::string> other_verbs;
  for (const rest::HttpBinding& b : bindings_) {
    std::optional<rest::PathTemplate::Bindings> m = b.path.Match(request.path);
    if (!m.has_value()) continue;
    if (b.verb != request.method) {
      other_verbs.push_back(b.verb);
      continue;
    }
    if (binding == nullptr ||
        b.path.literal_count() > binding->path.literal_count()) {
      binding = &b;
      path_values = *std::move(m);
    }
  }
  if (binding == nullptr) {
    if (!other_verbs.empty()) {
      SendError(
          response, 12,
          absl::StrCat(request.method, " is not a method of ", request.path,
                       "; it takes ", absl::StrJoin(other_verbs, ", ")));
      response.status = 405;
      response.set_header("Allow", absl::StrJoin(other_verbs, ", "));
      return;
    }
    SendError(
        response, 5,
        absl::StrCat("no REST method at ", request.method, " ", request.path));
    return;
  }
  const pb::MethodDescriptor& method = *binding->method;
  const pb::Message* prototype =
      pb::MessageFactory::generated_factory()->GetPrototype(
          method.input_type());
  const pb::Message* response_prototype =
      pb::MessageFactory::generated_factory()->GetPrototype(
          method.output_type());
  std::unique_ptr<pb::Message> message(prototype->New());
  // From the URL only: httplib also puts a form-encoded body (curl -d
  // without a Content-Type) into `params`.
  size_t question = request.target.find('?');
  absl::StatusOr<rest::QueryParams> query = rest::ParseQuery(
      question == std::string::npos
          ? absl::string_view()
          : absl::string_view(request.target).substr(question + 1));
  if (!query.ok()) {
    SendError(response, 3, std::string(query.status().message()));
    return;
  }
  absl::Status merged = rest::MergeHttpRequest(*binding, path_values, *query,
                                               request.body, message.get());
  if (!merged.ok()) {
    SendError(response, static_cast<int>(merged.code()),
              absl::StrCat(method.service()->name(), ".", method.name(), ": ",
                           merged.message()));
    return;
  }

  grpc::ClientContext context;
  for (const auto& [name, value] : request.headers) {
    std::string key = absl::AsciiStrToLower(name);
    if (IsHopHeader(key)) continue;
    if (!IsMetadataKey(key) || !IsMetadataValue(value)) {
      SendError(response, 3,
                absl::StrCat("header ", name,
                             " cannot be passed on as gRPC "
                             "metadata (non-ASCII, or a binary -bin key)"));
      return;
    }
    context.AddMetadata(key, value);
  }
  std::string serialized = message->SerializeAsString();
  grpc::Slice slice(serialized);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::Status status;
  {
    // A private queue: the call is finished, and gRPC done with it, when
    // Next returns; nothing outlives this block.
    grpc::CompletionQueue cq;
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        stub_->PrepareUnaryCall(&context,
                                absl::StrCat("/", method.service()->full_name(),
                                             "/", method.name()),
                                request_buffer, &cq);
    call->StartCall();
    call->Finish(&response_buffer, &status, this);
    void* tag = nullptr;
    bool ok = false;
    cq.Next(&tag, &ok);
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
  }
  CopyMetadata(context.GetServerInitialMetadata(), response);
  CopyMetadata(context.GetServerTrailingMetadata(), response);
  if (!status.ok()) {
    google::rpc::Status details;
    if (status.error_details().empty() ||
        !details.ParseFromString(status.error_details())) {
      details.Clear();
      details.set_code(status.error_code());
      details.set_message(status.error_message());
    }
    response.status = rest::HttpStatusForCode(status.error_code());
    response.set_content(rest::ErrorJson(details), "application/json");
    return;
  }
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (response_buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  std::unique_ptr<pb::Message> answer(response_prototype->New());
  if (!answer->ParseFromString(bytes)) {
    SendError(response, 13,
              absl::StrCat(method.full_name(), ": cannot parse the answer"));
    return;
  }
  absl::StatusOr<std::string> json = rest::ToRestJson(*answer);
  if (!json.ok()) {
    SendError(response, 13, std::string(json.status().message()));
    return;
  }
  response.status = 200;
  response.set_content(*std::move(json), "application/json");
}

}  // namespace clouddesktop::emulator::internal
