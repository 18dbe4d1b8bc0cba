// How to reach the service: endpoints, TLS, credentials, threads, policies.

#ifndef CLOUDDESKTOP_OPTIONS_H_
#define CLOUDDESKTOP_OPTIONS_H_

#include <grpcpp/support/channel_arguments.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/backoff_policy.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/log_sink.h"
#include "clouddesktop/polling_policy.h"
#include "clouddesktop/retry_policy.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The Cloud Desktop API of the public cloud (ConnectionOptions::endpoint).
inline constexpr char kDefaultEndpoint[] =
    "clouddesktops.api.cloud.yandex.net:443";
// OperationService of the public cloud
// (ConnectionOptions::operation_endpoint).
inline constexpr char kDefaultOperationEndpoint[] =
    "operation.api.cloud.yandex.net:443";
// The REST API of the same services (ConnectionOptions::rest_endpoint,
// rest_operation_endpoint). The REST reference gives this host on every
// method's page, e.g.
// https://yandex.cloud/en/docs/cloud-desktop/api-ref/DesktopImage/list
// ("GET https://cloud-desktop.api.cloud.yandex.net/cloud-desktop/v1/images"),
// while the gRPC endpoint above is clouddesktops.api...; operations are
// polled at operation.api.cloud.yandex.net/operations/{operationId}
// (https://yandex.cloud/en/docs/iam/workload/workload-identity/api-ref/Operation/get).
inline constexpr char kDefaultRestEndpoint[] =
    "cloud-desktop.api.cloud.yandex.net:443";
inline constexpr char kDefaultRestOperationEndpoint[] =
    "operation.api.cloud.yandex.net:443";
// Yandex Cloud's ApiEndpointService, for DiscoverEndpoints().
inline constexpr char kDefaultDiscoveryEndpoint[] = "api.cloud.yandex.net:443";

// The wire the connections speak (ConnectionOptions::transport).
enum class TransportKind {
  // gRPC over HTTP/2 to `endpoint` and `operation_endpoint`.
  kGrpc,
  // The REST API (HTTP/1.1 and JSON, over libcurl) to `rest_endpoint` and
  // `rest_operation_endpoint`: for networks whose proxies do not pass
  // HTTP/2. The same clients, operations, waiter, retries, idempotency
  // keys, request ids, credentials, validation and error statuses; only
  // the wire differs. `channel_arguments` do not apply.
  kRest,
};

// Options of MakeConnections. A plain value; every field has a working
// default except `auth`, which a real service needs.
struct ConnectionOptions {
  // host:port of DesktopImageService, DesktopService and DesktopGroupService.
  std::string endpoint = kDefaultEndpoint;
  // host:port of OperationService. When equal to `endpoint`, one channel
  // serves both.
  std::string operation_endpoint = kDefaultOperationEndpoint;

  // Plaintext, no TLS: only for emulators and tests. Off by default.
  bool insecure = false;
  // PEM roots to trust instead of the system's (for a private CA).
  // Empty: the system roots (/etc/ssl/certs/ca-certificates.crt when
  // present, else gRPC's bundled roots). Not empty, it must hold at least
  // one PEM certificate: otherwise every call fails at once with
  // INVALID_ARGUMENT naming this option.
  std::string ca_pem;
  // Passed to both channels (keepalive, message sizes, ...). The library
  // adds its user agent to them.
  grpc::ChannelArguments channel_arguments;
  // The largest response the client accepts, in bytes (gRPC's receive
  // limit on both channels, the HTTP client's body limit over REST;
  // GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH in `channel_arguments` takes
  // precedence). A larger response fails the call at once with
  // RESOURCE_EXHAUSTED saying so (its size, this limit, the method and request
  // ids), never retried: another attempt would get it again; a wait whose
  // Operation is larger ends likewise. The default, gRPC's own 4 MiB, is far
  // above any response of this API (a page of 1,000 desktops is well under 1
  // MiB). Negative: no limit.
  int max_response_bytes = 4 * 1024 * 1024;
  // Prepended to `clouddesktop-cpp/<version>` in the user agent.
  std::string user_agent_prefix;

  // Threads of the connections' shared executor: they run completions,
  // timers, retries, polls and every continuation. No thread is created
  // per call or per waited operation.
  int thread_count = 2;
  // What deadlines, backoff, poll intervals and the executor's timers are
  // measured by. Null: SystemClock(). Tests inject their own to run
  // retries and waits without sleeping.
  std::shared_ptr<const Clock> clock;

  // The most RPCs the connections of one MakeConnections call keep in
  // flight at once (both channels, every service, operation polls
  // included). Calls beyond it wait in a FIFO queue holding only their
  // request (no gRPC call state), their deadlines still counting: one whose
  // deadline passes there fails with DEADLINE_EXCEEDED without being sent,
  // and cancelling one takes it out of the queue. 100 is what HTTP/2
  // servers commonly allow per connection (SETTINGS_MAX_CONCURRENT_STREAMS),
  // beyond which gRPC would queue the calls itself, each with its full call
  // state. Zero or negative: no bound.
  int max_rpcs_in_flight = 100;

  // Attempt deadline of every RPC unless CallOptions::timeout says
  // otherwise (also the deadline of each operation poll).
  absl::Duration rpc_timeout = absl::Seconds(30);
  // Prototypes; see their headers for the defaults.
  std::shared_ptr<const RetryPolicy> retry_policy =
      std::make_shared<LimitedRetryPolicy>();
  std::shared_ptr<const BackoffPolicy> backoff_policy =
      std::make_shared<ExponentialBackoffPolicy>();
  std::shared_ptr<const PollingPolicy> polling_policy =
      std::make_shared<ProportionalPollingPolicy>();

  // Check every request against its .proto validation rules before sending
  // it; a bad request fails with INVALID_ARGUMENT and never leaves the
  // process. CallOptions::validate overrides it per call.
  bool validate_requests = true;
  // Give every mutating call a fresh `idempotency-key` when the caller gave
  // none. Mutating calls are retried only when they carry a key, so turning
  // this off also turns their retries off.
  bool idempotency_keys = true;

  // Bearer tokens. Null: no authorization header (emulators).
  std::shared_ptr<AuthProvider> auth;
  // One record per attempt. Null: none.
  std::shared_ptr<LogSink> log_sink;

  // host:port of ApiEndpointService, for DiscoverEndpoints() (e.g.
  // kDefaultDiscoveryEndpoint). Empty: no discovery; the endpoints above
  // are used as they are.
  std::string discovery_endpoint;

  // Which wire every call takes. gRPC by default.
  TransportKind transport = TransportKind::kGrpc;
  // host:port of the REST API (TransportKind::kRest): Cloud Desktop's
  // services and OperationService.
  // Plain http when `insecure`, else https with `ca_pem`'s roots (or the
  // system's); proxies come from the environment (https_proxy, no_proxy).
  std::string rest_endpoint = kDefaultRestEndpoint;
  std::string rest_operation_endpoint = kDefaultRestOperationEndpoint;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_OPTIONS_H_
