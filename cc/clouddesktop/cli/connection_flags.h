// The global flags that say where and how to connect, turned into the
// library's ConnectionOptions (credentials included).

#ifndef CLOUDDESKTOP_CLI_CONNECTION_FLAGS_H_
#define CLOUDDESKTOP_CLI_CONNECTION_FLAGS_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/options.h"

namespace clouddesktop::cli {

// As given on the command line; empty strings mean "not given".
struct ConnectionFlags {
  std::string endpoint;
  std::string operation_endpoint;
  std::string iam_endpoint;
  bool insecure = false;
  // --transport: "grpc" (or empty) or "rest".
  std::string transport;
  std::string ca_cert_file;
  std::string timeout;
  // Credentials: at most one of these.
  std::string token_file;
  std::string token;
  std::string sa_key_file;
  bool metadata_credentials = false;
  // --debug: every RPC attempt and operation poll on stderr, as
  // CLOUDDESKTOP_LOG=rpc,wait does.
  bool debug = false;

  // Defaults below the flags, from the environment and the yc profile
  // (yc_defaults.h); empty / null: none.
  // --profile, repeated in resume commands.
  std::string profile;
  // yc's API endpoint ($YC_ENDPOINT, the profile's endpoint): without
  // --endpoint, the service's endpoints are discovered there.
  std::string discovery_endpoint;
  // The yc profile's credentials, after the flags' and the environment's;
  // may return null (the profile has none).
  std::function<absl::StatusOr<std::shared_ptr<AuthProvider>>(
      const CredentialsOptions&)>
      profile_auth;
  // Use profile_auth for a local or --insecure endpoint too (the profile
  // was named with --profile, or the endpoint is the profile's).
  bool profile_auth_for_local = false;
};

// True for a loopback endpoint (localhost, 127.0.0.0/8, [::1]): an
// emulator, which needs no credentials unless given some.
bool IsLocalEndpoint(const std::string& endpoint);

// ConnectionOptions from the flags and the environment:
//  - --operation-endpoint and --iam-endpoint default to --endpoint when only
//    that is given (an emulator serves every service on one port), else to
//    the cloud's endpoints; TLS unless --insecure; --ca-cert for private CAs.
//  - --transport rest: the endpoints are the REST API's (rest_endpoint,
//    rest_operation_endpoint; the cloud's by default), nothing is
//    discovered (the endpoint list names gRPC endpoints), and
//    --iam-endpoint does not default to --endpoint (IamTokenService, for
//    --sa-key-file, speaks gRPC only).
//  - Without --endpoint, a discovery_endpoint goes to
//    ConnectionOptions::discovery_endpoint (the caller calls
//    DiscoverEndpoints); it also stands for the endpoint below.
//  - Credentials: --token-file, --token (warned about: visible in ps),
//    --sa-key-file or --metadata-credentials; none given: $YC_IAM_TOKEN for
//    a local or --insecure endpoint (otherwise no credentials, unless
//    profile_auth_for_local), else the environment's ($YC_IAM_TOKEN,
//    $YC_SERVICE_ACCOUNT_KEY_FILE, $YC_TOKEN), else profile_auth's, else
//    the metadata service (the credentials library's default chain).
//  - --debug: a text log sink on `err` for the records CLOUDDESKTOP_LOG
//    does not already select (so no line is written twice).
// INVALID_ARGUMENT / NOT_FOUND / ... for settings that cannot work (a usage
// error); never a secret in the message. Warnings go to `err`. May block
// while the default chain asks the metadata service.
absl::StatusOr<ConnectionOptions> MakeConnectionOptions(
    const ConnectionFlags& flags, std::ostream& err);

// The connection flags to repeat in a command printed for the user to run
// later (`--endpoint HOST:PORT --insecure`, credential file paths); never a
// secret itself (--token is left out).
std::string ConnectionFlagsForResume(const ConnectionFlags& flags);

// Parses --timeout and similar: "30s", "1m30s", "500ms"; positive.
absl::StatusOr<absl::Duration> ParsePositiveDuration(const std::string& flag,
                                                     const std::string& value);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_CONNECTION_FLAGS_H_
