#include "clouddesktop/credentials/internal/metadata_client.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/credentials/internal/wipe.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/backoff.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

// Longer than any token the service issues; keeps the arithmetic sane.
constexpr double kMaxExpiresInSeconds = 7 * 24 * 3600.0;

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

namespace {

using Loop = AsyncRetryLoop<MetadataTokenStub, MetadataTokenRequest,
                            MetadataTokenAnswer>;

constexpr char kMethod[] = "ComputeMetadata.GetToken";

// Doubling from `initial`, no cap but the attempts, no jitter: one VM's own
// link-local service has no crowd of clients to spread.
class DoublingBackoffPolicy final : public BackoffPolicy {
 public:
  explicit DoublingBackoffPolicy(absl::Duration initial)
      : backoff_({initial, absl::InfiniteDuration(), 2.0, 0.0}) {}
  std::unique_ptr<BackoffPolicy> clone() const override {
    return std::make_unique<DoublingBackoffPolicy>(backoff_.settings().initial);
  }
  absl::Duration OnCompletion() override { return backoff_.Next(); }

 private:
  Backoff backoff_;
};

}  // namespace

MetadataTokenFetcher::MetadataTokenFetcher(
    std::shared_ptr<MetadataTokenStub> stub, std::string address,
    const CredentialsOptions& options, std::shared_ptr<const Clock> clock)
    : stub_(std::move(stub)),
      source_(absl::StrCat(
          "getting an IAM token from the compute metadata service at ",
          address)),
      // UNAVAILABLE (and RESOURCE_EXHAUSTED, which the stub never returns)
      // until the attempts are spent.
      retry_(std::make_shared<LimitedRetryPolicy>(
          std::max(1, options.metadata_attempts) - 1,
          absl::InfiniteDuration())),
      backoff_(std::make_shared<DoublingBackoffPolicy>(
          options.metadata_initial_backoff)),
      timeout_(options.metadata_timeout),
      clock_(std::move(clock)),
      // Backoff and timeouts on the real clock, as libcurl measures them.
      transport_(MakeFetchTransport(SystemClock())) {}

MetadataTokenFetcher::~MetadataTokenFetcher() {
  Shutdown();
  // The call uses stub_ and `this` until its result is delivered.
  registry_->WaitEmpty();
}

void MetadataTokenFetcher::Fetch(Done done) {
  bool shut_down;
  {
    internal::MutexLock lock(&mu_);
    shut_down = shutdown_;
  }
  if (shut_down) {
    std::move(done)(absl::CancelledError(
        absl::StrCat(source_, ": the credentials provider was shut down")));
    return;
  }
  CallSettings settings;
  settings.method = kMethod;
  settings.idempotent = true;
  settings.attempt_timeout = timeout_;
  settings.retry = retry_;
  settings.backoff = backoff_;
  // `done` is the refresher's, not a promise: never on libcurl's thread.
  settings.hop_completion = true;
  auto loop = std::make_shared<Loop>(
      transport_, std::move(settings), stub_.get(),
      &MetadataTokenStub::AsyncGetToken, MetadataTokenRequest{});
  loop->set_done([this, issued_at = clock_->Now(), done = std::move(done)](
                     absl::StatusOr<MetadataTokenAnswer> answer,
                     const AttemptInfo& info) mutable {
    if (!answer.ok()) {
      std::move(done)(FetchError(answer.status(), info.attempts));
      return;
    }
    absl::StatusOr<FetchedToken> token =
        ParseMetadataToken(answer->body, issued_at, source_);
    Wipe(answer->body);
    std::move(done)(std::move(token));
  });
  // A registry closed by Shutdown in the meantime completes it at once.
  RetryLoopBase::Start(std::move(loop), *registry_);
}

absl::Status MetadataTokenFetcher::FetchError(const absl::Status& status,
                                              int attempts) {
  bool shut_down;
  {
    internal::MutexLock lock(&mu_);
    shut_down = shutdown_;
  }
  if (status.code() == absl::StatusCode::kCancelled && shut_down) {
    return absl::CancelledError(
        absl::StrCat(source_, ": the credentials provider was shut down"));
  }
  // The stub's message, without the loop's `<method>: <CODE>:` and ids:
  // this error names the service instead.
  std::optional<CallInfo> info = ReadCallInfo(status);
  std::string message =
      info.has_value() ? info->message : std::string(status.message());
  if (LimitedRetryPolicy::IsTransient(status)) {
    absl::StrAppend(&message, " (", attempts,
                    attempts == 1 ? " attempt)" : " attempts)");
  }
  return absl::Status(status.code(), absl::StrCat(source_, ": ", message));
}

void MetadataTokenFetcher::Shutdown() {
  {
    internal::MutexLock lock(&mu_);
    shutdown_ = true;
  }
  // Cancels the transfer or the backoff wait in flight (outside mu_: the
  // call may complete inline).
  registry_->CloseAndCancelAll();
}

absl::StatusOr<std::unique_ptr<TokenFetcher>> MakeMetadataTokenFetcher(
    std::string address, const CredentialsOptions& options,
    std::shared_ptr<const Clock> clock) {
  absl::StatusOr<std::shared_ptr<MetadataTokenStub>> stub =
      MakeCurlMetadataTokenStub(address, options.metadata_connect_timeout,
                                options.metadata_timeout, SystemClock());
  if (!stub.ok()) return stub.status();
  return std::unique_ptr<TokenFetcher>(std::make_unique<MetadataTokenFetcher>(
      *std::move(stub), std::move(address), options, std::move(clock)));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
