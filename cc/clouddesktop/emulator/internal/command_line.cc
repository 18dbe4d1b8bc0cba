#include "clouddesktop/emulator/internal/command_line.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace clouddesktop::emulator::internal {
namespace {

absl::Status UsageError(absl::string_view flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(flag, ": ", what));
}

absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view flag,
                                                 absl::string_view value) {
  absl::Duration duration;
  if (!absl::ParseDuration(value, &duration) ||
      duration < absl::ZeroDuration() || duration == absl::InfiniteDuration()) {
    return UsageError(flag, absl::StrCat("\"", value,
                                         "\" is not a duration such as "
                                         "500ms, 2s or 1m"));
  }
  return duration;
}

absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag,
                                         const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError(flag, absl::StrCat("cannot read ", path));
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The public half of a PEM private key, as "BEGIN PUBLIC KEY" PEM. Text
// before the BEGIN line (yc writes a "PLEASE DO NOT REMOVE THIS LINE!" line)
// is skipped.
std::optional<std::string> PublicPemOfPrivateKey(absl::string_view pem) {
  size_t begin = pem.find("-----BEGIN");
  if (begin == absl::string_view::npos) return std::nullopt;
  pem.remove_prefix(begin);
  std::unique_ptr<BIO, decltype(&BIO_free)> in(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (in == nullptr) return std::nullopt;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr),
      EVP_PKEY_free);
  if (key == nullptr) return std::nullopt;
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  if (out == nullptr || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) {
    return std::nullopt;
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

// Wipes a secret string when it goes out of scope.
class Wiped {
 public:
  explicit Wiped(std::string* secret) : secret_(secret) {}
  ~Wiped() { OPENSSL_cleanse(secret_->data(), secret_->size()); }
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;

 private:
  std::string* secret_;
};

// A key file of `yc iam key create`. Errors name the file and the field,
// never quote its contents (the private key is a secret).
absl::StatusOr<ServiceAccountKey> ReadYcKeyFile(absl::string_view flag,
                                                const std::string& path) {
  absl::StatusOr<std::string> text = ReadFlagFile(flag, path);
  if (!text.ok()) return text.status();
  Wiped wipe_text(&*text);
  nlohmann::json json =
      nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](absl::string_view what) {
    return UsageError(flag, absl::StrCat(path, ": ", what));
  };
  if (!json.is_object()) return bad("not a JSON object");
  // Take the private key out of the tree (a swap: no copy) to wipe it.
  std::string private_pem;
  Wiped wipe_private(&private_pem);
  if (auto it = json.find("private_key"); it != json.end() && it->is_string()) {
    private_pem.swap(it->get_ref<std::string&>());
  }
  auto field = [&](const char* name) -> std::string {
    auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : "";
  };
  ServiceAccountKey key;
  key.key_id = field("id");
  key.service_account_id = field("service_account_id");
  if (key.key_id.empty()) return bad("field \"id\" (the key id) is missing");
  if (key.service_account_id.empty()) {
    return bad("field \"service_account_id\" is missing");
  }
  key.public_key_pem = field("public_key");
  if (key.public_key_pem.empty()) {
    std::optional<std::string> derived = PublicPemOfPrivateKey(private_pem);
    if (!derived) {
      return bad(
          "has neither \"public_key\" nor a readable PEM \"private_key\"");
    }
    key.public_key_pem = *std::move(derived);
  }
  return key;
}

}  // namespace

std::string ShortUsage(const std::string& program) {
  return absl::StrCat("usage: ", program,
                      " [--listen HOST:PORT] [--http-listen HOST:PORT]"
                      " [--tls-cert FILE --tls-key FILE]"
                      " [--operation-delay D] [--require-token] [--faults "
                      "SPEC] ...\n(",
                      program, " --help describes every flag)\n");
}

