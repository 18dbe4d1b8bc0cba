#include "clouddesktop/credentials/credentials.h"

#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/credentials/internal/iam_token_exchange.h"
#include "clouddesktop/credentials/internal/jwt.h"
#include "clouddesktop/credentials/internal/metadata_client.h"
#include "clouddesktop/credentials/internal/oauth_warning.h"
#include "clouddesktop/credentials/internal/service_account_key.h"
#include "clouddesktop/credentials/internal/token_refresher.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop::internal::IamTokenExchange;
using ::clouddesktop::internal::ServiceAccountKey;
using ::clouddesktop::internal::TokenRefresher;
using AuthOr = absl::StatusOr<std::shared_ptr<AuthProvider>>;

std::shared_ptr<const Clock> ClockOf(const CredentialsOptions& options) {
  return options.clock != nullptr ? options.clock : SystemClock();
}

absl::Status CheckIamOptions(const CredentialsOptions& options) {
  if (options.iam_endpoint.empty()) {
    return absl::InvalidArgumentError(
        "CredentialsOptions::iam_endpoint is empty");
  }
  if (options.iam_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "CredentialsOptions::iam_timeout must be positive");
  }
  return absl::OkStatus();
}

AuthOr MakeExchangeAuth(const CredentialsOptions& options,
                        std::string description,
                        IamTokenExchange::RequestMaker make_request) {
  std::shared_ptr<const Clock> clock = ClockOf(options);
  auto fetcher = std::make_unique<IamTokenExchange>(
      internal::MakeGrpcIamStub(options, clock), options.iam_endpoint,
      std::move(description), options.iam_timeout, std::move(make_request),
      clock);
  return std::make_shared<TokenRefresher>(std::move(fetcher), options.refresh,
                                          std::move(clock),
                                          options.warning_sink);
}

AuthOr MakeKeyAuth(ServiceAccountKey key, const CredentialsOptions& options) {
  std::string description = absl::StrCat(
      "service account ", key.service_account_id, ", key ", key.id);
  auto shared_key = std::make_shared<const ServiceAccountKey>(std::move(key));
  std::shared_ptr<const Clock> clock = ClockOf(options);
  return MakeExchangeAuth(
      options, std::move(description),
      [shared_key, clock]() -> absl::StatusOr<IamTokenExchange::Request> {
        // A fresh JWT per exchange: each is valid for an hour only.
        absl::StatusOr<std::string> jwt =
            internal::MakeServiceAccountJwt(*shared_key, clock->Now());
        if (!jwt.ok()) return jwt.status();
        IamTokenExchange::Request request;
        request.set_jwt(*std::move(jwt));
        return request;
      });
}

// The value of `name`, unless it is unset or empty.
std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

absl::Status Prefixed(absl::string_view prefix, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(prefix, status.message()));
}

}  // namespace

AuthOr MakeIamTokenAuth(absl::string_view iam_token) {
  iam_token = absl::StripAsciiWhitespace(iam_token);
  absl::Status valid = internal::CheckTokenValue(iam_token);
  if (!valid.ok()) return Prefixed("the IAM token: ", valid);
  return std::make_shared<StaticTokenAuth>(std::string(iam_token));
}

AuthOr MakeServiceAccountKeyAuth(absl::string_view key_file_path,
                                 CredentialsOptions options) {
  absl::Status status = CheckIamOptions(options);
  if (!status.ok()) return status;
  absl::StatusOr<ServiceAccountKey> key =
      internal::ReadServiceAccountKeyFile(key_file_path, options.warning_sink);
  if (!key.ok()) return key.status();
  return MakeKeyAuth(*std::move(key), options);
}

AuthOr MakeServiceAccountKeyAuthFromJson(absl::string_view key_json,
                                         CredentialsOptions options,
                                         absl::string_view source_name) {
  absl::Status status = CheckIamOptions(options);
  if (!status.ok()) return status;
  absl::StatusOr<ServiceAccountKey> key =
      internal::ParseServiceAccountKey(key_json, source_name);
  if (!key.ok()) return key.status();
  return MakeKeyAuth(*std::move(key), options);
}

