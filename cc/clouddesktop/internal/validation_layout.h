// Direct reads of the fields of generated message classes, for the
// validation walk.
//
// Why: in protobuf 3.21 one Reflection read costs 100-200 instructions (usage
// checks, field types resolved lazily behind a call_once that touches
// thread-local storage, offset lookups), so a walk over a large request
// through Reflection costs several times the serialisation of the request.
// Reflection itself finds a field of a generated class through the class's
// ReflectionSchema (field offsets, has-bit indices, oneof case offsets).
// LocateFields copies what the walk needs from that schema into the plan once
// per type, then checks every located field against Reflection on a probe
// object; the readers below repeat Reflection's reads for the plain cases.
// Fields that are not plain (weak, inlined or non-default-ctype strings,
// strings with a custom default, maps other than map<string, string>), types
// other than generated classes, and protobuf versions other than 3.21 stay
// on Reflection.
//
// Only for objects whose class is the plan's generated class (checked by the
// walk with typeid).

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_LAYOUT_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_LAYOUT_H_

#include <cstdint>
#include <string>

#include "clouddesktop/internal/validation_plan.h"
#include "clouddesktop/version.h"
#include "google/protobuf/arenastring.h"
#include "google/protobuf/map.h"
#include "google/protobuf/map_field.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Fills the layout fields of the steps of `plan` (a plan of a generated
// class, steps final), sets `direct` on those it could locate and check, and
// builds the plan's quick steps. Called once per type while plans are built.
void LocateFields(MessagePlan* plan);

namespace layout {

template <typename T>
const T& At(const google::protobuf::Message& m, uint32_t offset) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(&m) +
                                     offset);
}

inline bool OneofCaseIs(const google::protobuf::Message& m,
                        const FieldPlan& step) {
  return At<uint32_t>(m, step.oneof_case) == step.number;
}

// Reflection::HasOneof.
inline bool HasOneof(const google::protobuf::Message& m,
                     const FieldPlan& step) {
  return At<uint32_t>(m, step.oneof_case) != 0;
}

// Reflection::HasField of a singular field. LocateFields leaves a field
// with presence but neither a oneof nor a has-bit on Reflection.
inline bool HasField(const google::protobuf::Message& m,
                     const MessagePlan& plan, const FieldPlan& step) {
  if (step.oneof_case != FieldPlan::kNone) return OneofCaseIs(m, step);
  if (step.has_bit != FieldPlan::kNone) {
    const uint32_t* bits = &At<uint32_t>(m, plan.has_bits_offset);
    return ((bits[step.has_bit / 32] >> (step.has_bit % 32)) & 1) != 0;
  }
  // A message field without a has-bit: present if allocated.
  return &m != plan.default_instance &&
         At<const google::protobuf::Message*>(m, step.offset) != nullptr;
}

// Reflection::GetStringReference of a singular string or bytes field.
inline const std::string& String(const google::protobuf::Message& m,
                                 const FieldPlan& step) {
  if (step.oneof_case != FieldPlan::kNone && !OneofCaseIs(m, step)) {
    return google::protobuf::internal::GetEmptyStringAlreadyInited();
  }
  return At<google::protobuf::internal::ArenaStringPtr>(m, step.offset).Get();
}

// A singular scalar of type T; an unset oneof member reads as 0 (LocateFields
// leaves oneof members with a custom default on Reflection).
template <typename T>
T Scalar(const google::protobuf::Message& m, const FieldPlan& step) {
  if (step.oneof_case != FieldPlan::kNone && !OneofCaseIs(m, step)) {
    return T();
  }
  return At<T>(m, step.offset);
}

// A present singular message field.
inline const google::protobuf::Message& Message(
    const google::protobuf::Message& m, const FieldPlan& step) {
  return *At<const google::protobuf::Message*>(m, step.offset);
}

template <typename T>
const google::protobuf::RepeatedField<T>& Repeated(
    const google::protobuf::Message& m, const FieldPlan& step) {
  return At<google::protobuf::RepeatedField<T>>(m, step.offset);
}

// Repeated strings and messages; a repeated field of a message type is a
// RepeatedPtrField of that type, which Reflection also reads as
// RepeatedPtrField<Message>.
template <typename T>
const google::protobuf::RepeatedPtrField<T>& RepeatedPtr(
    const google::protobuf::Message& m, const FieldPlan& step) {
  return At<google::protobuf::RepeatedPtrField<T>>(m, step.offset);
}

// A map<string, string> field, read from its Map without the repeated view
// that Reflection keeps in step (which it builds, allocating, the first time
// an object's map is read). LocateFields checked the field's class.
inline const google::protobuf::Map<std::string, std::string>& StringMap(
    const google::protobuf::Message& m, const FieldPlan& step) {
  using Field =
      google::protobuf::internal::TypeDefinedMapFieldBase<std::string,
                                                          std::string>;
  return static_cast<const Field&>(
             At<google::protobuf::internal::MapFieldBase>(m, step.offset))
      .GetMap();
}

}  // namespace layout
}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_LAYOUT_H_