std::string Usage(const std::string& program) {
  return absl::StrCat(
      "usage: ", program, " [flags]\n",
      R"(Serves an in-memory Yandex Cloud Desktop API over gRPC (with server
reflection and grpc.health.v1) and, with --http-listen, over REST. Prints
"listening on HOST:PORT" (and "http listening on HOST:PORT") once ready;
stops on SIGINT or SIGTERM (exit 0). Usage errors exit 2, start failures 1.

Flags (a value follows as the next argument or after '='):
  --listen HOST:PORT        address to listen on; port 0 picks a free one
                            (default 127.0.0.1:0); localhost:PORT listens on
                            both 127.0.0.1 and [::1]
  --http-listen HOST:PORT   also serve the REST API (JSON over HTTP/1.1, the
                            routes of the .proto files' google.api.http
                            options) here; port 0 picks a free one; with
                            --tls-cert/--tls-key it is HTTPS
  --tls-cert FILE           serve TLS with this PEM certificate (chain) ...
  --tls-key FILE            ... and this PEM private key; both or neither
  --operation-delay DURATION
                            how long operations run before they finish
                            (default 200ms; e.g. 50ms, 2s, 1m)
  --poll-interval-hint DURATION
                            send x-operation-poll-interval (in seconds) on
                            responses that carry an Operation
  --require-token           every call except IamTokenService and
                            ApiEndpointService needs 'authorization: Bearer
                            <IAM token>' with a token this emulator issued
  --sa-key FILE             accept JWTs signed with this service-account key:
                            the JSON file 'yc iam key create' writes (its id,
                            service_account_id and public_key are used; the
                            public half of private_key if public_key is
                            absent); repeatable
  --sa-public-key SA_ID:KEY_ID:PEM_FILE
                            the same from a 'BEGIN PUBLIC KEY' PEM file;
                            repeatable
  --compute-image ID        a Compute Cloud image DesktopImageService.Copy
                            can copy from; repeatable. Without it, any id of
                            20 lowercase letters and digits names one (except
                            the emulator's own resource ids); with it, only
                            the ids given exist (others are NOT_FOUND)
  --faults SPEC             inject faults (grammar below)
  --help                    show this text

Fault spec (--faults):
  SPEC   = RULE { ";" RULE }
  RULE   = TARGET ":" FAULT { "," FAULT }
  TARGET = "*" | SERVICE | SERVICE ".*" | SERVICE "." METHOD
           SERVICE: DesktopImageService, DesktopService, DesktopGroupService,
           OperationService, IamTokenService, ApiEndpointService (or the full
           name, e.g. yandex.cloud.clouddesktop.v1.api.DesktopService)
  FAULT  = latency=DURATION          answer every call this much later
         | unavailable=SHARE         answer this share of calls UNAVAILABLE
         | resource_exhausted=SHARE  ... RESOURCE_EXHAUSTED
         | internal=SHARE            ... INTERNAL
         | not_found_polls=N         OperationService.Get answers NOT_FOUND
                                     for the first N polls of each new
                                     operation the target starts
         | op_error=CODE             operations the target starts finish with
                                     this error (RESOURCE_EXHAUSTED, 8, ...);
                                     a desktop is left CREATION_FAILED
                                     (Create, Update) or ERROR (Start,
                                     Restart)
         | health_check=DURATION     desktops that Create, Start or Restart
                                     bring up are HEALTH_CHECK this long
                                     before ACTIVE (with op_error: they fail
                                     the check)
  SHARE is a number in [0, 1]; the shares of one rule add up to at most 1.
  A more specific TARGET overrides a less specific one fault by fault
  ("*" < SERVICE < SERVICE.METHOD). OperationService.Get:not_found_polls=N
  applies to every new operation.
  Example: --faults 'DesktopService.Get:latency=200ms,unavailable=0.3;
           DesktopService.Create:op_error=RESOURCE_EXHAUSTED;*:internal=0.05'
)");
}

absl::StatusOr<CommandLine> ParseCommandLine(
    const std::vector<std::string>& args) {
  CommandLine result;
  EmulatorOptions& options = result.options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = flag.find('=');
        absl::StartsWith(flag, "--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_inline_value = true;
    }
    auto take_value = [&]() -> absl::Status {
      if (has_inline_value) return absl::OkStatus();
      if (i + 1 >= args.size()) return UsageError(flag, "needs a value");
      value = args[++i];
      return absl::OkStatus();
    };
    auto no_value = [&]() -> absl::Status {
      return has_inline_value ? UsageError(flag, "takes no value")
                              : absl::OkStatus();
    };

    if (flag == "--help" || flag == "-h") {
      if (absl::Status s = no_value(); !s.ok()) return s;
      result.help = true;
    } else if (flag == "--require-token") {
      if (absl::Status s = no_value(); !s.ok()) return s;
      options.require_token = true;
    } else if (flag == "--listen" || flag == "--http-listen" ||
               flag == "--tls-cert" || flag == "--tls-key" ||
               flag == "--operation-delay" || flag == "--faults" ||
               flag == "--poll-interval-hint" || flag == "--sa-public-key" ||
               flag == "--sa-key" || flag == "--compute-image") {
      if (absl::Status s = take_value(); !s.ok()) return s;
      if (flag == "--listen") {
        if (value.rfind(':') == std::string::npos) {
          return UsageError(flag, "expected HOST:PORT");
        }
        options.listen_address = value;
      } else if (flag == "--http-listen") {
        if (value.rfind(':') == std::string::npos) {
          return UsageError(flag, "expected HOST:PORT");
        }
        options.http_listen_address = value;
      } else if (flag == "--tls-cert") {
        options.tls_cert_file = value;
      } else if (flag == "--tls-key") {
        options.tls_key_file = value;
      } else if (flag == "--operation-delay") {
        absl::StatusOr<absl::Duration> d = ParseDurationFlag(flag, value);
        if (!d.ok()) return d.status();
        options.operation_delay = *d;
      } else if (flag == "--poll-interval-hint") {
        absl::StatusOr<absl::Duration> d = ParseDurationFlag(flag, value);
        if (!d.ok()) return d.status();
        options.poll_interval_hint = *d;
      } else if (flag == "--faults") {
        absl::StatusOr<FaultSpec> spec = ParseFaultSpec(value);
        if (!spec.ok()) return UsageError(flag, spec.status().message());
        options.faults = *std::move(spec);
      } else if (flag == "--compute-image") {
        if (value.empty()) return UsageError(flag, "needs an image id");
        ComputeImage image;
        image.id = value;
        options.compute_images.push_back(std::move(image));
      } else if (flag == "--sa-key") {
        absl::StatusOr<ServiceAccountKey> key = ReadYcKeyFile(flag, value);
        if (!key.ok()) return key.status();
        options.service_account_keys.push_back(*std::move(key));
      } else {  // --sa-public-key
        std::vector<std::string> parts =
            absl::StrSplit(value, absl::MaxSplits(':', 2));
        if (parts.size() != 3 || parts[0].empty() || parts[1].empty() ||
            parts[2].empty()) {
          return UsageError(flag, "expected SA_ID:KEY_ID:PEM_FILE");
        }
        absl::StatusOr<std::string> pem = ReadFlagFile(flag, parts[2]);
        if (!pem.ok()) return pem.status();
        options.service_account_keys.push_back(
            ServiceAccountKey{parts[0], parts[1], *std::move(pem)});
      }
    } else {
      return UsageError(flag, "unknown flag");
    }
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return UsageError("--tls-cert/--tls-key", "give both or neither");
  }
  return result;
}

}  // namespace clouddesktop::emulator::internal
