// Command-line flags derived from a request message's fields by protobuf
// reflection, so that every request field is a flag without a line of code
// per field: `folder_id` is `--folder-id`, a field of a nested message is
// `--resources-spec.cores`, and the help text comes from the field's type
// and its (yandex.cloud.*) validation options.

#ifndef CLOUDDESKTOP_CLI_REQUEST_FLAGS_H_
#define CLOUDDESKTOP_CLI_REQUEST_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop::cli {

// How a flag's values set its field.
enum class FlagShape {
  // string, number, bool or enum (by name): one value; the last one wins.
  kScalar,
  // A repeated scalar: comma-separated values, and the flag may repeat.
  kRepeatedScalar,
  // A map: `k=v,k2=v2`, and the flag may repeat.
  kMap,
  // A message (or a well-known type such as Timestamp) as JSON, in
  // protobuf's JSON mapping. Its fields also have flags of their own.
  kMessage,
  // An empty message (AutoUpdatePolicy): the flag takes no value and sets it.
  kPresence,
  // A repeated message: each occurrence is a JSON object (one element), a
  // JSON array (several), or `sub=v,sub.field=v` naming the element's
  // fields.
  kRepeatedMessage,
  // google.protobuf.FieldMask: comma-separated field paths.
  kFieldMask,
};

// One flag of one request field.
struct RequestFlag {
  // "--resources-spec.cores".
  std::string name;
  // From the request down to the field.
  std::vector<const google::protobuf::FieldDescriptor*> path;
  FlagShape shape = FlagShape::kScalar;
  // For the help text: STRING, INT, ENUM, K=V,..., JSON, ...
  std::string value_name;
  // The field's type and rules, e.g. "string; required; length <=50".
  std::string description;

  // `resources_spec.cores`.
  std::string FieldPath() const;
  // Whether the values arrive split at commas (CLI11's delimiter).
  bool SplitsAtCommas() const {
    return shape == FlagShape::kRepeatedScalar || shape == FlagShape::kMap ||
           shape == FlagShape::kFieldMask;
  }
};

// For a request with an `update_mask` that was left empty: sets it to
// `given` (the field paths the user gave, by flag or --request-json) minus
// `id_field`, so that an update command changes only what it names, as yc
// does. An empty mask would make the service reset every other field to its
// default (the API reference of every Update). Does nothing when the request
// has no update_mask or the user set one.
void DefaultUpdateMask(const std::vector<std::string>& given,
                       absl::string_view id_field,
                       google::protobuf::Message* request);

// Every flag of `request`: one per field, in declaration order, depth
// first; singular message fields get a JSON flag and, recursively, one flag
// per subfield. Pure function of the descriptor; cheap enough per run.
std::vector<RequestFlag> RequestFlags(
    const google::protobuf::Descriptor* request);

// Sets `flag`'s field in `request` from every value the command line gave
// (in order), replacing what the field held (from --request-json, say).
// INVALID_ARGUMENT naming the flag for a value that does not parse.
absl::Status ApplyRequestFlag(const RequestFlag& flag,
                              const std::vector<std::string>& values,
                              google::protobuf::Message* request);

// The flag for a field path as the API reports it in errors
// (`users[0].subject_id` -> `--users`, `resources_spec.cores` ->
// `--resources-spec.cores`, `labels["Env"]` -> `--labels`,
// `update_mask.paths[1]` -> `--update-mask`).
std::string FlagForFieldPath(absl::string_view field_path);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_REQUEST_FLAGS_H_