AuthOr MakeMetadataServiceAuth(CredentialsOptions options) {
  absl::StatusOr<std::string> address =
      internal::ResolveMetadataAddress(options);
  if (!address.ok()) return address.status();
  if (options.metadata_connect_timeout <= absl::ZeroDuration() ||
      options.metadata_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "CredentialsOptions::metadata_connect_timeout and metadata_timeout "
        "must be positive");
  }
  std::shared_ptr<const Clock> clock = ClockOf(options);
  absl::StatusOr<std::unique_ptr<internal::TokenFetcher>> fetcher =
      internal::MakeMetadataTokenFetcher(*std::move(address), options, clock);
  if (!fetcher.ok()) return fetcher.status();
  return std::make_shared<TokenRefresher>(*std::move(fetcher), options.refresh,
                                          std::move(clock),
                                          options.warning_sink);
}

AuthOr MakeOAuthTokenAuth(absl::string_view oauth_token,
                          CredentialsOptions options) {
  oauth_token = absl::StripAsciiWhitespace(oauth_token);
  if (oauth_token.empty()) {
    return absl::InvalidArgumentError("the OAuth token is empty");
  }
  absl::Status status = CheckIamOptions(options);
  if (!status.ok()) return status;
  internal::WarnOAuthDeprecatedOnce(options.warning_sink);
  return MakeExchangeAuth(options, "OAuth token",
                          [token = std::string(oauth_token)]()
                              -> absl::StatusOr<IamTokenExchange::Request> {
                            IamTokenExchange::Request request;
                            request.set_yandex_passport_oauth_token(token);
                            return request;
                          });
}

AuthOr MakeDefaultAuth(std::shared_ptr<AuthProvider> explicit_provider,
                       CredentialsOptions options) {
  if (explicit_provider != nullptr) return explicit_provider;
  // What was tried and why it did not apply; never a value.
  std::vector<std::string> tried = {"an explicit provider (none given)"};
  const auto not_set = [](const char* name) {
    return absl::StrCat("$", name, " (not set)");
  };

  if (std::optional<std::string> token = Env(kIamTokenEnvVar)) {
    AuthOr auth = MakeIamTokenAuth(*token);
    if (!auth.ok()) {
      return Prefixed(absl::StrCat("$", kIamTokenEnvVar, ": "), auth.status());
    }
    return auth;
  }
  tried.push_back(not_set(kIamTokenEnvVar));

  if (std::optional<std::string> path = Env(kServiceAccountKeyFileEnvVar)) {
    AuthOr auth = MakeServiceAccountKeyAuth(*path, options);
    if (!auth.ok()) {
      return Prefixed(absl::StrCat("$", kServiceAccountKeyFileEnvVar, ": "),
                      auth.status());
    }
    return auth;
  }
  tried.push_back(not_set(kServiceAccountKeyFileEnvVar));

  if (std::optional<std::string> token = Env(kOAuthTokenEnvVar)) {
    AuthOr auth = MakeOAuthTokenAuth(*token, options);
    if (!auth.ok()) {
      return Prefixed(absl::StrCat("$", kOAuthTokenEnvVar, ": "),
                      auth.status());
    }
    return auth;
  }
  tried.push_back(not_set(kOAuthTokenEnvVar));

  // Last: present only on a VM, so it must answer to count.
  AuthOr metadata = MakeMetadataServiceAuth(options);
  if (!metadata.ok()) return metadata.status();
  absl::StatusOr<std::string> token = (*metadata)->GetToken().Get();
  if (token.ok()) return metadata;  // the token stays cached in it
  tried.push_back(std::string(token.status().message()));

  return absl::NotFoundError(absl::StrCat(
      "no credentials found; tried, in order: ", absl::StrJoin(tried, "; "),
      ". Pass a provider, set $", kIamTokenEnvVar, ", $",
      kServiceAccountKeyFileEnvVar, " or $", kOAuthTokenEnvVar,
      ", or run on a VM with a service account"));
}

AuthOr MakeDefaultAuth(CredentialsOptions options) {
  return MakeDefaultAuth(nullptr, std::move(options));
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
