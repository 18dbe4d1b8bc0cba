#include "clouddesktop/cli/connection_flags.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "clouddesktop/cli/bounded_read.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/internal/pem.h"
#include "clouddesktop/text_log_sink.h"

namespace clouddesktop::cli {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& flag,
                                     const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// IAM tokens are about 1 KiB; this bounds a wrong file (/dev/zero).
constexpr size_t kMaxTokenFileBytes = 64 * 1024;

bool EnvSet(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

// Whether the environment names credentials: they come before a profile's.
bool CredentialsInEnvironment() {
  return EnvSet(kIamTokenEnvVar) || EnvSet(kServiceAccountKeyFileEnvVar) ||
         EnvSet(kOAuthTokenEnvVar);
}

std::string Quote(const std::string& s) {
  if (!s.empty() &&
      s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          "0123456789-_.:/[]@") == std::string::npos) {
    return s;
  }
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

bool IsLocalEndpoint(const std::string& endpoint) {
  absl::string_view host = endpoint;
  absl::ConsumePrefix(&host, "dns:///");
  absl::ConsumePrefix(&host, "ipv4:");
  absl::ConsumePrefix(&host, "ipv6:");
  if (absl::StartsWith(host, "[")) {
    size_t close = host.find(']');
    host = host.substr(
        1, close == absl::string_view::npos ? host.npos : close - 1);
  } else {
    size_t colon = host.rfind(':');
    if (colon != absl::string_view::npos) host = host.substr(0, colon);
  }
  return host == "localhost" || absl::StartsWith(host, "127.") || host == "::1";
}

absl::StatusOr<absl::Duration> ParsePositiveDuration(const std::string& flag,
                                                     const std::string& value) {
  absl::Duration d;
  if (!absl::ParseDuration(value, &d) || d <= absl::ZeroDuration() ||
      d == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, flag.empty() ? "" : ": ", "\"", value,
                     "\" is not a positive duration such as 30s, 1m or 500ms"));
  }
  return d;
}

