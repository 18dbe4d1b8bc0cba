#include "clouddesktop/credentials/internal/metadata_token_stub.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/internal/wipe.h"
#include "clouddesktop/internal/rest/curl_http_client.h"
#include "clouddesktop/internal/rest/rest_transport.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using rest_internal::CurlHttpClient;
using rest_internal::HttpRequest;
using rest_internal::HttpResponse;

// Real answers are a few hundred bytes.
constexpr int64_t kMaxBody = 64 * 1024;

class CurlMetadataTokenStub final : public MetadataTokenStub {
 public:
  CurlMetadataTokenStub(std::unique_ptr<CurlHttpClient> http,
                        std::string address, absl::Duration connect_timeout,
                        absl::Duration timeout,
                        std::shared_ptr<const Clock> clock)
      : url_(absl::StrCat("http://", address, kMetadataTokenPath)),
        timed_out_(absl::StrCat("timed out (connect timeout ",
                                absl::FormatDuration(connect_timeout),
                                ", request timeout ",
                                absl::FormatDuration(timeout), ")")),
        clock_(std::move(clock)),
        http_(std::move(http)) {}

  void AsyncGetToken(RpcContext& context, const MetadataTokenRequest&,
                     StubCallback<MetadataTokenAnswer> done) override {
    absl::StatusOr<absl::Time> deadline = TransportDeadline(context, *clock_);
    if (!deadline.ok()) {
      std::move(done)(deadline.status());
      return;
    }
    HttpRequest request;
    request.method = "GET";
    request.url = url_;
    request.headers.emplace_back("Metadata-Flavor", "Google");
    request.deadline = *deadline;
    auto canceller = std::make_shared<rest_internal::HttpRpcCanceller>();
    std::shared_ptr<rest_internal::DeferredCancel> deferred = canceller->call();
    context.AttachCanceller(std::move(canceller));
    std::shared_ptr<rest_internal::HttpCancelHandle> call = http_->Send(
        std::move(request), [this, context = &context, done = std::move(done)](
                                absl::StatusOr<HttpResponse> answer) mutable {
          context->DetachCanceller();
          std::move(done)(ToAnswer(std::move(answer)));
        });
    // `context` may be gone by now (the call completed).
    deferred->Set(std::move(call));
  }

 private:
  absl::StatusOr<MetadataTokenAnswer> ToAnswer(
      absl::StatusOr<HttpResponse> answer) const {
    if (!answer.ok()) {
      const absl::Status& status = answer.status();
      switch (status.code()) {
        case absl::StatusCode::kDeadlineExceeded:
          // The attempt's own timeout: another attempt may be quicker.
          return absl::UnavailableError(timed_out_);
        case absl::StatusCode::kResourceExhausted:
          return absl::InternalError(
              absl::StrCat("the answer is larger than ", kMaxBody, " bytes"));
        default:
          return status;
      }
    }
    const int code = answer->status;
    if (code == 200) {
      MetadataTokenAnswer out;
      out.body = std::move(answer->body);
      return out;
    }
    Wipe(answer->body);  // error bodies are not quoted either
    const std::string http = absl::StrCat("HTTP ", code);
    if (code == 429 || code >= 500) return absl::UnavailableError(http);
    if (code == 404) {
      return absl::NotFoundError(absl::StrCat(
          http, ": no token there (is a service account attached to the VM?)"));
    }
    if (code == 401 || code == 403) return absl::PermissionDeniedError(http);
    return absl::UnknownError(absl::StrCat("unexpected ", http));
  }

  const std::string url_;
  const std::string timed_out_;
  const std::shared_ptr<const Clock> clock_;
  // Last, so destroyed first: it completes every call still in flight
  // while the members their callbacks read are still there.
  const std::unique_ptr<CurlHttpClient> http_;
};

}  // namespace

MetadataTokenAnswer::~MetadataTokenAnswer() { Wipe(body); }

absl::StatusOr<std::shared_ptr<MetadataTokenStub>> MakeCurlMetadataTokenStub(
    std::string address, absl::Duration connect_timeout, absl::Duration timeout,
    std::shared_ptr<const Clock> clock) {
  rest_internal::CurlHttpClientOptions options;
  options.user_agent = UserAgent();
  options.max_response_bytes = kMaxBody;
  // The link-local service is never behind a proxy; $http_proxy must not
  // send the request (and the answer's token) elsewhere.
  options.use_environment_proxy = false;
  options.connect_timeout = connect_timeout;
  absl::StatusOr<std::unique_ptr<CurlHttpClient>> http =
      CurlHttpClient::Create(std::move(options));
  if (!http.ok()) return http.status();
  return std::shared_ptr<MetadataTokenStub>(
      std::make_shared<CurlMetadataTokenStub>(
          *std::move(http), std::move(address), connect_timeout, timeout,
          std::move(clock)));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
