// Defaults as yc takes them, below the command line's flags: first the
// environment ($YC_FOLDER_ID, $YC_CLOUD_ID, $YC_ENDPOINT), then the yc
// profile (yc_config.h): folder-id, cloud-id, endpoint, and its credentials
// after the environment's.

#ifndef CLOUDDESKTOP_CLI_YC_DEFAULTS_H_
#define CLOUDDESKTOP_CLI_YC_DEFAULTS_H_

#include <optional>
#include <string>

#include "clouddesktop/cli/connection_flags.h"
#include "clouddesktop/cli/yc_config.h"

namespace clouddesktop::cli {

inline constexpr char kFolderIdEnvVar[] = "YC_FOLDER_ID";
inline constexpr char kCloudIdEnvVar[] = "YC_CLOUD_ID";
inline constexpr char kEndpointEnvVar[] = "YC_ENDPOINT";

struct YcDefaults {
  // For requests with a folder_id the command line left unset, and for
  // --name; where it came from ("$YC_FOLDER_ID", "yc profile default") for
  // messages. Empty: none.
  std::string folder_id;
  std::string folder_source;
  // No Cloud Desktop request takes a cloud id: read (as yc reads it) so
  // that --cloud-id, $YC_CLOUD_ID and the profile's cloud-id are accepted,
  // and otherwise unused.
  std::string cloud_id;
};

// Fills flags.discovery_endpoint ($YC_ENDPOINT, else the profile's
// endpoint) and flags.profile_auth (the profile's service-account-key,
// token, instance-service-account; an error for federation-id), and
// returns the folder and cloud defaults. Reads the environment.
YcDefaults ApplyYcDefaults(const std::optional<YcProfile>& profile,
                           ConnectionFlags& flags);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_YC_DEFAULTS_H_
