// Client-side (and emulator-side) validation of Cloud Desktop API messages
// against the (yandex.cloud.*) options of their .proto definitions:
// required, length, pattern, value, size, unique, map_key, bytes and, on
// oneofs, exactly_one. The rules are read from the descriptors at run time,
// so they are written only once, in the .proto files.
//
// Semantics (the service's where known; the choices are marked):
//  - required: a string must be non-empty, a message present, an enum or any
//    other scalar non-zero, a repeated or map field non-empty.
//    `required = false` checks nothing.
//  - A singular field that is not set is not checked by length, pattern,
//    bytes or value: for proto3 fields without presence, "not set" means the
//    default (empty string, 0); fields with presence (`optional`, oneof
//    members) use has-bits. So page_size = 0 passes "value=0-1000",
//    memory = 0 passes "value=>=1" (memory is not required), and an empty
//    name passes its pattern. Set-but-wrong values are reported. (Choice:
//    the service may reject an empty value whose pattern has no empty
//    alternative, e.g. CreateDesktopGroupRequest.name; being lenient here
//    never blocks a request the service would accept.)
//  - Elements of repeated fields and map keys and values always exist, so
//    they are always checked as they are (an empty map key fails "1-63").
//  - Every value of a proto `string` field (map keys and values included)
//    must be valid UTF-8, with or without other rules: the wire format
//    requires it, and protobuf would log the error and send the request
//    anyway, for the server to fail parsing it. Reported as rule "utf8"
//    naming the byte offset (never the value), instead of the value's other
//    rules. `bytes` fields are not checked.
//  - length counts characters (UTF-8 code points) of string values and bytes
//    of bytes values; bytes counts bytes.
//  - pattern must match the whole value (RE2 syntax).
//  - size bounds the element count of a repeated or map field and applies even
//    when the field is empty ("size=>0" makes a list mandatory).
//  - unique: the elements of a repeated field are pairwise distinct.
//  - On a map, length/pattern/value apply to each value, map_key to each key.
//  - exactly_one: one member of the oneof is set.
//  - Set message fields, every element of a repeated message field and every
//    message map value are validated recursively; google.protobuf.Any is
//    never opened.

#ifndef CLOUDDESKTOP_VALIDATION_H_
#define CLOUDDESKTOP_VALIDATION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/protobuf/message.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Payload key of the machine-readable violation list attached to an
// INVALID_ARGUMENT status: the value is a serialized google.rpc.BadRequest,
// so the same payload can travel as gRPC status details.
inline constexpr absl::string_view kBadRequestTypeUrl =
    "type.googleapis.com/google.rpc.BadRequest";

// One broken rule.
struct FieldViolation {
  // Path from the validated message, with proto field names:
  // `desktop_id`, `resources_spec.cores`, `users[0].subject_id`,
  // `labels["Env"]`, or the oneof name for exactly_one.
  std::string field;
  // The rule: required, length, pattern, value, size, unique, map_key,
  // exactly_one, bytes or utf8.
  std::string rule;
  // What is wrong, e.g. `key must match [a-z][-_0-9a-z]*`.
  std::string description;

  // Field by field.
  friend bool operator==(const FieldViolation& a, const FieldViolation& b) {
    return a.field == b.field && a.rule == b.rule &&
           a.description == b.description;
  }
};

// Checks `message` and everything inside it. Returns OK, or
// INVALID_ARGUMENT with the message
//   invalid <message full name>: <path>: <description>; <path>: ...
// listing every violation in field declaration order (map entries by key),
// and a google.rpc.BadRequest payload under kBadRequestTypeUrl with one
// (field, description, reason = rule) entry per violation. If an option in
// the .proto is itself malformed (unparsable bound, bad regular expression,
// rule on a field of the wrong type), returns INTERNAL naming the field and
// the option instead.
//
// Thread-safe. Cost: the first call for a message type parses the options of
// that type and of every type reachable from it and compiles their regular
// expressions, once per process; later calls take no lock and allocate
// nothing when the message is valid. Generated message classes are read
// directly from their fields, at well under the cost of serialising the
// message (bench/validation_bench.cc); other messages (DynamicMessage) go
// through Reflection, several times slower, and protobuf may allocate the
// first time reflection reads a map field of a given message object.
absl::Status Validate(const google::protobuf::Message& message);

// The violations carried by a status from Validate (or any status with a
// google.rpc.BadRequest payload under kBadRequestTypeUrl); empty if there is
// none. `rule` is BadRequest's `reason`.
std::vector<FieldViolation> ValidationViolations(const absl::Status& status);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_VALIDATION_H_
