#include "clouddesktop/internal/rest/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

// Longest sleep of the event loop when libcurl has no timer due: a safety
// net only, since Send, TryCancel and shutdown wake it.
constexpr int kMaxPollMillis = 1000;

void InitCurlOnce() {
  // Thread-safe since libcurl 7.84 (Debian 12 has 7.88); the static makes
  // it once per process anyway.
  static const bool initialized = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)initialized;
}

// A header line or value that would split into two (CR, LF) or end early
// (NUL): header injection.
bool IsSafeHeaderText(absl::string_view text) {
  return text.find_first_of(absl::string_view("\r\n\0", 3)) ==
         absl::string_view::npos;
}

absl::StatusCode CodeOfCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return absl::StatusCode::kDeadlineExceeded;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return absl::StatusCode::kInvalidArgument;
    case CURLE_OUT_OF_MEMORY:
      return absl::StatusCode::kResourceExhausted;
    default:
      // Resolving, connecting, TLS, a connection lost mid-call: what gRPC
      // reports as UNAVAILABLE too.
      return absl::StatusCode::kUnavailable;
  }
}

}  // namespace

absl::string_view HttpResponse::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return absl::string_view();
}

std::string HostPortOf(absl::string_view url) {
  std::string out(url);
  CURLU* parsed = curl_url();
  if (parsed == nullptr) return out;
  std::string copy(url);
  if (curl_url_set(parsed, CURLUPART_URL, copy.c_str(), 0) == CURLUE_OK) {
    char* host = nullptr;
    char* port = nullptr;
    if (curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
            CURLUE_OK) {
      out = absl::StrCat(host, ":", port);
    }
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(parsed);
  return out;
}

// One call: its request, what has come back so far, and its callback. Owned
// by the Impl's queues and table while in flight, and by the caller's
// cancel handle.
class CurlCall final : public HttpCancelHandle,
                       public std::enable_shared_from_this<CurlCall> {
 public:
  CurlCall(std::weak_ptr<CurlHttpClient::Impl> impl, HttpRequest request,
           HttpCallback done)
      : impl_(std::move(impl)),
        request(std::move(request)),
        done(std::move(done)) {}

  void TryCancel() override;

  const std::weak_ptr<CurlHttpClient::Impl> impl_;
  // Everything below belongs to whichever thread holds the call: the
  // sender until it is queued, then the event thread.
  HttpRequest request;
  HttpCallback done;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  HttpResponse response;
  int64_t max_body = -1;
  size_t body_seen = 0;  // bytes received when the limit cut the transfer
  bool too_large = false;
};

class CurlHttpClient::Impl {
 public:
  Impl(CURLM* multi, CurlHttpClientOptions options)
      : multi_(multi), options_(std::move(options)) {}
  ~Impl() { curl_multi_cleanup(multi_); }

  // Queues `call`; false once the client is shutting down.
  bool Enqueue(std::shared_ptr<CurlCall> call) {
    {
      internal::MutexLock lock(&mu_);
      if (stopping_) return false;
      pending_.push_back(std::move(call));
    }
    curl_multi_wakeup(multi_);
    return true;
  }

  void Cancel(std::shared_ptr<CurlCall> call) {
    {
      internal::MutexLock lock(&mu_);
      if (stopped_) return;
      cancels_.push_back(std::move(call));
    }
    curl_multi_wakeup(multi_);
  }

  void Stop() {
    {
      internal::MutexLock lock(&mu_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
  }

  // The event loop; returns once Stop has been called and every call is
  // complete.
  void Run();

  std::atomic<int> calls{0};

 private:
  void Start(const std::shared_ptr<CurlCall>& call);
  void OnDone(CURL* easy, CURLcode rc);
  // Takes `call` out of libcurl and the table, then runs its callback.
  void Finish(std::shared_ptr<CurlCall> call,
              absl::StatusOr<HttpResponse> result);

  CURLM* const multi_;
  const CurlHttpClientOptions options_;

  internal::Mutex mu_;
  std::vector<std::shared_ptr<CurlCall>> pending_ ABSL_GUARDED_BY(mu_);
  std::vector<std::shared_ptr<CurlCall>> cancels_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;

  // The calls libcurl has (event thread only).
  absl::flat_hash_set<std::shared_ptr<CurlCall>> active_;
};

void CurlCall::TryCancel() {
  if (std::shared_ptr<CurlHttpClient::Impl> impl = impl_.lock()) {
    impl->Cancel(shared_from_this());
  }
}

namespace {

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* call = static_cast<CurlCall*>(user);
  const size_t n = size * count;
  if (call->max_body >= 0 &&
      call->response.body.size() + n > static_cast<size_t>(call->max_body)) {
    call->too_large = true;
    call->body_seen = call->response.body.size() + n;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  call->response.body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* call = static_cast<CurlCall*>(user);
  const size_t n = size * count;
  absl::string_view line(data, n);
  if (absl::StartsWith(line, "HTTP/")) {
    // A new response begins (after a 100 Continue, or a proxy's answer to
    // CONNECT): keep only the final one's headers.
    call->response.headers.clear();
    return n;
  }
  size_t colon = line.find(':');
  if (colon == absl::string_view::npos) return n;
  call->response.headers.emplace_back(
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, colon))),
      std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
  return n;
}

}  // namespace

void CurlHttpClient::Impl::Start(const std::shared_ptr<CurlCall>& call) {
  HttpRequest& r = call->request;
  const absl::Duration left = r.deadline - absl::Now();
  if (left <= absl::ZeroDuration()) {
    Finish(call, absl::DeadlineExceededError(
                     absl::StrCat(r.method, " ", HostPortOf(r.url),
                                  ": the deadline passed before sending")));
    return;
  }
  CURL* easy = curl_easy_init();
  if (easy == nullptr) {
    Finish(call, absl::ResourceExhaustedError(
                     "libcurl cannot make a handle (out of memory)"));
    return;
  }
  call->easy = easy;
  call->max_body = options_.max_response_bytes;
  curl_easy_setopt(easy, CURLOPT_PRIVATE, call.get());
  curl_easy_setopt(easy, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, call->error);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, call.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, call.get());
  if (left != absl::InfiniteDuration()) {
    curl_easy_setopt(
        easy, CURLOPT_TIMEOUT_MS,
        static_cast<long>(  // NOLINT(runtime/int): curl's type
            std::max<int64_t>(1, absl::ToInt64Milliseconds(absl::Ceil(
                                     left, absl::Milliseconds(1))))));
  }
  if (!options_.user_agent.empty()) {
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  }
  if (!options_.ca_pem.empty()) {
    curl_blob blob;
    blob.data = const_cast<char*>(options_.ca_pem.data());
    blob.len = options_.ca_pem.size();
    blob.flags = CURL_BLOB_NOCOPY;  // options_ outlives every handle
    curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob);
  }
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.use_environment_proxy) {
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
  }
  if (options_.connect_timeout > absl::ZeroDuration()) {
    curl_easy_setopt(
        easy, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(  // NOLINT(runtime/int): curl's type
            std::max<int64_t>(
                1, absl::ToInt64Milliseconds(absl::Ceil(
                       options_.connect_timeout, absl::Milliseconds(1))))));
  }

  if (r.method == "GET") {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    if (r.method != "POST") {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    if (!r.body.empty() || r.method == "POST" || r.method == "PUT" ||
        r.method == "PATCH") {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(r.body.size()));
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r.body.data());
    }
  }
  for (const auto& [name, value] : r.headers) {
    // "Name;" is libcurl's way of sending a header with an empty value.
    std::string line = value.empty() ? absl::StrCat(name, ";")
                                     : absl::StrCat(name, ": ", value);
    call->header_list = curl_slist_append(call->header_list, line.c_str());
  }
  // No "Expect: 100-continue" round trip before large bodies.
  call->header_list = curl_slist_append(call->header_list, "Expect:");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, call->header_list);

  active_.insert(call);
  CURLMcode mc = curl_multi_add_handle(multi_, easy);
  if (mc != CURLM_OK) {
    Finish(call,
           absl::InternalError(absl::StrCat("libcurl cannot start the call: ",
                                            curl_multi_strerror(mc))));
  }
}

