#include "clouddesktop/cli/commands.h"

#include <algorithm>
#include <memory>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/cli/errors.h"
#include "clouddesktop/cli/exit_codes.h"
#include "clouddesktop/cli/waiter.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/operation_client.h"
#include "google/protobuf/empty.pb.h"

namespace clouddesktop::cli {
namespace {

using ::google::protobuf::Message;
using RawOperation = ::yandex::cloud::operation::Operation;

void PrintResponse(const Context& ctx, const Message& response,
                   const std::string& raw_text_field) {
  if (ctx.format == Format::kText && !raw_text_field.empty()) {
    const google::protobuf::FieldDescriptor* field =
        response.GetDescriptor()->FindFieldByName(raw_text_field);
    if (field != nullptr) {
      std::string text = response.GetReflection()->GetString(response, field);
      *ctx.out << text;
      if (text.empty() || text.back() != '\n') *ctx.out << "\n";
      ctx.out->flush();
      return;
    }
  }
  PrintMessage(ctx.format, response, *ctx.out);
}

// JSON and YAML: data, even for an Empty response ("{}").
bool IsStructured(Format format) {
  return format == Format::kJson || format == Format::kJsonRest ||
         format == Format::kYaml;
}

WaitSettings SettingsFor(const Context& ctx, const std::string& label) {
  WaitSettings settings;
  settings.label = label;
  settings.show_progress = ctx.err_is_tty;
  settings.cancel_on_interrupt = ctx.cancel_on_interrupt;
  if (ctx.wait_timeout != absl::InfiniteDuration()) {
    settings.deadline = absl::Now() + ctx.wait_timeout;
  }
  settings.resume_command = ctx.ResumeCommand();
  return settings;
}

// Prints an operation that was only started, with how to wait for it.
int PrintStarted(const Context& ctx, const RawOperation& op) {
  PrintMessage(ctx.format, op, *ctx.out);
  if (ctx.format == Format::kText && !op.done()) {
    *ctx.err << "operation " << op.id()
             << " is running; wait for it with: " << ctx.ResumeCommand() << " "
             << op.id() << "\n";
  }
  return kExitOk;
}

// The exit code of a wait that did not produce a done operation, or -1.
int WaitProblem(const Context& ctx, const WaitResult& wait) {
  if (wait.interrupted) return kExitInterrupted;
  if (!wait.final.ok()) {
    PrintError("OperationService.Get", wait.final.status(), *ctx.err);
    return kExitApiError;
  }
  return -1;
}

// Waits for `op` and prints its typed response: exit 3 if it failed.
template <typename Response>
int WaitAndPrint(Context& ctx, const std::string& rpc, const RawOperation& op,
                 const WaitSettings& settings) {
  WaitResult wait = WaitForOperation(OperationClient(ctx.connections), op,
                                     settings, *ctx.err);
  if (int code = WaitProblem(ctx, wait); code >= 0) return code;
  absl::StatusOr<Response> result = OperationResult<Response>(*wait.final);
  if (!result.ok()) {
    PrintError(rpc, result.status(), *ctx.err);
    return wait.final->has_error() ? kExitOperationFailed : kExitApiError;
  }
  if (std::is_same<Response, google::protobuf::Empty>::value &&
      !IsStructured(ctx.format)) {
    *ctx.out << "operation " << op.id() << " done\n";
    ctx.out->flush();
    return kExitOk;
  }
  PrintResponse(ctx, *result, "");
  return kExitOk;
}

// The same for an operation of unknown type: its response is unpacked from
// the generated pool.
int WaitAndPrintAny(Context& ctx, const std::string& label,
                    const RawOperation& op) {
  WaitResult wait = WaitForOperation(OperationClient(ctx.connections), op,
                                     SettingsFor(ctx, label), *ctx.err);
  if (int code = WaitProblem(ctx, wait); code >= 0) return code;
  const RawOperation& final = *wait.final;
  if (final.has_error()) {
    PrintError(final.description(),
               OperationResult<google::protobuf::Empty>(final).status(),
               *ctx.err);
    return kExitOperationFailed;
  }
  std::unique_ptr<Message> response;
  if (final.has_response()) response = UnpackAnyMessage(final.response());
  if (response && !IsStructured(ctx.format) &&
      response->GetDescriptor()->full_name() == "google.protobuf.Empty") {
    *ctx.out << "operation " << final.id() << " done\n";
    ctx.out->flush();
  } else if (response) {
    PrintResponse(ctx, *response, "");
  } else {
    PrintMessage(ctx.format, final, *ctx.out);
  }
  return kExitOk;
}

template <typename Client, typename Request, typename Response>
CommandSpec Read(std::string group, std::string name, std::string summary,
                 std::string rpc, std::string id_field,
                 absl::StatusOr<Response> (Client::*method)(const Request&,
                                                            const CallOptions&)
                     const,
                 std::string raw_text_field = "") {
  CommandSpec spec;
  spec.group = std::move(group);
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.rpc = rpc;
  spec.kind = CommandKind::kRead;
  spec.request = Request::descriptor();
  spec.id_field = std::move(id_field);
  spec.raw_text_field = raw_text_field;
  spec.run = [method, rpc, raw_text_field](Context& ctx,
                                           const Message& request) -> int {
    Client client(ctx.connections);
    absl::StatusOr<Response> response =
        (client.*method)(static_cast<const Request&>(request), CallOptions());
    if (!response.ok()) {
      PrintError(rpc, response.status(), *ctx.err);
      return kExitApiError;
    }
    PrintResponse(ctx, *response, raw_text_field);
    return kExitOk;
  };
  return spec;
}

template <typename Client, typename Request, typename Item, typename Response>
CommandSpec List(std::string group, std::string name, std::string summary,
                 std::string rpc, std::string id_field,
                 PaginationRange<Item> (Client::*all)(Request, CallOptions)
                     const,
                 Future<absl::StatusOr<Response>> (Client::*page)(
                     const Request&, const CallOptions&) const) {
  CommandSpec spec;
  spec.group = std::move(group);
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.rpc = rpc;
  spec.kind = CommandKind::kList;
  spec.request = Request::descriptor();
  spec.id_field = std::move(id_field);
  spec.run = [all, page, rpc](Context& ctx, const Message& message) -> int {
    Client client(ctx.connections);
    Request request = static_cast<const Request&>(message);
    ListPrinter printer(ctx.format, Item::descriptor(), *ctx.out);
    auto full = [&]() { return ctx.limit > 0 && printer.count() >= ctx.limit; };
    if (ctx.single_page) {
      absl::StatusOr<Response> response =
          (client.*page)(request, CallOptions()).Get();
      if (!response.ok()) {
        PrintError(rpc, response.status(), *ctx.err);
        return kExitApiError;
      }
      // The page's items: its repeated field of Item.
      const google::protobuf::Descriptor* type = Response::descriptor();
      for (int i = 0; i < type->field_count(); ++i) {
        const google::protobuf::FieldDescriptor* field = type->field(i);
        if (!field->is_repeated() ||
            field->message_type() != Item::descriptor()) {
          continue;
        }
        const google::protobuf::Reflection* r = response->GetReflection();
        for (int j = 0; j < r->FieldSize(*response, field) && !full(); ++j) {
          printer.Add(r->GetRepeatedMessage(*response, field, j));
        }
      }
      printer.Finish();
      if (!response->next_page_token().empty()) {
        *ctx.err << "next page: --page-token " << response->next_page_token()
                 << "\n";
      }
      return kExitOk;
    }
    if (ctx.limit > 0 && request.page_size() == 0) {
      request.set_page_size(std::min<int64_t>(ctx.limit, 1000));
    }
    for (const absl::StatusOr<Item>& item :
         (client.*all)(std::move(request), CallOptions())) {
      if (!item.ok()) {
        // Nothing of the pages before is printed: a partial list would
        // read as a complete one.
        PrintError(rpc, item.status(), *ctx.err);
        return kExitApiError;
      }
      printer.Add(*item);
      if (full()) break;
    }
    printer.Finish();
    return kExitOk;
  };
  return spec;
}

template <typename Client, typename Request, typename Response,
          typename Metadata>
CommandSpec Mutate(
    std::string group, std::string name, std::string summary, std::string rpc,
    std::string id_field,
    Future<absl::StatusOr<clouddesktop::Operation<Response, Metadata>>> (
        Client::*start)(const Request&, const CallOptions&) const) {
  CommandSpec spec;
  spec.group = std::move(group);
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.rpc = rpc;
  spec.kind = CommandKind::kMutate;
  spec.request = Request::descriptor();
  spec.id_field = std::move(id_field);
  spec.run = [start, rpc](Context& ctx, const Message& request) -> int {
    Client client(ctx.connections);
    auto started =
        (client.*start)(static_cast<const Request&>(request), CallOptions());
    // Ctrl-C during the call: its answer names the operation, which is
    // then reported with the command that resumes (or is cancelled).
    WaitSettings settings = SettingsFor(ctx, rpc);
    StartOutcome outcome =
        AwaitStart([&started](absl::Duration d) { return started.WaitFor(d); },
                   settings, *ctx.err);
    if (outcome == StartOutcome::kAbandoned) {
      started.Cancel();
      return kExitInterrupted;
    }
    absl::StatusOr<clouddesktop::Operation<Response, Metadata>> op =
        started.Get();
    if (!op.ok()) {
      PrintError(rpc, op.status(), *ctx.err);
      return kExitApiError;
    }
    if (outcome == StartOutcome::kInterrupted) {
      settings.interrupted_before_start = true;
    } else if (!ctx.wait) {
      return PrintStarted(ctx, op->proto());
    }
    return WaitAndPrint<Response>(ctx, rpc, op->proto(), settings);
  };
  return spec;
}

CommandSpec WaitOperation() {
  CommandSpec spec;
  spec.group = "operations";
  spec.name = "wait";
  spec.summary =
      "Wait for an operation to finish and print its result (resumes a wait)";
  spec.rpc = "OperationService.Get";
  spec.kind = CommandKind::kOperation;
  spec.request = operation::GetOperationRequest::descriptor();
  spec.id_field = "operation_id";
  spec.run = [](Context& ctx, const Message& message) -> int {
    const auto& request =
        static_cast<const operation::GetOperationRequest&>(message);
    RawOperation op;
    op.set_id(request.operation_id());
    return WaitAndPrintAny(ctx, "operation", op);
  };
  return spec;
}

CommandSpec CancelOperation() {
  CommandSpec spec;
  spec.group = "operations";
  spec.name = "cancel";
  spec.summary = "Ask the service to cancel an operation";
  spec.rpc = "OperationService.Cancel";
  spec.kind = CommandKind::kOperation;
  spec.request = operation::CancelOperationRequest::descriptor();
  spec.id_field = "operation_id";
  spec.run = [](Context& ctx, const Message& message) -> int {
    OperationClient client(ctx.connections);
    absl::StatusOr<RawOperation> op = client.CancelOperation(
        static_cast<const operation::CancelOperationRequest&>(message));
    if (!op.ok()) {
      PrintError("OperationService.Cancel", op.status(), *ctx.err);
      return kExitApiError;
    }
    if (!ctx.wait) return PrintStarted(ctx, *op);
    return WaitAndPrintAny(ctx, "OperationService.Cancel", *op);
  };
  return spec;
}

std::vector<CommandSpec> MakeCommands() {
  return {
  // One row per RPC of the three services, generated (tools/generate.sh).
#include "clouddesktop/cli/service_commands.inc"

      // operations: OperationService
      Read("operations", "get", "Show the current state of an operation",
           "OperationService.Get", "operation_id",
           &OperationClient::GetOperation),
      WaitOperation(),
      CancelOperation(),
  };
}

}  // namespace

std::string Context::ResumeCommand() const {
  std::string flags = ConnectionFlagsForResume(connection_flags);
  return absl::StrCat("clouddesktop ", flags, flags.empty() ? "" : " ",
                      "operations wait");
}

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec>* commands =
      new std::vector<CommandSpec>(MakeCommands());
  return *commands;
}

const std::vector<CommandGroup>& CommandGroups() {
  static const std::vector<CommandGroup>* groups =
      new std::vector<CommandGroup>{
          {"images", "Desktop images (DesktopImageService)"},
          {"desktops", "Desktops (DesktopService)"},
          {"groups",
           "Desktop groups and their access bindings (DesktopGroupService)"},
          {"operations", "Long-running operations (OperationService)"},
      };
  return *groups;
}

}  // namespace clouddesktop::cli
