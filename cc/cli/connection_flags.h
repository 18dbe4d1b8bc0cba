// The global flags that say where and how to connect, turned into the
// library's ConnectionOptions (credentials included).

#ifndef CLI_CONNECTION_FLAGS_H_
#define CLI_CONNECTION_FLAGS_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/options.h"

namespace clouddesktop::cli {

// As given on the command line; empty strings mean "not given".
struct ConnectionFlags {
  std::string endpoint;
  std::string operation_endpoint;
  std::string iam_endpoint;
  bool insecure = false;
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
};

// True for a loopback endpoint (localhost, 127.0.0.0/8, [::1]): an
// emulator, which needs no credentials unless given some.
bool IsLocalEndpoint(const std::string& endpoint);

// ConnectionOptions from the flags and the environment:
//  - --operation-endpoint and --iam-endpoint default to --endpoint when only
//    that is given (an emulator serves every service on one port), else to
//    the cloud's endpoints; TLS unless --insecure; --ca-cert for private CAs.
//  - Credentials: --token-file, --token (warned about: visible in ps),
//    --sa-key-file or --metadata-credentials; none given: $YC_IAM_TOKEN for
//    a local or --insecure endpoint (otherwise no credentials), else the
//    credentials library's default chain.
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

#endif  // CLI_CONNECTION_FLAGS_H_