void CurlHttpClient::Impl::OnDone(CURL* easy, CURLcode rc) {
  CurlCall* raw = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &raw);
  if (raw == nullptr) return;
  std::shared_ptr<CurlCall> call = raw->shared_from_this();
  if (!active_.contains(call)) return;
  const std::string where =
      absl::StrCat(call->request.method, " ", HostPortOf(call->request.url));
  if (call->too_large) {
    // The size: Content-Length when the server sent one, else what came
    // before the transfer was cut (a lower bound).
    curl_off_t length = -1;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    const int64_t size =
        std::max<int64_t>(length, static_cast<int64_t>(call->body_seen));
    // gRPC's own words for its receive limit, so that the layers above
    // (internal/message_size.h) tell it from a server's RESOURCE_EXHAUSTED
    // the same way on both transports: explained, and never retried.
    Finish(call, absl::ResourceExhaustedError(absl::StrCat(
                     where, ": Received message larger than max (", size,
                     " vs. ", options_.max_response_bytes, ")")));
    return;
  }
  if (rc != CURLE_OK) {
    absl::string_view detail = call->error[0] != '\0'
                                   ? absl::string_view(call->error)
                                   : curl_easy_strerror(rc);
    absl::StatusCode code = CodeOfCurlError(rc);
    Finish(
        call,
        absl::Status(
            code, absl::StrCat(
                      where,
                      code == absl::StatusCode::kDeadlineExceeded
                          ? ": the deadline passed ("
                          : ": ",
                      "libcurl: ", detail,
                      code == absl::StatusCode::kDeadlineExceeded ? ")" : "")));
    return;
  }
  long status = 0;  // NOLINT(runtime/int): curl's type
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  char* ip = nullptr;
  long port = 0;  // NOLINT(runtime/int): curl's type
  curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
  curl_easy_getinfo(easy, CURLINFO_PRIMARY_PORT, &port);
  HttpResponse response = std::move(call->response);
  response.status = static_cast<int>(status);
  if (ip != nullptr && *ip != '\0') {
    absl::string_view address(ip);
    response.peer = absl::StrContains(address, ':')
                        ? absl::StrCat("ipv6:[", address, "]:", port)
                        : absl::StrCat("ipv4:", address, ":", port);
  }
  Finish(call, std::move(response));
}

