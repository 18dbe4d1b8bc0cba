// The compiled validation plan of a message type: the (yandex.cloud.*) options
// of its fields and oneofs, parsed and with their regular expressions
// compiled, and links to the plans of the message types to recurse into.
// Plans are built on first use, cached per Descriptor for the life of the
// process and immutable once published, so validation itself takes no lock
// and allocates nothing. Fields are read through Reflection only, so any
// protobuf version (a monorepo's own) and any message form (generated or
// dynamic) is read the same way.

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clouddesktop/internal/validation_rules.h"
#include "clouddesktop/version.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Checks on one value: a singular field, an element of a repeated field, or a
// map key or value. All optional; an empty set checks nothing.
struct ValueChecks {
  // Characters (UTF-8 code points) for string, bytes for bytes values.
  std::optional<Bound> length;
  // Bytes, whatever the type ((yandex.cloud.bytes)).
  std::optional<Bound> bytes;
  // Full-match regular expression.
  std::unique_ptr<Pattern> pattern;
  // Numeric (or enum number) bounds.
  std::optional<Bound> value;
  // A proto `string` (not `bytes`) value: must be valid UTF-8, as the wire
  // format requires (protobuf would log and send it; the server would fail
  // to parse the request).
  bool utf8 = false;
  // Sizes in bytes at which `length` and `bytes` certainly hold, so that most
  // strings are cleared without counting characters (see SetQuickRange).
  size_t quick_min = 0;
  size_t quick_max = ~size_t{0};

  bool empty() const {
    return !length && !bytes && !pattern && !value && !utf8;
  }
};

struct MessagePlan;

// One step of a plan: either a field or a oneof marked exactly_one.
struct FieldPlan {
  enum class Shape { kSingular, kRepeated, kMap };

  // Set for a field step.
  const google::protobuf::FieldDescriptor* field = nullptr;
  // Facts about `field` copied out of the descriptor: FieldDescriptor
  // resolves types lazily (a call_once per query), too slow for the walk.
  Shape shape = Shape::kSingular;
  bool has_presence = false;
  // The checked values: the field's own, or the map entry's key and value.
  const google::protobuf::FieldDescriptor* key_field = nullptr;
  const google::protobuf::FieldDescriptor* value_field = nullptr;
  google::protobuf::FieldDescriptor::CppType key_type =
      google::protobuf::FieldDescriptor::CPPTYPE_INT32;
  google::protobuf::FieldDescriptor::CppType value_type =
      google::protobuf::FieldDescriptor::CPPTYPE_INT32;
  bool value_is_bytes = false;

  // Set for an exactly_one step (and `field` is null).
  const google::protobuf::OneofDescriptor* exactly_one = nullptr;

  bool required = false;
  // Element count of a repeated or map field.
  std::optional<Bound> size;
  // Elements of a repeated field must be pairwise distinct.
  bool unique = false;
  // The value itself, each element, or each map value.
  ValueChecks value;
  // Each map key ((yandex.cloud.map_key)).
  ValueChecks key;
  // Plan of the message type of the value (or map value) when that type, or
  // one reachable from it, has checks; null means "do not recurse".
  const MessagePlan* child = nullptr;
};

struct MessagePlan {
  const google::protobuf::Descriptor* descriptor = nullptr;
  // The Reflection of the type's generated class, if it has one (public
  // API: the generated factory's prototype), so the walk can tell generated
  // objects (one map entry per key) from dynamic ones.
  const google::protobuf::Reflection* generated_reflection = nullptr;
  // In declaration order; an exactly_one step comes just before the first
  // field of its oneof. Fields with nothing to check are left out.
  std::vector<FieldPlan> steps;
  // False when neither this type nor any type reachable from it has checks;
  // such messages are not walked at all.
  bool has_checks = false;
  // Not OK if an option of this type, or of a type reachable from it, is
  // malformed (bad spec, bad regular expression, rule on a field of the
  // wrong type); the message names the field and the option.
  absl::Status status;
};

// Returns the plan of `descriptor`, building it (and the plans of every type
// reachable from it) on first use. Thread-safe and lock-free once built. The
// plan lives as long as the process; so must the descriptor's pool, because
// plans are keyed by address.
const MessagePlan& PlanFor(const google::protobuf::Descriptor* descriptor);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_
