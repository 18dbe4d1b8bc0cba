#include "clouddesktop/cli/app.h"

#include <grpc/support/log.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/cli/bounded_read.h"
#include "clouddesktop/cli/commands.h"
#include "clouddesktop/cli/connection_flags.h"
#include "clouddesktop/cli/demo.h"
#include "clouddesktop/cli/emulator_command.h"
#include "clouddesktop/cli/errors.h"
#include "clouddesktop/cli/exit_codes.h"
#include "clouddesktop/cli/flag_suggestions.h"
#include "clouddesktop/cli/output.h"
#include "clouddesktop/cli/request_flags.h"
#include "clouddesktop/cli/yc_config.h"
#include "clouddesktop/cli/yc_defaults.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/name_resolver.h"
#include "clouddesktop/options.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"
#include "google/protobuf/util/json_util.h"

namespace clouddesktop::cli {
namespace {

using ::google::protobuf::Message;

constexpr char kProgram[] = "clouddesktop";

// --request-json: gRPC's default receive limit is 4 MiB, so a larger request
// could not be sent anyway.
constexpr size_t kMaxRequestJsonBytes = 4 << 20;

// The resource a command's id field names, for --name.
enum class Resource { kNone, kImage, kDesktop, kGroup, kOperation };

Resource ResourceOf(const CommandSpec& spec) {
  if (spec.id_field == "desktop_id") return Resource::kDesktop;
  if (spec.id_field == "desktop_group_id" || spec.id_field == "resource_id") {
    return Resource::kGroup;
  }
  // `images copy` takes a Compute Cloud image's id, not one of ours.
  if (spec.id_field == "image_id" && spec.name != "copy") {
    return Resource::kImage;
  }
  if (spec.id_field == "operation_id") return Resource::kOperation;
  return Resource::kNone;
}

const char* ResourceName(Resource r) {
  switch (r) {
    case Resource::kImage:
      return "desktop image";
    case Resource::kDesktop:
      return "desktop";
    case Resource::kGroup:
      return "desktop group";
    case Resource::kOperation:
      return "operation";
    case Resource::kNone:
      break;
  }
  return "";
}

// One API command as bound to its CLI11 subcommand: where the parser
// stores each flag's values.
struct BoundCommand {
  const CommandSpec* spec = nullptr;
  CLI::App* app = nullptr;
  std::vector<RequestFlag> flags;
  std::vector<std::vector<std::string>> values;  // per flag
  std::vector<CLI::Option*> options;             // per flag
  std::string id_value;
  CLI::Option* id_option = nullptr;
  // yc's --id and --name for the resource the command takes; --folder-id
  // for --name where the request has no folder_id of its own.
  Resource resource = Resource::kNone;
  std::string id_flag_value;
  CLI::Option* id_flag_option = nullptr;
  std::string name_value;
  CLI::Option* name_option = nullptr;
  std::string folder_value;
  CLI::Option* folder_option = nullptr;
  std::string request_json;
  bool async = false;
  bool wait = false;
  bool cancel_on_interrupt = false;
  std::string wait_timeout;
  int64_t limit = 0;
};

// CLI11 check for a duration flag (CLI11 puts the flag's name in front).
std::function<std::string(const std::string&)> DurationCheck() {
  return [](const std::string& value) -> std::string {
    absl::StatusOr<absl::Duration> d = ParsePositiveDuration("", value);
    return d.ok() ? "" : std::string(d.status().message());
  };
}

std::string CommandPath(const BoundCommand& b) {
  return absl::StrCat(kProgram, " ", b.spec->group, " ", b.spec->name);
}

void Bind(BoundCommand& b) {
  const CommandSpec& spec = *b.spec;
  CLI::App* app = b.app;
  b.flags = RequestFlags(spec.request);
  b.values.resize(b.flags.size());
  std::string fields_group =
      absl::StrCat("Request fields (", spec.request->full_name(), ")");

  if (!spec.id_field.empty()) {
    std::string positional = absl::AsciiStrToUpper(spec.id_field);
    std::string flag = FlagForFieldPath(spec.id_field);
    b.id_option = app->add_option(positional, b.id_value,
                                  absl::StrCat("the same as ", flag))
                      ->type_name("");
  }
  b.resource = ResourceOf(spec);
  if (b.resource != Resource::kNone) {
    const std::string group = "Resource (as yc)";
    b.id_flag_option =
        app->add_option("--id", b.id_flag_value,
                        absl::StrCat("the ", ResourceName(b.resource),
                                     "'s id (the same as ",
                                     FlagForFieldPath(spec.id_field), ")"))
            ->type_name("ID")
            ->group(group);
    // A request with a `name` of its own (update commands, copies) keeps
    // --name for that field.
    if (b.resource != Resource::kOperation &&
        spec.request->FindFieldByName("name") == nullptr) {
      b.name_option =
          app->add_option("--name", b.name_value,
                          absl::StrCat("the ", ResourceName(b.resource),
                                       "'s name, resolved to its id in the "
                                       "folder (one List call)"))
              ->type_name("NAME")
              ->group(group);
      if (spec.request->FindFieldByName("folder_id") == nullptr) {
        b.folder_option =
            app->add_option("--folder-id", b.folder_value,
                            "the folder --name is looked up in (default: "
                            "$YC_FOLDER_ID, else the yc profile's folder-id)")
                ->type_name("ID")
                ->group(group);
      }
    }
  }
  for (size_t i = 0; i < b.flags.size(); ++i) {
    const RequestFlag& flag = b.flags[i];
    CLI::Option* option;
    if (flag.shape == FlagShape::kPresence) {
      option = app->add_flag(flag.name, flag.description);
    } else {
      option = app->add_option(flag.name, b.values[i], flag.description)
                   ->type_name(flag.value_name)
                   ->allow_extra_args(false);
      if (flag.SplitsAtCommas()) option->delimiter(',');
      if (flag.shape == FlagShape::kScalar ||
          flag.shape == FlagShape::kMessage) {
        option->expected(1)->multi_option_policy(
            CLI::MultiOptionPolicy::TakeLast);
      }
    }
    option->group(fields_group);
    b.options.push_back(option);
  }

  const std::string request_group = "Request";
  app->add_option("--request-json", b.request_json,
                  absl::StrCat("the whole ", spec.request->name(),
                               " as JSON (protobuf's JSON mapping), from FILE "
                               "or - for stdin; flags override its fields"))
      ->type_name("FILE|-")
      ->group(request_group);

  const std::string wait_group = "Waiting";
  bool mutating = spec.kind == CommandKind::kMutate;
  bool waits_always =
      spec.kind == CommandKind::kOperation && spec.name == "wait";
  bool cancel = spec.kind == CommandKind::kOperation && spec.name == "cancel";
  if (mutating || cancel) {
    app->add_flag("--async", b.async,
                  "print the started operation and return at once (by "
                  "default the command waits for it and prints its result, "
                  "with a live progress line on a terminal)")
        ->group(wait_group);
    app->add_flag("--wait", b.wait,
                  "wait for the operation: the default; accepted so that "
                  "scripts written for earlier versions keep working")
        ->group(wait_group);
  }
  if (mutating || waits_always) {
    app->add_flag("--cancel-on-interrupt", b.cancel_on_interrupt,
                  "on Ctrl-C, cancel the operation on the server and wait "
                  "for its final state (default: only stop waiting)")
        ->group(wait_group);
  }
  if (mutating || waits_always || cancel) {
    app->add_option("--wait-timeout", b.wait_timeout,
                    "stop waiting after this long (the operation goes on)")
        ->type_name("DURATION")
        ->check(DurationCheck())
        ->group(wait_group);
  }
  if (spec.kind == CommandKind::kList) {
    app->add_option("--limit", b.limit,
                    "print at most N items (default: page through all; with "
                    "--page-size only one page is fetched)")
        ->type_name("N")
        ->check(CLI::PositiveNumber)
        ->group("Listing");
  }
  app->footer(absl::StrCat(
      "Calls ", spec.rpc,
      ". Global flags (--endpoint, --format, credentials, ...) may come "
      "anywhere: see 'clouddesktop --help'.",
      spec.kind == CommandKind::kMutate
          ? "\nWaits for the operation and prints its result; with --async, "
            "prints the started operation, and 'clouddesktop operations wait "
            "ID' waits for it later."
          : ""));
}

absl::StatusOr<std::string> ReadRequestJson(const std::string& source,
                                            std::istream& in) {
  if (source == "-") {
    return ReadBoundedStream("--request-json", in, kMaxRequestJsonBytes);
  }
  return ReadBoundedFile("--request-json", source, kMaxRequestJsonBytes);
}

// The request from --request-json, the flags and the positional id.
absl::StatusOr<std::unique_ptr<Message>> BuildRequest(const BoundCommand& b,
                                                      std::istream& in) {
  const CommandSpec& spec = *b.spec;
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(spec.request)
          ->New());
  // Field paths the user gave, for an update's default mask.
  std::vector<std::string> given;
  if (!b.request_json.empty()) {
    absl::StatusOr<std::string> json = ReadRequestJson(b.request_json, in);
    if (!json.ok()) return json.status();
    google::protobuf::util::JsonParseOptions options;
    auto status = google::protobuf::util::JsonStringToMessage(
        *json, request.get(), options);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--request-json: not a valid ", spec.request->name(),
                       ": ", std::string(status.message())));
    }
    std::vector<const google::protobuf::FieldDescriptor*> set;
    request->GetReflection()->ListFields(*request, &set);
    for (const auto* field : set) given.push_back(std::string(field->name()));
  }
  for (size_t i = 0; i < b.flags.size(); ++i) {
    if (b.options[i]->count() == 0) continue;
    given.push_back(b.flags[i].FieldPath());
    absl::Status status =
        ApplyRequestFlag(b.flags[i], b.values[i], request.get());
    if (!status.ok()) return status;
  }
  // The id: positional, --id or the field's own flag (they must agree).
  bool positional = b.id_option != nullptr && b.id_option->count() > 0;
  bool id_flag = b.id_flag_option != nullptr && b.id_flag_option->count() > 0;
  if (positional || id_flag) {
    const google::protobuf::FieldDescriptor* field =
        spec.request->FindFieldByName(spec.id_field);
    const google::protobuf::Reflection* r = request->GetReflection();
    std::string flag = FlagForFieldPath(spec.id_field);
    std::string positional_name = absl::AsciiStrToUpper(spec.id_field);
    if (positional && id_flag && b.id_value != b.id_flag_value) {
      return absl::InvalidArgumentError(
          absl::StrCat(positional_name, " and --id differ: give one of them"));
    }
    const std::string& id = positional ? b.id_value : b.id_flag_value;
    for (size_t i = 0; i < b.flags.size(); ++i) {
      if (b.flags[i].name == flag && b.options[i]->count() > 0 &&
          r->GetString(*request, field) != id) {
        return absl::InvalidArgumentError(
            absl::StrCat(positional ? positional_name : "--id", " and ", flag,
                         " differ: give one of them"));
      }
    }
    r->SetString(request.get(), field, id);
  }
  if (b.name_option != nullptr && b.name_option->count() > 0) {
    const google::protobuf::FieldDescriptor* field =
        spec.request->FindFieldByName(spec.id_field);
    if (!request->GetReflection()->GetString(*request, field).empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--name and the ", ResourceName(b.resource),
                       "'s id both given: give one of them"));
    }
    if (b.name_value.empty()) {
      return absl::InvalidArgumentError("--name: empty");
    }
  }
  DefaultUpdateMask(given, spec.id_field, request.get());
  return request;
}