absl::StatusOr<ConnectionOptions> MakeConnectionOptions(
    const ConnectionFlags& flags, std::ostream& err) {
  ConnectionOptions options;
  if (flags.transport == "rest") {
    options.transport = TransportKind::kRest;
  } else if (!flags.transport.empty() && flags.transport != "grpc") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--transport: \"", flags.transport, "\" is not grpc or rest"));
  }
  const bool rest = options.transport == TransportKind::kRest;
  // The endpoints of the chosen wire.
  std::string& endpoint = rest ? options.rest_endpoint : options.endpoint;
  std::string& operation_endpoint =
      rest ? options.rest_operation_endpoint : options.operation_endpoint;
  if (!flags.endpoint.empty()) {
    endpoint = flags.endpoint;
    operation_endpoint = flags.endpoint;
  }
  if (!flags.operation_endpoint.empty()) {
    operation_endpoint = flags.operation_endpoint;
  }
  bool discover =
      !rest && flags.endpoint.empty() && !flags.discovery_endpoint.empty();
  if (discover) options.discovery_endpoint = flags.discovery_endpoint;
  bool local = flags.insecure ||
               IsLocalEndpoint(discover ? flags.discovery_endpoint : endpoint);
  options.insecure = flags.insecure;
  if (!flags.ca_cert_file.empty()) {
    absl::StatusOr<std::string> pem = ReadFile("--ca-cert", flags.ca_cert_file);
    if (!pem.ok()) return pem.status();
    // An empty or non-PEM file would silently fall back to the system roots
    // or fail every call with gRPC's "empty address list".
    if (!internal::HasPemCertificate(*pem)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--ca-cert: ", flags.ca_cert_file,
                       " holds no PEM certificate (expected a \"-----BEGIN "
                       "CERTIFICATE-----\" block)"));
    }
    options.ca_pem = *std::move(pem);
  }
  if (!flags.timeout.empty()) {
    absl::StatusOr<absl::Duration> timeout =
        ParsePositiveDuration("--timeout", flags.timeout);
    if (!timeout.ok()) return timeout.status();
    options.rpc_timeout = *timeout;
  }
  options.user_agent_prefix = "clouddesktop-cli";
  if (flags.debug) {
    // The library adds a stderr sink for what CLOUDDESKTOP_LOG selects;
    // --debug covers the rest.
    LogComponents from_env;
    if (const char* env = std::getenv(std::string(kLogEnvVar).c_str())) {
      from_env = ParseLogComponents(env).value_or(LogComponents{});
    }
    LogComponents rest;
    rest.rpc = !from_env.rpc;
    rest.wait = !from_env.wait;
    if (rest.rpc || rest.wait) options.log_sink = MakeTextLogSink(rest, err);
  }

  CredentialsOptions credentials;
  if (!flags.iam_endpoint.empty()) {
    credentials.iam_endpoint = flags.iam_endpoint;
  } else if (!flags.endpoint.empty() && !rest) {
    credentials.iam_endpoint = flags.endpoint;
  } else if (discover && local) {
    credentials.iam_endpoint = flags.discovery_endpoint;  // an emulator
  }
  credentials.iam_insecure = flags.insecure;
  credentials.iam_ca_pem = options.ca_pem;
  credentials.warning_sink = [](absl::string_view message) {
    std::cerr << "clouddesktop: warning: " << message << "\n";
  };

  std::vector<std::string> given;
  if (!flags.token_file.empty()) given.push_back("--token-file");
  if (!flags.token.empty()) given.push_back("--token");
  if (!flags.sa_key_file.empty()) given.push_back("--sa-key-file");
  if (flags.metadata_credentials) given.push_back("--metadata-credentials");
  if (given.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "give at most one of --token-file, --token, --sa-key-file, "
        "--metadata-credentials (got ",
        absl::StrJoin(given, ", "), ")"));
  }

  absl::StatusOr<std::shared_ptr<AuthProvider>> auth = nullptr;
  if (!flags.token_file.empty()) {
    absl::StatusOr<std::string> token =
        ReadBoundedFile("--token-file", flags.token_file, kMaxTokenFileBytes);
    if (!token.ok()) return token.status();
    auth = MakeIamTokenAuth(*token);
    if (!auth.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--token-file ", flags.token_file, ": ", auth.status().message()));
    }
  } else if (!flags.token.empty()) {
    err << "clouddesktop: warning: --token is visible to other users of this "
           "machine (ps, shell history); prefer --token-file or $"
        << kIamTokenEnvVar << "\n";
    auth = MakeIamTokenAuth(flags.token);
    if (!auth.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token: ", auth.status().message()));
    }
  } else if (!flags.sa_key_file.empty()) {
    auth = MakeServiceAccountKeyAuth(flags.sa_key_file, credentials);
  } else if (flags.metadata_credentials) {
    auth = MakeMetadataServiceAuth(credentials);
  } else if (local && !(flags.profile_auth && flags.profile_auth_for_local &&
                        !EnvSet(kIamTokenEnvVar))) {
    // An emulator: no credentials unless the environment has a token.
    const char* token = std::getenv(kIamTokenEnvVar);
    if (token != nullptr && *token != '\0') {
      auth = MakeIamTokenAuth(token);
      if (!auth.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("$", kIamTokenEnvVar, ": ", auth.status().message()));
      }
    }
  } else if (flags.profile_auth && !CredentialsInEnvironment()) {
    auth = flags.profile_auth(credentials);
    if (auth.ok() && *auth == nullptr && !local) {
      auth = MakeDefaultAuth(credentials);  // the metadata service
    }
  } else {
    auth = MakeDefaultAuth(credentials);
  }
  if (!auth.ok()) {
    return absl::Status(auth.status().code(),
                        absl::StrCat("credentials: ", auth.status().message()));
  }
  options.auth = *std::move(auth);
  return options;
}

std::string ConnectionFlagsForResume(const ConnectionFlags& flags) {
  std::vector<std::string> parts;
  if (!flags.endpoint.empty()) {
    parts.push_back(absl::StrCat("--endpoint ", Quote(flags.endpoint)));
  }
  if (!flags.operation_endpoint.empty()) {
    parts.push_back(
        absl::StrCat("--operation-endpoint ", Quote(flags.operation_endpoint)));
  }
  if (!flags.transport.empty() && flags.transport != "grpc") {
    parts.push_back(absl::StrCat("--transport ", Quote(flags.transport)));
  }
  if (flags.insecure) parts.push_back("--insecure");
  if (!flags.ca_cert_file.empty()) {
    parts.push_back(absl::StrCat("--ca-cert ", Quote(flags.ca_cert_file)));
  }
  if (!flags.iam_endpoint.empty()) {
    parts.push_back(absl::StrCat("--iam-endpoint ", Quote(flags.iam_endpoint)));
  }
  // Paths only: the files hold the secrets, the command line never does.
  if (!flags.token_file.empty()) {
    parts.push_back(absl::StrCat("--token-file ", Quote(flags.token_file)));
  }
  if (!flags.sa_key_file.empty()) {
    parts.push_back(absl::StrCat("--sa-key-file ", Quote(flags.sa_key_file)));
  }
  if (flags.metadata_credentials) parts.push_back("--metadata-credentials");
  if (!flags.profile.empty()) {
    parts.push_back(absl::StrCat("--profile ", Quote(flags.profile)));
  }
  return absl::StrJoin(parts, " ");
}

}  // namespace clouddesktop::cli