void CurlHttpClient::Impl::Finish(std::shared_ptr<CurlCall> call,
                                  absl::StatusOr<HttpResponse> result) {
  if (call->easy != nullptr) {
    curl_multi_remove_handle(multi_, call->easy);
    curl_easy_cleanup(call->easy);
    call->easy = nullptr;
  }
  curl_slist_free_all(call->header_list);
  call->header_list = nullptr;
  active_.erase(call);
  HttpCallback done = std::move(call->done);
  // The request (its authorization header) and buffers go before the
  // result is delivered; the handle may keep the empty shell.
  call->request = HttpRequest();
  call->response = HttpResponse();
  call.reset();
  calls.fetch_sub(1, std::memory_order_relaxed);
  if (done) std::move(done)(std::move(result));
}

void CurlHttpClient::Impl::Run() {
  for (;;) {
    std::vector<std::shared_ptr<CurlCall>> incoming;
    std::vector<std::shared_ptr<CurlCall>> cancels;
    bool stopping = false;
    {
      internal::MutexLock lock(&mu_);
      incoming.swap(pending_);
      cancels.swap(cancels_);
      stopping = stopping_;
      if (stopping) stopped_ = true;
    }
    if (stopping) {
      for (auto& call : incoming) {
        Finish(std::move(call),
               absl::CancelledError("the HTTP client is shutting down"));
      }
      while (!active_.empty()) {
        Finish(*active_.begin(),
               absl::CancelledError("the HTTP client is shutting down"));
      }
      return;
    }
    for (const auto& call : incoming) Start(call);
    for (const auto& call : cancels) {
      if (active_.contains(call)) {
        std::string where = absl::StrCat(call->request.method, " ",
                                         HostPortOf(call->request.url));
        Finish(call, absl::CancelledError(
                         absl::StrCat(where, ": cancelled by the caller")));
      }
    }
    int running = 0;
    curl_multi_perform(multi_, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg == CURLMSG_DONE) OnDone(msg->easy_handle, msg->data.result);
    }
    // Returns early on socket activity, libcurl's own timers and
    // curl_multi_wakeup.
    curl_multi_poll(multi_, nullptr, 0, kMaxPollMillis, nullptr);
  }
}

CurlHttpClient::CurlHttpClient(std::shared_ptr<Impl> impl)
    : impl_(std::move(impl)) {
  // The thread holds the Impl: it may outlive this object (see the
  // destructor).
  thread_ = std::thread([impl = impl_] { impl->Run(); });
}

absl::StatusOr<std::unique_ptr<CurlHttpClient>> CurlHttpClient::Create(
    CurlHttpClientOptions options) {
  InitCurlOnce();
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) {
    return absl::InternalError("libcurl cannot make a multi handle");
  }
  if (options.max_connections_per_host > 0) {
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(  // NOLINT(runtime/int)
                          options.max_connections_per_host));
  }
  return std::unique_ptr<CurlHttpClient>(
      new CurlHttpClient(std::make_shared<Impl>(multi, std::move(options))));
}

CurlHttpClient::~CurlHttpClient() {
  impl_->Stop();
  if (thread_.get_id() == std::this_thread::get_id()) {
    // The last owner let go inside a callback (a connection released on
    // the event thread once its last call completed): the loop cancels
    // what is left once that callback returns, then ends. Joining here
    // would wait for ourselves.
    thread_.detach();
  } else {
    thread_.join();
  }
}

int CurlHttpClient::active_calls() const {
  return impl_->calls.load(std::memory_order_relaxed);
}

std::shared_ptr<HttpCancelHandle> CurlHttpClient::Send(HttpRequest request,
                                                       HttpCallback done) {
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || !IsSafeHeaderText(name) || !IsSafeHeaderText(value) ||
        absl::StrContains(name, ':')) {
      // The value is not quoted: it may be a token.
      std::move(done)(absl::InvalidArgumentError(absl::StrCat(
          request.method, " ", HostPortOf(request.url), ": header '", name,
          "' has a name or value HTTP cannot carry (CR, LF, NUL or ':')")));
      return std::make_shared<CurlCall>(std::weak_ptr<Impl>(), HttpRequest(),
                                        HttpCallback());
    }
  }
  impl_->calls.fetch_add(1, std::memory_order_relaxed);
  auto call =
      std::make_shared<CurlCall>(impl_, std::move(request), std::move(done));
  if (!impl_->Enqueue(call)) {
    impl_->calls.fetch_sub(1, std::memory_order_relaxed);
    HttpCallback cb = std::move(call->done);
    std::string where =
        absl::StrCat(call->request.method, " ", HostPortOf(call->request.url));
    call->request = HttpRequest();
    std::move(cb)(absl::CancelledError(
        absl::StrCat(where, ": the HTTP client is shutting down")));
  }
  return call;
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
