#include "emulator/internal/command_line.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace emulator::internal {
namespace {

absl::Status UsageError(absl::string_view flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(flag, ": ", what));
}

absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view flag,
                                                 absl::string_view value) {
  absl::Duration duration;
  if (!absl::ParseDuration(value, &duration) ||
      duration < absl::ZeroDuration() ||
      duration == absl::InfiniteDuration()) {
    return UsageError(flag, absl::StrCat("\"", value,
                                         "\" is not a duration such as "
                                         "500ms, 2s or 1m"));
  }
  return duration;
}

}  // namespace

std::string Usage(const std::string& program) {
  return absl::StrCat(
      "usage: ", program, " [flags]\n",
      "Serves an in-memory Yandex Cloud Desktop API over gRPC.\n"
      "  --listen HOST:PORT            address to listen on (default "
      "127.0.0.1:0; port 0 picks one)\n"
      "  --tls-cert FILE --tls-key FILE  serve TLS with this PEM certificate "
      "and key\n"
      "  --operation-delay DURATION    how long operations run (default "
      "200ms)\n"
      "  --require-token               require 'authorization: Bearer <IAM "
      "token>'\n"
      "  --faults SPEC                 inject faults, e.g. "
      "'DesktopService.Get:latency=200ms,unavailable=0.3'\n"
      "  --poll-interval-hint DURATION send x-operation-poll-interval on "
      "operations\n"
      "  --sa-public-key SA_ID:KEY_ID:PEM_FILE  accept JWTs signed with this "
      "key (repeatable)\n"
      "  --help                        show this text\n"
      "Prints 'listening on HOST:PORT' once ready; stops on SIGINT/SIGTERM.\n");
}

absl::StatusOr<CommandLine> ParseCommandLine(
    const std::vector<std::string>& args) {
  CommandLine result;
  EmulatorOptions& options = result.options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = flag.find('='); absl::StartsWith(flag, "--") &&
                                    eq != std::string::npos) {
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
    } else if (flag == "--listen" || flag == "--tls-cert" ||
               flag == "--tls-key" || flag == "--operation-delay" ||
               flag == "--faults" || flag == "--poll-interval-hint" ||
               flag == "--sa-public-key") {
      if (absl::Status s = take_value(); !s.ok()) return s;
      if (flag == "--listen") {
        if (value.rfind(':') == std::string::npos) {
          return UsageError(flag, "expected HOST:PORT");
        }
        options.listen_address = value;
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
      } else {  // --sa-public-key
        std::vector<std::string> parts =
            absl::StrSplit(value, absl::MaxSplits(':', 2));
        if (parts.size() != 3 || parts[0].empty() || parts[1].empty() ||
            parts[2].empty()) {
          return UsageError(flag, "expected SA_ID:KEY_ID:PEM_FILE");
        }
        std::ifstream in(parts[2], std::ios::binary);
        if (!in) {
          return UsageError(flag, absl::StrCat("cannot read ", parts[2]));
        }
        std::stringstream pem;
        pem << in.rdbuf();
        options.service_account_keys.push_back(
            ServiceAccountKey{parts[0], parts[1], pem.str()});
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

}  // namespace emulator::internal
