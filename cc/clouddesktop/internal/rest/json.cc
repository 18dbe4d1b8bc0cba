#include "clouddesktop/internal/rest/json.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

namespace pbu = ::google::protobuf::util;

pbu::JsonPrintOptions RestJsonPrintOptions() {
  pbu::JsonPrintOptions options;
  options.add_whitespace = false;
  options.always_print_primitive_fields = false;
  options.preserve_proto_field_names = false;
  options.always_print_enums_as_ints = false;
  return options;
}

pbu::JsonParseOptions RestJsonParseOptions() {
  pbu::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  return options;
}

absl::StatusOr<std::string> ToRestJson(
    const google::protobuf::Message& message) {
  std::string out;
  auto status = pbu::MessageToJsonString(message, &out, RestJsonPrintOptions());
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print ", message.GetTypeName(),
                     " as JSON: ", status.message().ToString()));
  }
  return out;
}

void InitRestJson() {
  static const bool done = [] {
    // Both directions, through an Any (the converters' type tables) and a
    // google.rpc.Status (every error answer).
    google::rpc::Status status;
    status.set_code(3);
    status.set_message("x");
    status.add_details()->PackFrom(google::rpc::BadRequest());
    absl::StatusOr<std::string> json = ToRestJson(status);
    google::rpc::Status parsed;
    return json.ok() && MergeRestJson(*json, &parsed).ok();
  }();
  (void)done;
}

absl::Status MergeRestJson(absl::string_view json,
                           google::protobuf::Message* message) {
  // Parse into a fresh message: JsonStringToMessage clears its target.
  std::unique_ptr<google::protobuf::Message> parsed(message->New());
  auto status = pbu::JsonStringToMessage(std::string(json), parsed.get(),
                                         RestJsonParseOptions());
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the JSON is not a valid ", message->GetTypeName(), ": ",
                     status.message().ToString()));
  }
  message->MergeFrom(*parsed);
  return absl::OkStatus();
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