// A request that breaks the API's rules: which flags, before any call.
void PrintInvalidRequest(const BoundCommand& b, const absl::Status& status,
                         std::ostream& err) {
  std::vector<FieldViolation> violations = ValidationViolations(status);
  if (violations.empty()) {
    PrintUsageError(status.message(), CommandPath(b), err);
    return;
  }
  err << "clouddesktop: invalid " << b.spec->request->name()
      << " (nothing was sent):\n";
  for (const FieldViolation& v : violations) {
    std::string flag = FlagForFieldPath(v.field);
    if (v.field == b.spec->id_field) {
      flag = absl::StrCat(absl::AsciiStrToUpper(v.field),
                          b.id_flag_option != nullptr ? ", --id" : "",
                          b.name_option != nullptr ? ", --name" : "", " or ",
                          flag);
    }
    err << "  " << flag << " (" << v.field << "): " << v.description << "\n";
  }
  err << "Run '" << CommandPath(b) << " --help' for usage.\n";
}

// Sets a top-level folder_id the command line left unset to `folder_id`.
void DefaultFolderId(const std::string& folder_id,
                     google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("folder_id");
  if (folder_id.empty() || field == nullptr ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return;
  }
  const google::protobuf::Reflection* r = request.GetReflection();
  if (r->GetString(request, field).empty()) {
    r->SetString(&request, field, folder_id);
  }
}

