#include "clouddesktop/credentials/internal/metadata_client.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/backoff.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

// Real answers are a few hundred bytes.
constexpr size_t kMaxBody = 64 * 1024;
// Longer than any token the service issues; keeps the arithmetic sane.
constexpr double kMaxExpiresInSeconds = 7 * 24 * 3600.0;

void Wipe(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

bool ValidAddress(absl::string_view address) {
  if (address.empty() || address.front() == '-' || address.front() == ':') {
    return false;
  }
  return std::all_of(address.begin(), address.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
           c == '-' || c == ':' || c == '[' || c == ']';
  });
}

std::string Quote(absl::string_view value) {
  if (value.size() > 32) return "(a long value)";
  for (char c : value) {
    if (!absl::ascii_isprint(static_cast<unsigned char>(c))) {
      return "(a non-printable value)";
    }
  }
  return absl::StrCat("\"", value, "\"");
}

void InitCurlOnce() {
  static const bool initialized = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)initialized;
}

struct Body {
  std::string data;
  bool too_large = false;
};

size_t WriteBody(char* ptr, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  const size_t n = size * count;
  if (body->data.size() + n > kMaxBody) {
    body->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  body->data.append(ptr, n);
  return n;
}

long ToMillis(absl::Duration d) {  // NOLINT(runtime/int): curl's type
  return static_cast<long>(        // NOLINT(runtime/int)
      std::max<int64_t>(1, absl::ToInt64Milliseconds(d)));
}

}  // namespace

absl::StatusOr<std::string> ResolveMetadataAddress(
    const CredentialsOptions& options) {
  std::string address = options.metadata_address;
  std::string from = "CredentialsOptions::metadata_address";
  if (address.empty()) {
    const char* env = std::getenv(kMetadataAddressEnvVar);
    if (env != nullptr && *env != '\0') {
      address = env;
      from = absl::StrCat("$", kMetadataAddressEnvVar);
    } else {
      address = kDefaultMetadataAddress;
    }
  }
  if (!ValidAddress(address)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the compute metadata service address ", Quote(address),
                     " (from ", from,
                     ") is not host[:port] (letters, digits, '.', '-', ':', "
                     "and [] around an IPv6 address)"));
  }
  return address;
}

absl::StatusOr<FetchedToken> ParseMetadataToken(absl::string_view body,
                                                absl::Time issued_at,
                                                absl::string_view source) {
  auto problem = [source](absl::string_view what) {
    return absl::InternalError(absl::StrCat(source, ": ", what));
  };
  nlohmann::json json = nlohmann::json::parse(body.begin(), body.end(),
                                              /*cb=*/nullptr,
                                              /*allow_exceptions=*/false);
  struct WipeToken {
    nlohmann::json& j;
    ~WipeToken() {
      auto it = j.find("access_token");
      if (it != j.end() && it->is_string()) Wipe(it->get_ref<std::string&>());
    }
  } wipe{json};
  if (json.is_discarded()) return problem("the answer is not valid JSON");
  if (!json.is_object()) return problem("the answer is not a JSON object");

  auto token = json.find("access_token");
  if (token == json.end() || !token->is_string() ||
      token->get_ref<const std::string&>().empty()) {
    return problem("the answer has no access_token string");
  }
  auto expires_in = json.find("expires_in");
  if (expires_in == json.end() || !expires_in->is_number()) {
    return problem("the answer has no expires_in number");
  }
  const double seconds = expires_in->get<double>();
  if (!(seconds > 0)) {
    return problem(absl::StrCat("expires_in is ", seconds, ", not positive"));
  }
  const absl::Duration lifetime =
      absl::Seconds(std::min(seconds, kMaxExpiresInSeconds));
  if (lifetime <= absl::ZeroDuration()) {
    // Positive, but below absl::Duration's resolution: expired as issued.
    return problem(
        absl::StrCat("expires_in is ", seconds, ", shorter than a nanosecond"));
  }
  auto type = json.find("token_type");
  if (type != json.end()) {
    if (!type->is_string()) return problem("token_type is not a string");
    const auto& value = type->get_ref<const std::string&>();
    if (!absl::EqualsIgnoreCase(value, "Bearer")) {
      return problem(
          absl::StrCat("token_type is ", Quote(value), ", not Bearer"));
    }
  }
  FetchedToken result;
  result.value = token->get<std::string>();
  result.issued_at = issued_at;
  result.expires_at = issued_at + lifetime;
  return result;
}

struct MetadataTokenFetcher::Attempt {
  enum Kind { kOk, kRetry, kFail, kCancelled };
  Kind kind = kFail;
  absl::Status status;  // kRetry, kFail: the problem, without the source
  std::string body;     // kOk
};

MetadataTokenFetcher::MetadataTokenFetcher(std::string address,
                                           const CredentialsOptions& options,
                                           std::shared_ptr<const Clock> clock)
    : address_(std::move(address)),
      url_(absl::StrCat("http://", address_, kMetadataTokenPath)),
      source_(absl::StrCat(
          "getting an IAM token from the compute metadata service at ",
          address_)),
      connect_timeout_(options.metadata_connect_timeout),
      timeout_(options.metadata_timeout),
      attempts_(std::max(1, options.metadata_attempts)),
      initial_backoff_(options.metadata_initial_backoff),
      clock_(std::move(clock)) {
  InitCurlOnce();
}

