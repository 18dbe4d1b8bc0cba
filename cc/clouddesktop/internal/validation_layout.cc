#include "clouddesktop/internal/validation_layout.h"

#include <cstdint>
#include <memory>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/generated_message_reflection.h"
#include "google/protobuf/map_field.h"
#include "google/protobuf/message.h"

// The layout of generated classes is what protobuf 3.21 describes in its
// ReflectionSchema; other versions are read through Reflection only.
#if GOOGLE_PROTOBUF_VERSION >= 3021000 && GOOGLE_PROTOBUF_VERSION < 3022000
#define CLOUDDESKTOP_VALIDATION_DIRECT 1
#else
#define CLOUDDESKTOP_VALIDATION_DIRECT 0
#endif

#if CLOUDDESKTOP_VALIDATION_DIRECT
namespace google {
namespace protobuf {

// Protobuf declares this class a friend of Reflection, for tools that inspect
// message layouts, and leaves it undefined (libprotobuf has no such symbol).
// This is its only definition: it reads the schema Reflection keeps of a
// type.
class MessageLayoutInspector {
 public:
  static const internal::ReflectionSchema& Schema(const Reflection& r) {
    return r.schema_;
  }
};

}  // namespace protobuf
}  // namespace google
#endif

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

namespace pb = google::protobuf;

#if CLOUDDESKTOP_VALIDATION_DIRECT

// Whether `step` can be read by the layout readers; fills its layout fields.
bool Locate(const pb::internal::ReflectionSchema& schema,
            const MessagePlan& plan, FieldPlan* step) {
  if (step->exactly_one != nullptr) {
    step->oneof_case = schema.GetOneofCaseOffset(step->exactly_one);
    return true;
  }
  const pb::FieldDescriptor* f = step->field;
  if (f->is_extension() || f->options().weak()) return false;
  const bool in_oneof = schema.InRealOneof(f);
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING &&
      (f->options().ctype() != pb::FieldOptions::STRING ||
       schema.IsFieldInlined(f) || f->has_default_value())) {
    return false;
  }
  if (in_oneof && f->has_default_value()) return false;
  step->offset = schema.GetFieldOffset(f);
  step->number = static_cast<uint32_t>(f->number());
  if (in_oneof) {
    step->oneof_case = schema.GetOneofCaseOffset(f->containing_oneof());
  } else if (!f->is_repeated() && schema.HasHasbits()) {
    step->has_bit = schema.HasBitIndex(f);
  }
  if (step->shape == FieldPlan::Shape::kSingular && step->has_presence &&
      step->value_type != pb::FieldDescriptor::CPPTYPE_MESSAGE &&
      step->oneof_case == FieldPlan::kNone &&
      step->has_bit == FieldPlan::kNone) {
    return false;  // Presence kept some other way: ask Reflection.
  }
  if (step->shape == FieldPlan::Shape::kMap) {
    using StringMapField =
        pb::internal::TypeDefinedMapFieldBase<std::string, std::string>;
    const auto& field = layout::At<pb::internal::MapFieldBase>(
        *plan.default_instance, step->offset);
    if (step->key_type != pb::FieldDescriptor::CPPTYPE_STRING ||
        step->value_type != pb::FieldDescriptor::CPPTYPE_STRING ||
        dynamic_cast<const StringMapField*>(&field) == nullptr) {
      return false;
    }
  }
  return true;
}

// A value of the field's type that differs from the default.
int64_t ProbeNumber(const pb::FieldDescriptor* f) {
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM) {
    const pb::EnumDescriptor* e = f->enum_type();
    return e->value(e->value_count() - 1)->number();
  }
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL ? 1 : 37;
}

// Reads a singular number both ways; equal if both agree.
bool SameNumber(const pb::Message& m, const pb::Reflection* r,
                const FieldPlan& step) {
  const pb::FieldDescriptor* f = step.field;
  switch (step.value_type) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return layout::Scalar<int32_t>(m, step) == r->GetInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return layout::Scalar<int64_t>(m, step) == r->GetInt64(m, f);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return layout::Scalar<uint32_t>(m, step) == r->GetUInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return layout::Scalar<uint64_t>(m, step) == r->GetUInt64(m, f);
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return layout::Scalar<double>(m, step) == r->GetDouble(m, f);
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return layout::Scalar<float>(m, step) == r->GetFloat(m, f);
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return layout::Scalar<bool>(m, step) == r->GetBool(m, f);
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return layout::Scalar<int>(m, step) == r->GetEnumValue(m, f);
    default:
      return false;
  }
}

void SetNumber(pb::Message* m, const pb::Reflection* r,
               const pb::FieldDescriptor* f, int64_t v) {
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return r->SetInt32(m, f, static_cast<int32_t>(v));
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return r->SetInt64(m, f, v);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return r->SetUInt32(m, f, static_cast<uint32_t>(v));
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return r->SetUInt64(m, f, static_cast<uint64_t>(v));
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return r->SetDouble(m, f, static_cast<double>(v));
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return r->SetFloat(m, f, static_cast<float>(v));
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return r->SetBool(m, f, v != 0);
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return r->SetEnumValue(m, f, static_cast<int>(v));
    default:
      return;
  }
}