// The id of b.name_value, by the library's resolver.
absl::StatusOr<std::string> ResolveName(const BoundCommand& b,
                                        const Connections& connections,
                                        const std::string& folder_id) {
  switch (b.resource) {
    case Resource::kImage:
      return ResolveDesktopImageId(DesktopImageClient(connections), folder_id,
                                   b.name_value);
    case Resource::kDesktop:
      return ResolveDesktopId(DesktopClient(connections), folder_id,
                              b.name_value);
    case Resource::kGroup:
      return ResolveDesktopGroupId(DesktopGroupClient(connections), folder_id,
                                   b.name_value);
    default:
      break;
  }
  return absl::InternalError("--name on a command without a resource");
}

// Checks `request` against the API's rules: -1 if valid, else the exit code
// (the violations printed).
int CheckRequest(const BoundCommand& b, const Message& request,
                 std::ostream& err) {
  absl::Status valid = Validate(request);
  if (valid.code() == absl::StatusCode::kInvalidArgument) {
    PrintInvalidRequest(b, valid, err);
    return kExitUsage;
  }
  if (!valid.ok()) {
    PrintError(b.spec->rpc, valid, err);
    return kExitApiError;
  }
  return -1;
}

int RunBound(const BoundCommand& b, ConnectionFlags connection,
             const std::string& format_name, std::istream& in,
             std::ostream& out, std::ostream& err) {
  absl::StatusOr<Format> format = ParseFormat(format_name);
  if (!format.ok()) {
    PrintUsageError(format.status().message(), kProgram, err);
    return kExitUsage;
  }
  if (b.async && b.wait) {
    PrintUsageError("--async and --wait contradict each other: give one",
                    CommandPath(b), err);
    return kExitUsage;
  }
  absl::StatusOr<std::optional<YcProfile>> profile =
      LoadYcProfile(DefaultYcConfigPath(), connection.profile);
  if (!profile.ok()) {
    PrintUsageError(profile.status().message(), kProgram, err);
    return kExitUsage;
  }
  YcDefaults defaults = ApplyYcDefaults(*profile, connection);

  absl::StatusOr<std::unique_ptr<Message>> request = BuildRequest(b, in);
  if (!request.ok()) {
    PrintUsageError(request.status().message(), CommandPath(b), err);
    return kExitUsage;
  }
  DefaultFolderId(defaults.folder_id, **request);
  bool by_name = b.name_option != nullptr && b.name_option->count() > 0;
  std::string name_folder;
  if (by_name) {
    // The folder --name is looked up in: the request's own folder_id (given
    // or defaulted), else --folder-id, else the defaults.
    const google::protobuf::FieldDescriptor* field =
        b.spec->request->FindFieldByName("folder_id");
    name_folder = field != nullptr
                      ? (*request)->GetReflection()->GetString(**request, field)
                      : b.folder_value;
    if (name_folder.empty()) name_folder = defaults.folder_id;
    if (name_folder.empty()) {
      PrintUsageError(
          absl::StrCat("--name needs a folder to look the ",
                       ResourceName(b.resource),
                       " up in: give --folder-id, set $", kFolderIdEnvVar,
                       " or folder-id in the yc profile"),
          CommandPath(b), err);
      return kExitUsage;
    }
  } else if (int code = CheckRequest(b, **request, err); code >= 0) {
    return code;
  }

  Context ctx;
  ctx.format = *format;
  ctx.out = &out;
  ctx.err = &err;
  ctx.err_is_tty = isatty(STDERR_FILENO) == 1;
  ctx.connection_flags = connection;
  bool waits_always =
      b.spec->kind == CommandKind::kOperation && b.spec->name == "wait";
  ctx.wait = waits_always || !b.async;
  ctx.cancel_on_interrupt = b.cancel_on_interrupt;
  if (!b.wait_timeout.empty()) {
    ctx.wait_timeout = *ParsePositiveDuration("--wait-timeout", b.wait_timeout);
  }
  ctx.limit = b.limit;
  for (size_t i = 0; i < b.flags.size(); ++i) {
    if (b.flags[i].name == "--page-size" && b.options[i]->count() > 0) {
      ctx.single_page = true;
    }
  }
  absl::StatusOr<ConnectionOptions> options =
      MakeConnectionOptions(connection, err);
  if (!options.ok()) {
    PrintUsageError(options.status().message(), kProgram, err);
    return kExitUsage;
  }
  if (std::getenv("GRPC_VERBOSITY") == nullptr) {
    // gRPC's own log lines (failed TLS handshakes, ...) repeat what the
    // error message says; GRPC_VERBOSITY=DEBUG brings them back.
    gpr_set_log_function([](gpr_log_func_args*) {});
  }
  if (!options->discovery_endpoint.empty()) {
    // yc's endpoint ($YC_ENDPOINT, the profile's) is ApiEndpointService:
    // ask it where the service is, as yc does.
    std::string operation_endpoint = connection.operation_endpoint;
    absl::StatusOr<ConnectionOptions> discovered =
        DiscoverEndpoints(*std::move(options));
    if (!discovered.ok()) {
      PrintError("ApiEndpointService.List", discovered.status(), err);
      err << "clouddesktop: that was ApiEndpointService.List at "
          << connection.discovery_endpoint << " (yc's endpoint: $"
          << kEndpointEnvVar
          << " or the yc profile's), asked where the Cloud Desktop API is; "
             "--endpoint HOST:PORT names that directly\n";
      return kExitApiError;
    }
    options = *std::move(discovered);
    if (!operation_endpoint.empty()) {
      options->operation_endpoint = operation_endpoint;
    }
  }
  ctx.connections = MakeConnections(*std::move(options));
  if (by_name) {
    absl::StatusOr<std::string> id =
        ResolveName(b, ctx.connections, name_folder);
    if (!id.ok()) {
      PrintError(absl::StrCat("--name ", b.name_value), id.status(), err);
      return kExitApiError;
    }
    (*request)->GetReflection()->SetString(
        request->get(), b.spec->request->FindFieldByName(b.spec->id_field),
        *id);
    if (int code = CheckRequest(b, **request, err); code >= 0) return code;
  }
  return b.spec->run(ctx, **request);
}

