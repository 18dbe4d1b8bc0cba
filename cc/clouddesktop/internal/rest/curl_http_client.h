// An asynchronous HTTP/1.1 client over libcurl's multi interface: the wire
// of the REST transport (rest_transport.h).
//
// One event thread per client drives every transfer (curl_multi_poll, woken
// by curl_multi_wakeup when a call is sent or cancelled): no thread per call.
// Connections are kept alive and reused by the multi handle's connection
// cache. Proxies come from the environment as libcurl reads them
// (`http_proxy`, `https_proxy` / `HTTPS_PROXY`, `all_proxy`, `no_proxy`):
// nothing to configure here, and a corporate proxy that passes only
// HTTP/1.1 carries these calls.
//
// Thread safety: Send and CancelHandle::TryCancel may be called from any
// thread, concurrently. Callbacks run on the event thread, one at a time:
// they must not block (they may call Send), and must not destroy the
// client.
//
// Secrets: request headers (authorization) are never logged and never
// appear in an error; errors name the method, the URL's host:port and
// libcurl's own description.

#ifndef CLOUDDESKTOP_INTERNAL_REST_CURL_HTTP_CLIENT_H_
#define CLOUDDESKTOP_INTERNAL_REST_CURL_HTTP_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;   // "GET", "POST", "PATCH", "DELETE", ...
  std::string url;      // absolute: "https://host[:port]/path?query"
  HttpHeaders headers;  // sent as given, in order
  std::string body;     // sent when not empty (and always for POST/PUT/PATCH)
  // The call fails with DEADLINE_EXCEEDED when it passes (connecting
  // included); one already past fails at once, without sending anything.
  absl::Time deadline = absl::InfiniteFuture();
};

struct HttpResponse {
  int status = 0;  // 200, 404, ...
  // Names lower-cased, values trimmed, in the order received (the final
  // response's only: not a 100 Continue's or a proxy's CONNECT answer's).
  HttpHeaders headers;
  std::string body;
  // The server's address as gRPC writes a peer: "ipv4:127.0.0.1:8080",
  // "ipv6:[::1]:8080".
  std::string peer;

  // The first value of header `name` (lower case), or an empty view.
  absl::string_view Header(absl::string_view name) const;
};

// Called exactly once per Send: with the response whatever its HTTP status,
// or with UNAVAILABLE (no connection, TLS failure, connection lost: the
// message names host:port and libcurl's error), DEADLINE_EXCEEDED,
// CANCELLED (TryCancel, or the client destroyed), RESOURCE_EXHAUSTED (the
// body is over max_response_bytes), INVALID_ARGUMENT (a malformed URL).
using HttpCallback = absl::AnyInvocable<void(absl::StatusOr<HttpResponse>)>;

// Cancels one call. Thread-safe; safe after the call completed (then a
// no-op) and after the client is gone.
class HttpCancelHandle {
 public:
  virtual ~HttpCancelHandle() = default;
  // The call completes with CANCELLED soon, unless it completed already.
  virtual void TryCancel() = 0;
};

struct CurlHttpClientOptions {
  // PEM certificates to trust for https URLs instead of the system's
  // bundle (libcurl's default, /etc/ssl/certs/ca-certificates.crt on
  // Debian). Peer and host verification are always on.
  std::string ca_pem;
  // The User-Agent header; empty: libcurl sends none.
  std::string user_agent;
  // The largest response body accepted, in bytes; negative: no limit.
  int64_t max_response_bytes = 4 * 1024 * 1024;
  // HTTP/1.1 carries one call per connection at a time: at most this many
  // connections per host:port (browsers keep to six); further calls wait
  // in libcurl's queue for one, their deadlines counting. A server that
  // serves a fixed number of connections at once (the emulator's REST
  // gateway: 8) stalls the calls sent on the connections beyond it until
  // one of its own goes idle. Zero: no limit.
  int max_connections_per_host = 8;
  // Whether the environment's proxies apply (above). False: every call goes
  // direct, whatever the environment says: for a link-local service whose
  // answers (tokens) must not pass through, or be sent to, a proxy.
  bool use_environment_proxy = true;
  // The longest a connection may take to set up (TCP, and TLS for https),
  // within each call's deadline; zero: libcurl's default (300 s).
  absl::Duration connect_timeout = absl::ZeroDuration();
};

class CurlHttpClient {
 public:
  // Starts the event thread. INTERNAL if libcurl cannot make a multi
  // handle.
  static absl::StatusOr<std::unique_ptr<CurlHttpClient>> Create(
      CurlHttpClientOptions options);

  // Completes every call still in flight (or queued) with CANCELLED and
  // joins the event thread: no callback runs after it returns. From a
  // callback (on the event thread itself) it cannot join: the remaining
  // calls are then cancelled, and their callbacks run, right after that
  // callback returns.
  ~CurlHttpClient();
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // Queues `request` for the event thread and returns at once. `done` runs
  // on the event thread (or inline, on the caller's, for a request that
  // fails before it is queued: a deadline already passed, a client being
  // destroyed). Cost: one heap allocation for the call plus libcurl's easy
  // handle; no thread.
  std::shared_ptr<HttpCancelHandle> Send(HttpRequest request,
                                         HttpCallback done);

  // Calls in flight or queued (for tests and metrics).
  int active_calls() const;

  class Impl;  // public for the .cc's helpers only

 private:
  explicit CurlHttpClient(std::shared_ptr<Impl> impl);

  std::shared_ptr<Impl> impl_;
  std::thread thread_;
};

// "host:port" of `url` (the port the scheme implies when none is given),
// or the URL itself when it does not parse: for error messages.
std::string HostPortOf(absl::string_view url);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_CURL_HTTP_CLIENT_H_