void AddNumber(pb::Message* m, const pb::Reflection* r,
               const pb::FieldDescriptor* f, int64_t v) {
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return r->AddInt32(m, f, static_cast<int32_t>(v));
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return r->AddInt64(m, f, v);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return r->AddUInt32(m, f, static_cast<uint32_t>(v));
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return r->AddUInt64(m, f, static_cast<uint64_t>(v));
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return r->AddDouble(m, f, static_cast<double>(v));
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return r->AddFloat(m, f, static_cast<float>(v));
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return r->AddBool(m, f, v != 0);
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return r->AddEnumValue(m, f, static_cast<int>(v));
    default:
      return;
  }
}

// The last element of a repeated number field, read directly.
bool SameLastNumber(const pb::Message& m, const pb::Reflection* r,
                    const FieldPlan& step) {
  const pb::FieldDescriptor* f = step.field;
  const int n = r->FieldSize(m, f);
  if (n == 0) return false;
  const int i = n - 1;
  switch (step.value_type) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return layout::Repeated<int32_t>(m, step).size() == n &&
             layout::Repeated<int32_t>(m, step).Get(i) ==
                 r->GetRepeatedInt32(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return layout::Repeated<int64_t>(m, step).size() == n &&
             layout::Repeated<int64_t>(m, step).Get(i) ==
                 r->GetRepeatedInt64(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return layout::Repeated<uint32_t>(m, step).size() == n &&
             layout::Repeated<uint32_t>(m, step).Get(i) ==
                 r->GetRepeatedUInt32(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return layout::Repeated<uint64_t>(m, step).size() == n &&
             layout::Repeated<uint64_t>(m, step).Get(i) ==
                 r->GetRepeatedUInt64(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return layout::Repeated<double>(m, step).size() == n &&
             layout::Repeated<double>(m, step).Get(i) ==
                 r->GetRepeatedDouble(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return layout::Repeated<float>(m, step).size() == n &&
             layout::Repeated<float>(m, step).Get(i) ==
                 r->GetRepeatedFloat(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return layout::Repeated<bool>(m, step).size() == n &&
             layout::Repeated<bool>(m, step).Get(i) ==
                 r->GetRepeatedBool(m, f, i);
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return layout::Repeated<int>(m, step).size() == n &&
             layout::Repeated<int>(m, step).Get(i) ==
                 r->GetRepeatedEnumValue(m, f, i);
    default:
      return false;
  }
}

// Sets the field of `step` on `probe` through Reflection and checks that the
// layout readers see what Reflection sees, before and after.
bool Check(pb::Message* probe, const pb::Reflection* r, const MessagePlan& plan,
           const FieldPlan& step) {
  const pb::Message& m = *probe;
  if (step.exactly_one != nullptr) {
    // Unset, then with its first member set, then cleared again for the
    // checks of the members themselves.
    if (layout::HasOneof(m, step) != r->HasOneof(m, step.exactly_one)) {
      return false;
    }
    const pb::FieldDescriptor* member = step.exactly_one->field(0);
    switch (member->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        r->MutableMessage(probe, member);
        break;
      case pb::FieldDescriptor::CPPTYPE_STRING:
        r->SetString(probe, member, "");
        break;
      default:
        SetNumber(probe, r, member, 0);
    }
    const bool same =
        layout::HasOneof(m, step) && r->HasOneof(m, step.exactly_one);
    r->ClearOneof(probe, step.exactly_one);
    return same && !layout::HasOneof(m, step);
  }
  const pb::FieldDescriptor* f = step.field;
  switch (step.shape) {
    case FieldPlan::Shape::kSingular: {
      for (int round = 0; round < 2; ++round) {
        if (round == 1) {
          switch (step.value_type) {
            case pb::FieldDescriptor::CPPTYPE_MESSAGE:
              r->MutableMessage(probe, f);
              break;
            case pb::FieldDescriptor::CPPTYPE_STRING:
              r->SetString(probe, f, "probe");
              break;
            default:
              SetNumber(probe, r, f, ProbeNumber(f));
          }
        }
        if (f->has_presence() &&
            layout::HasField(m, plan, step) != r->HasField(m, f)) {
          return false;
        }
        switch (step.value_type) {
          case pb::FieldDescriptor::CPPTYPE_MESSAGE:
            if (r->HasField(m, f) &&
                &layout::Message(m, step) != &r->GetMessage(m, f)) {
              return false;
            }
            break;
          case pb::FieldDescriptor::CPPTYPE_STRING: {
            std::string scratch;
            if (layout::String(m, step) !=
                r->GetStringReference(m, f, &scratch)) {
              return false;
            }
            break;
          }
          default:
            if (!SameNumber(m, r, step)) return false;
        }
      }
      return true;
    }
    case FieldPlan::Shape::kRepeated:
      switch (step.value_type) {
        case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
          const pb::Message* added = r->AddMessage(probe, f);
          const auto& v = layout::RepeatedPtr<pb::Message>(m, step);
          return v.size() == r->FieldSize(m, f) &&
                 &v.Get(v.size() - 1) == added;
        }
        case pb::FieldDescriptor::CPPTYPE_STRING: {
          r->AddString(probe, f, "probe");
          const auto& v = layout::RepeatedPtr<std::string>(m, step);
          std::string scratch;
          return v.size() == r->FieldSize(m, f) &&
                 v.Get(v.size() - 1) == r->GetRepeatedStringReference(
                                            m, f, v.size() - 1, &scratch);
        }
        default:
          AddNumber(probe, r, f, ProbeNumber(f));
          return SameLastNumber(m, r, step);
      }
    case FieldPlan::Shape::kMap: {
      pb::Message* entry = r->AddMessage(probe, f);
      const pb::Reflection* er = entry->GetReflection();
      er->SetString(entry, step.key_field, "probe-key");
      er->SetString(entry, step.value_field, "probe-value");
      const auto& map = layout::StringMap(m, step);
      auto it = map.find("probe-key");
      return map.size() == 1 && it != map.end() && it->second == "probe-value";
    }
  }
  return false;
}

// The quick form of a step (kFull where there is none).
QuickStep MakeQuickStep(const FieldPlan& step) {
  QuickStep q;
  q.step = &step;
  if (!step.direct || step.exactly_one != nullptr) return q;
  q.type = step.value_type;
  q.required = step.required;
  q.has_presence = step.has_presence;
  q.offset = step.offset;
  q.has_bit = step.has_bit;
  q.oneof_case = step.oneof_case;
  q.number = step.number;
  q.child = step.child;
  switch (step.shape) {
    case FieldPlan::Shape::kSingular:
      switch (step.value_type) {
        case pb::FieldDescriptor::CPPTYPE_STRING:
          q.op = QuickStep::Op::kString;
          break;
        case pb::FieldDescriptor::CPPTYPE_INT32:
        case pb::FieldDescriptor::CPPTYPE_INT64:
        case pb::FieldDescriptor::CPPTYPE_ENUM:
        case pb::FieldDescriptor::CPPTYPE_BOOL:
          q.has_value_rule = step.value.value.has_value();
          if (q.has_value_rule && !step.value.value->IsIntegral()) break;
          q.op = QuickStep::Op::kNumber;
          if (q.has_value_rule) {
            q.int_min = step.value.value->int_min();
            q.int_max = step.value.value->int_max();
          }
          break;
        case pb::FieldDescriptor::CPPTYPE_MESSAGE:
          q.op = QuickStep::Op::kMessage;
          break;
        default:
          break;
      }
      break;
    case FieldPlan::Shape::kRepeated:
      if (step.value_type == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
          !step.unique) {
        q.op = QuickStep::Op::kRepeatedMessage;
      } else if (step.value_type == pb::FieldDescriptor::CPPTYPE_STRING) {
        q.op = QuickStep::Op::kRepeatedString;
        q.unique = step.unique;
      }
      break;
    case FieldPlan::Shape::kMap:
      // Direct maps are map<string, string>; values have no child.
      q.op = QuickStep::Op::kStringMap;
      q.key_quick_min = step.key.quick_min;
      q.key_quick_max = step.key.quick_max;
      q.key_pattern = step.key.pattern.get();
      break;
  }
  q.quick_min = step.value.quick_min;
  q.quick_max = step.value.quick_max;
  q.pattern = step.value.pattern.get();
  q.count_min = step.size ? step.size->count_min() : 0;
  q.count_max = step.size ? step.size->count_max() : ~size_t{0};
  return q;
}

#endif  // CLOUDDESKTOP_VALIDATION_DIRECT

}  // namespace

void LocateFields(MessagePlan* plan) {
#if CLOUDDESKTOP_VALIDATION_DIRECT
  const pb::Reflection* r = plan->generated_reflection;
  if (r == nullptr) return;
  const pb::internal::ReflectionSchema& schema =
      pb::MessageLayoutInspector::Schema(*r);
  if (schema.HasWeakFields() || schema.default_instance_ == nullptr) return;
  plan->default_instance = schema.default_instance_;
  plan->has_bits_offset = schema.HasHasbits() ? schema.HasBitsOffset() : 0;
  std::unique_ptr<pb::Message> probe(plan->default_instance->New());
  for (FieldPlan& step : plan->steps) {
    step.direct =
        Locate(schema, *plan, &step) && Check(probe.get(), r, *plan, step);
  }
  for (const FieldPlan& step : plan->steps) {
    plan->quick.push_back(MakeQuickStep(step));
  }
#else
  (void)plan;
#endif
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
