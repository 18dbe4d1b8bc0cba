// The yc CLI's configuration file (~/.config/yandex-cloud/config.yaml): the
// active profile (or one named by --profile) gives the CLI its defaults,
// as it gives yc's: folder-id, cloud-id, endpoint and credentials (token or
// service-account-key). Flags and environment variables come first.
//
// The file is YAML as yc writes it (`yc config set ...`): a mapping
// `current: NAME` and `profiles: {NAME: {key: value, ...}}`, values plain,
// quoted or `|` block scalars, the key under `service-account-key` as a
// nested mapping. Only that subset is read; what a profile holds besides the
// keys above is skipped. Errors name the file, the line and the key, never
// a value (a token or key never reaches an error, a log or the output).

#ifndef CLOUDDESKTOP_CLI_YC_CONFIG_H_
#define CLOUDDESKTOP_CLI_YC_CONFIG_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace clouddesktop::cli {

struct YcProfile {
  std::string config_path;  // the file it came from, for messages
  std::string name;         // the profile's name
  std::string folder_id;
  std::string cloud_id;
  // yc's API endpoint (host:port of ApiEndpointService), as yc's --endpoint.
  std::string endpoint;
  // Secrets: never printed.
  std::string token;  // yc's `token`: an OAuth token (an IAM token if t1.*)
  std::string service_account_key_json;  // `service-account-key` as JSON
  // Keys this CLI cannot use, for a clear error when they would be needed.
  bool federated = false;                 // `federation-id`
  bool instance_service_account = false;  // `instance-service-account: true`
};

// $HOME/.config/yandex-cloud/config.yaml; empty without $HOME.
std::string DefaultYcConfigPath();

// The profile `name` (empty: the file's `current` one) of the config file
// at `path`. nullopt when there is nothing to read: no such file and no
// `name` asked for, or a file without a current profile. INVALID_ARGUMENT
// for a file that does not parse or a profile that is not there (naming
// the file, the line, the profile), or an unreadable file.
absl::StatusOr<std::optional<YcProfile>> LoadYcProfile(const std::string& path,
                                                       const std::string& name);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_YC_CONFIG_H_
