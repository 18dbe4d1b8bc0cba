// The compiled validation plan of a message type: the (yandex.cloud.*) options
// of its fields and oneofs, parsed and with their regular expressions
// compiled, links to the plans of the message types to recurse into and, for
// generated classes, where each checked field lives in the object (see
// validation_layout.h). Plans are built on first use, cached per Descriptor
// (and per generated class) for the life of the process and immutable once
// published, so validation itself takes no lock and allocates nothing.

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>
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
  // Sizes in bytes at which `length` and `bytes` certainly hold, so that most
  // strings are cleared without counting characters (see SetQuickRange).
  size_t quick_min = 0;
  size_t quick_max = ~size_t{0};

  bool empty() const { return !length && !bytes && !pattern && !value; }
};

struct MessagePlan;

// One step of a plan: either a field or a oneof marked exactly_one.
struct FieldPlan {
  enum class Shape { kSingular, kRepeated, kMap };
  // "No such offset or index" in the layout fields below.
  static constexpr uint32_t kNone = ~uint32_t{0};

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

  // Direct access (validation_layout.h), for objects of the plan's generated
  // class; set by LocateFields once the layout was checked on a probe
  // object. Otherwise the field is read through Reflection.
  bool direct = false;
  // The field's storage: for a member of a real oneof, the oneof's storage.
  uint32_t offset = 0;
  // Index in the has-bits array, or kNone.
  uint32_t has_bit = kNone;
  // Offset of the case word of the field's real oneof (or of the oneof of an
  // exactly_one step), or kNone.
  uint32_t oneof_case = kNone;
  // The field number (what the case word holds when the member is set).
  uint32_t number = 0;
};

// One step of the quick pass over an object of a generated class: the facts
// of a direct step that most values need, packed together (a FieldPlan is
// about a kilobyte, mostly rules that matter only when a value is wrong).
// A quick step only clears values that certainly pass; anything else (an
// empty required value, a value outside the quick ranges, a pattern that
// does not match, presence to ask about) is handed to the full check of
// `step`, which then decides and reports exactly as without the quick pass.
struct QuickStep {
  enum class Op : uint8_t {
    kString,           // singular string or bytes
    kNumber,           // singular int32, int64, enum or bool
    kMessage,          // singular message
    kRepeatedMessage,  // repeated message, no unique rule
    kRepeatedString,   // repeated string or bytes
    kStringMap,        // map<string, string>
    kFull,             // anything else: the full check of `step`
  };
  Op op = Op::kFull;
  google::protobuf::FieldDescriptor::CppType type =
      google::protobuf::FieldDescriptor::CPPTYPE_INT32;
  bool required = false;
  bool has_presence = false;
  // kNumber: whether a value rule applies (then in [int_min, int_max]).
  bool has_value_rule = false;
  uint32_t offset = 0;
  uint32_t has_bit = 0;
  uint32_t oneof_case = 0;
  uint32_t number = 0;
  // kString, kRepeatedString, kStringMap (values): sizes that pass length
  // and bytes, and the pattern if any.
  size_t quick_min = 0;
  size_t quick_max = 0;
  const Pattern* pattern = nullptr;
  // kStringMap: the same for keys.
  size_t key_quick_min = 0;
  size_t key_quick_max = 0;
  const Pattern* key_pattern = nullptr;
  // kRepeatedString: elements must be pairwise distinct.
  bool unique = false;
  // kNumber: the admitted values (for an integral rule).
  int64_t int_min = 0;
  int64_t int_max = 0;
  // kRepeated*, kStringMap: the admitted element counts.
  size_t count_min = 0;
  size_t count_max = 0;
  // kMessage, kRepeatedMessage: the plan to recurse into, or null.
  const MessagePlan* child = nullptr;
  const FieldPlan* step = nullptr;
};

struct MessagePlan {
  const google::protobuf::Descriptor* descriptor = nullptr;
  // For a type with generated C++ code: its class and reflection, so that
  // the walk can skip Message::GetReflection() (a call_once and a TLS access
  // per call) for messages of exactly that class. Null otherwise.
  const std::type_info* generated_class = nullptr;
  const google::protobuf::Reflection* generated_reflection = nullptr;
  // Layout facts of the generated class shared by its fields (valid when a
  // step is `direct`): where the has-bits are, and the default instance
  // (whose message fields are never present).
  uint32_t has_bits_offset = 0;
  const google::protobuf::Message* default_instance = nullptr;
  // In declaration order; an exactly_one step comes just before the first
  // field of its oneof. Fields with nothing to check are left out.
  std::vector<FieldPlan> steps;
  // For a generated class whose layout was checked: one quick step per step,
  // in the same order (empty otherwise). Objects of the generated class are
  // walked through these.
  std::vector<QuickStep> quick;
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

// The plan of `message`'s type. For a generated class it is found by the
// class alone, without Message::GetDescriptor() (a call_once per call).
const MessagePlan& PlanFor(const google::protobuf::Message& message);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_PLAN_H_