constexpr char kTopFooter[] =
    "Every command calls one RPC through the clouddesktop-cpp client library;\n"
    "'clouddesktop GROUP COMMAND --help' lists its flags, one per request\n"
    "field (folder_id is --folder-id, resources_spec.cores is\n"
    "--resources-spec.cores, maps take k=v,k2=v2, lists take a,b or repeat).\n"
    "\n"
    "Mutating commands wait for their operation, as yc's do; --async returns\n"
    "at once. Defaults as yc takes them, after the flags: $YC_FOLDER_ID,\n"
    "$YC_CLOUD_ID, $YC_ENDPOINT (yc's API endpoint: the service's endpoints\n"
    "are discovered there), then the yc profile (--profile, else the current\n"
    "one of ~/.config/yandex-cloud/config.yaml): folder-id, cloud-id,\n"
    "endpoint, token or service-account-key.\n"
    "\n"
    "Credentials (first that applies): --token-file, --token, --sa-key-file,\n"
    "--metadata-credentials; else $YC_IAM_TOKEN; else, for a non-local TLS\n"
    "endpoint, $YC_SERVICE_ACCOUNT_KEY_FILE, $YC_TOKEN (OAuth), the yc\n"
    "profile's token or key, or the VM's metadata service\n"
    "($YC_METADATA_ADDR, default 169.254.169.254). A local (127.0.0.1,\n"
    "localhost) or --insecure endpoint gets no credentials unless given\n"
    "some (a profile named with --profile, or whose endpoint it is, counts).\n"
    "Prefer --token-file or $YC_IAM_TOKEN to --token: a flag's value is\n"
    "visible to other users in ps.\n"
    "\n"
    "Examples:\n"
    "  clouddesktop demo\n"
    "  clouddesktop emulator --listen 127.0.0.1:50051 &\n"
    "  clouddesktop --endpoint 127.0.0.1:50051 --insecure images list \\\n"
    "      --folder-id emulator-folder --format table\n"
    "  clouddesktop desktops create --desktop-group-id ID \\\n"
    "      --users subject_id=me,subject_type=userAccount\n"
    "  clouddesktop desktops restart --name my-desktop --async\n"
    "  clouddesktop operations wait OPERATION_ID\n"
    "\n";

}  // namespace