MetadataTokenFetcher::Attempt MetadataTokenFetcher::GetOnce() {
  Attempt attempt;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy(curl_easy_init(),
                                                           &curl_easy_cleanup);
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(
      curl_multi_init(), &curl_multi_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, "Metadata-Flavor: Google"),
      &curl_slist_free_all);
  if (easy == nullptr || multi == nullptr || headers == nullptr) {
    attempt.status = absl::ResourceExhaustedError("libcurl init failed");
    return attempt;
  }
  Body body;
  char error[CURL_ERROR_SIZE] = "";
  const std::string user_agent = UserAgent();
  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  // The link-local service is never behind a proxy; $http_proxy must not
  // send the request (and the answer's token) elsewhere.
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ToMillis(connect_timeout_));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ToMillis(timeout_));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_multi_add_handle(multi.get(), h);

  // The multi interface only so that Shutdown can wake the wait up
  // (curl_multi_wakeup) instead of waiting for a timeout.
  bool cancelled = false;
  {
    internal::MutexLock lock(&mu_);
    cancelled = shutdown_;
    if (!cancelled) transfer_ = multi.get();
  }
  CURLcode result = CURLE_OK;
  bool finished = false;
  while (!cancelled && !finished) {
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi.get(), &running);
    if (mc == CURLM_OK && running == 0) {
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
        if (msg->msg == CURLMSG_DONE) result = msg->data.result;
      }
      finished = true;
      break;
    }
    if (mc == CURLM_OK) {
      mc = curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
    if (mc != CURLM_OK) {
      result = CURLE_FAILED_INIT;
      snprintf(error, sizeof(error), "%s", curl_multi_strerror(mc));
      finished = true;
      break;
    }
    internal::MutexLock lock(&mu_);
    cancelled = shutdown_;
  }
  {
    internal::MutexLock lock(&mu_);
    transfer_ = nullptr;
  }
  long code = 0;  // NOLINT(runtime/int): curl's type
  if (finished && result == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  }
  curl_multi_remove_handle(multi.get(), h);

  if (cancelled) {
    Wipe(body.data);
    attempt.kind = Attempt::kCancelled;
    return attempt;
  }
  if (result != CURLE_OK) {
    Wipe(body.data);
    if (body.too_large) {
      attempt.status = absl::InternalError(
          absl::StrCat("the answer is larger than ", kMaxBody, " bytes"));
      return attempt;
    }
    attempt.kind = Attempt::kRetry;
    if (result == CURLE_OPERATION_TIMEDOUT) {
      attempt.status = absl::UnavailableError(absl::StrCat(
          "timed out (connect timeout ", absl::FormatDuration(connect_timeout_),
          ", request timeout ", absl::FormatDuration(timeout_), ")"));
    } else {
      attempt.status = absl::UnavailableError(absl::StrCat(
          curl_easy_strerror(result), error[0] != '\0' ? ": " : "", error));
    }
    return attempt;
  }
  if (code == 200) {
    attempt.kind = Attempt::kOk;
    attempt.body = std::move(body.data);
    return attempt;
  }
  Wipe(body.data);  // error bodies are not quoted either
  const std::string http = absl::StrCat("HTTP ", code);
  if (code == 429 || code >= 500) {
    attempt.kind = Attempt::kRetry;
    attempt.status = absl::UnavailableError(http);
  } else if (code == 404) {
    attempt.status = absl::NotFoundError(absl::StrCat(
        http, ": no token there (is a service account attached to the VM?)"));
  } else if (code == 401 || code == 403) {
    attempt.status = absl::PermissionDeniedError(http);
  } else {
    attempt.status = absl::UnknownError(absl::StrCat("unexpected ", http));
  }
  return attempt;
}

void MetadataTokenFetcher::Fetch(Done done) {
  // Doubling, no cap beyond the attempts, no jitter.
  Backoff backoff({initial_backoff_, absl::InfiniteDuration(), 2.0, 0.0});
  absl::Status last;
  for (int i = 1; i <= attempts_; ++i) {
    const absl::Time issued_at = clock_->Now();
    Attempt attempt = GetOnce();
    switch (attempt.kind) {
      case Attempt::kOk: {
        absl::StatusOr<FetchedToken> token =
            ParseMetadataToken(attempt.body, issued_at, source_);
        Wipe(attempt.body);
        std::move(done)(std::move(token));
        return;
      }
      case Attempt::kCancelled:
        std::move(done)(absl::CancelledError(
            absl::StrCat(source_, ": the credentials provider was shut down")));
        return;
      case Attempt::kFail:
        std::move(done)(absl::Status(
            attempt.status.code(),
            absl::StrCat(source_, ": ", attempt.status.message())));
        return;
      case Attempt::kRetry:
        last = attempt.status;
        break;
    }
    if (i == attempts_) break;
    internal::ReleasableMutexLock lock(&mu_);
    const auto wake = internal::CondVar::SteadyDeadline(backoff.Next());
    while (!shutdown_) {
      if (cv_.WaitWithDeadline(&mu_, wake)) break;
    }
    if (shutdown_) {
      lock.Release();
      std::move(done)(absl::CancelledError(
          absl::StrCat(source_, ": the credentials provider was shut down")));
      return;
    }
  }
  std::move(done)(
      absl::Status(last.code(), absl::StrCat(source_, ": ", last.message(),
                                             " (", attempts_, " attempts)")));
}

void MetadataTokenFetcher::Shutdown() {
  internal::MutexLock lock(&mu_);
  shutdown_ = true;
  cv_.SignalAll();
  // Safe from any thread; the transfer stays registered while mu_ is held.
  if (transfer_ != nullptr) curl_multi_wakeup(static_cast<CURLM*>(transfer_));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
