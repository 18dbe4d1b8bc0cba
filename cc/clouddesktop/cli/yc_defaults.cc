#include "clouddesktop/cli/yc_defaults.h"

#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/credentials.h"

namespace clouddesktop::cli {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

YcDefaults ApplyYcDefaults(const std::optional<YcProfile>& profile,
                           ConnectionFlags& flags) {
  YcDefaults defaults;
  std::string profile_label =
      profile ? absl::StrCat("yc profile ", profile->name) : "";
  defaults.folder_id = Env(kFolderIdEnvVar);
  defaults.folder_source = absl::StrCat("$", kFolderIdEnvVar);
  if (defaults.folder_id.empty() && profile && !profile->folder_id.empty()) {
    defaults.folder_id = profile->folder_id;
    defaults.folder_source = profile_label;
  }
  if (defaults.folder_id.empty()) defaults.folder_source.clear();
  defaults.cloud_id = Env(kCloudIdEnvVar);
  if (defaults.cloud_id.empty() && profile)
    defaults.cloud_id = profile->cloud_id;

  bool endpoint_from_profile = false;
  if (flags.discovery_endpoint.empty()) {
    flags.discovery_endpoint = Env(kEndpointEnvVar);
  }
  if (flags.discovery_endpoint.empty() && profile) {
    flags.discovery_endpoint = profile->endpoint;
    endpoint_from_profile = !profile->endpoint.empty();
  }
  if (!profile) return defaults;

  // A profile named on the command line, or one that points at the
  // endpoint in use, is meant for it, even a local one (an emulator).
  flags.profile_auth_for_local =
      !flags.profile.empty() ||
      (endpoint_from_profile && flags.endpoint.empty());
  YcProfile p = *profile;
  flags.profile_auth = [p](const CredentialsOptions& options)
      -> absl::StatusOr<std::shared_ptr<AuthProvider>> {
    std::string source =
        absl::StrCat("yc profile ", p.name, " (", p.config_path, ")");
    if (!p.service_account_key_json.empty()) {
      return MakeServiceAccountKeyAuthFromJson(
          p.service_account_key_json, options,
          absl::StrCat("service-account-key of ", source));
    }
    if (!p.token.empty()) {
      // yc's `token` is an OAuth token; an IAM token (t1.) works as is.
      auto auth = absl::StartsWith(p.token, "t1.")
                      ? MakeIamTokenAuth(p.token)
                      : MakeOAuthTokenAuth(p.token, options);
      if (!auth.ok()) {
        return absl::Status(
            auth.status().code(),
            absl::StrCat("token of ", source, ": ", auth.status().message()));
      }
      return auth;
    }
    if (p.instance_service_account) return MakeMetadataServiceAuth(options);
    if (p.federated) {
      return absl::InvalidArgumentError(absl::StrCat(
          source,
          ": a federated account (federation-id) needs yc's browser "
          "sign-in, which this CLI does not do: run 'yc iam create-token > "
          "FILE' and give --token-file FILE"));
    }
    return std::shared_ptr<AuthProvider>(nullptr);
  };
  return defaults;
}

}  // namespace clouddesktop::cli