int RunCli(int argc, const char* const* argv, std::istream& in,
           std::ostream& out, std::ostream& err) {
  CLI::App app(
      "clouddesktop: the Yandex Cloud Desktop API from the command line "
      "(clouddesktop-cpp " +
          std::string(kVersion) + ")",
      kProgram);
  app.require_subcommand(1);
  app.get_formatter()->column_width(46);
  app.footer(absl::StrCat(kTopFooter, kExitCodesHelp));
  app.set_version_flag("--version", absl::StrCat(kProgram, " ", kVersion));

  ConnectionFlags connection;
  std::string format = "text";
  const std::string kConnection = "Connection";
  app.add_option("--endpoint", connection.endpoint,
                 absl::StrCat("HOST:PORT of the Cloud Desktop API (default ",
                              kDefaultEndpoint, ")"))
      ->type_name("HOST:PORT")
      ->group(kConnection);
  app.add_option("--operation-endpoint", connection.operation_endpoint,
                 absl::StrCat("HOST:PORT of OperationService (default: "
                              "--endpoint if given, else ",
                              kDefaultOperationEndpoint, ")"))
      ->type_name("HOST:PORT")
      ->group(kConnection);
  app.add_option("--iam-endpoint", connection.iam_endpoint,
                 absl::StrCat("HOST:PORT of IamTokenService, for key and "
                              "OAuth exchanges (default: --endpoint if given, "
                              "else ",
                              kDefaultIamEndpoint, ")"))
      ->type_name("HOST:PORT")
      ->group(kConnection);
  app.add_option("--transport", connection.transport,
                 absl::StrCat("grpc (default) or rest: the REST API over "
                              "HTTP/1.1, for networks that pass no HTTP/2; "
                              "--endpoint is then the REST API's (default ",
                              kDefaultRestEndpoint, ")"))
      ->type_name("grpc|rest")
      ->check(CLI::IsMember({"grpc", "rest"}))
      ->group(kConnection);
  app.add_flag("--insecure", connection.insecure,
               "plaintext, no TLS (emulators only)")
      ->group(kConnection);
  app.add_option("--ca-cert", connection.ca_cert_file,
                 "trust these PEM roots instead of the system's")
      ->type_name("FILE")
      ->group(kConnection);
  app.add_flag("--debug", connection.debug,
               "print every RPC attempt (method, status, duration, ids) and "
               "operation poll on stderr, as CLOUDDESKTOP_LOG=rpc,wait does; "
               "never a token")
      ->group(kConnection);
  app.add_option("--timeout", connection.timeout,
                 "deadline of each RPC attempt (default 30s)")
      ->type_name("DURATION")
      ->check(DurationCheck())
      ->group(kConnection);
  const std::string kCredentials = "Credentials";
  app.add_option("--token-file", connection.token_file,
                 absl::StrCat("read an IAM token from FILE (or set $",
                              kIamTokenEnvVar, ")"))
      ->type_name("FILE")
      ->group(kCredentials);
  app.add_option("--token", connection.token,
                 "an IAM token; visible to other users in ps: prefer "
                 "--token-file or $YC_IAM_TOKEN")
      ->type_name("IAM_TOKEN")
      ->group(kCredentials);
  app.add_option("--sa-key-file", connection.sa_key_file,
                 "a service account's authorized key (JSON from 'yc iam key "
                 "create'), exchanged for IAM tokens")
      ->type_name("FILE")
      ->group(kCredentials);
  app.add_flag("--metadata-credentials", connection.metadata_credentials,
               "the token of the VM's service account, from the metadata "
               "service")
      ->group(kCredentials);
  app.add_option("--profile", connection.profile,
                 "the yc profile to take defaults from (folder-id, endpoint, "
                 "token or service-account-key); default: the current one of "
                 "~/.config/yandex-cloud/config.yaml")
      ->type_name("NAME")
      ->group(kCredentials);
  std::string cloud_id;
  app.add_option("--cloud-id", cloud_id,
                 "accepted as yc accepts it ($YC_CLOUD_ID, the profile's "
                 "cloud-id); no Cloud Desktop request takes a cloud id")
      ->type_name("ID")
      ->group(kConnection);
  app.add_option("--format", format,
                 "as yc: text (readable; lists as tables), yaml, json (proto "
                 "field names: folder_id), json-rest (REST names: folderId); "
                 "also table (aligned columns)")
      ->type_name("text|yaml|json|json-rest|table")
      ->check([](const std::string& value) -> std::string {
        return ParseFormat(value).ok()
                   ? ""
                   : absl::StrCat("\"", value, "\" is not one of ",
                                  FormatNames());
      })
      ->group("Output");

  // The API commands, from the table.
  std::map<std::string, CLI::App*> groups;
  for (const CommandGroup& group : CommandGroups()) {
    CLI::App* sub = app.add_subcommand(group.name, group.summary);
    sub->require_subcommand(1);
    sub->fallthrough();
    sub->footer("Run 'clouddesktop " + group.name +
                " COMMAND --help' for a command's flags.");
    groups[group.name] = sub;
  }
  std::vector<std::unique_ptr<BoundCommand>> bound;
  for (const CommandSpec& spec : Commands()) {
    auto b = std::make_unique<BoundCommand>();
    b->spec = &spec;
    b->app = groups.at(spec.group)->add_subcommand(spec.name, spec.summary);
    b->app->fallthrough();
    Bind(*b);
    bound.push_back(std::move(b));
  }

  CLI::App* emulator = app.add_subcommand(
      "emulator",
      "Serve an in-memory Cloud Desktop API (the flags and behaviour of "
      "//:emulator; see 'clouddesktop emulator --help')");
  emulator->prefix_command();
  emulator->set_help_flag();  // --help goes to the emulator's own parser

  DemoOptions demo_options;
  std::string demo_delay = "400ms";
  std::string demo_faults;
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Run a realistic scenario against an in-process emulator through the "
      "library, with progress and a timed summary");
  demo->add_option("--operation-delay", demo_delay,
                   "how long each emulated operation runs")
      ->type_name("DURATION")
      ->capture_default_str()
      ->check(DurationCheck());
  demo->add_option("--faults", demo_faults,
                   "emulator fault spec, e.g. "
                   "'DesktopService.Restart:op_error=INTERNAL'")
      ->type_name("SPEC");
  demo->footer(
      "Creates a desktop group, two desktops, an image copied from a desktop;\n"
      "lists images and desktops; updates the image's labels; restarts a\n"
      "desktop; deletes everything. Exits 0 only if every step succeeded.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    // The command as far as it was recognised, for the --help hint.
    std::string command = kProgram;
    const CLI::App* current = &app;
    while (!current->get_subcommands().empty()) {
      current = current->get_subcommands().front();
      absl::StrAppend(&command, " ", current->get_name());
    }
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      // An unknown flag: name the nearest one this command takes.
      std::string suggestion = SuggestFlags(*current, app.remaining(true));
      if (!suggestion.empty()) message = suggestion;
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
        current->get_require_subcommand_min() > 0) {
      // A group without (or with an unknown) command: name the choices.
      std::vector<std::string> names;
      for (const CLI::App* sub :
           current->get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
      }
      std::vector<std::string> rest = app.remaining(true);
      message = absl::StrCat(
          rest.empty() ? "a command is required"
                       : absl::StrCat("unknown command \"", rest.front(), "\""),
          "; one of: ", absl::StrJoin(names, ", "));
    }
    PrintUsageError(message, command, err);
    return kExitUsage;
  }

  if (emulator->parsed()) {
    return RunEmulatorCommand(emulator->remaining(), out, err);
  }
  if (demo->parsed()) {
    demo_options.operation_delay =
        *ParsePositiveDuration("--operation-delay", demo_delay);
    demo_options.faults = demo_faults;
    demo_options.rest = connection.transport == "rest";
    demo_options.show_progress = isatty(STDERR_FILENO) == 1;
    return RunDemo(demo_options, out, err);
  }
  for (const auto& b : bound) {
    if (b->app->parsed()) {
      return RunBound(*b, connection, format, in, out, err);
    }
  }
  PrintUsageError("no command given", kProgram, err);
  return kExitUsage;
}

}  // namespace clouddesktop::cli
