#include "clouddesktop/internal/validation_plan.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/validation_rules.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

namespace pb = google::protobuf;

// Descriptors of a pool built at run time may keep the (yandex.cloud.*)
// options as unknown fields; re-parsing them into the generated option
// message resolves the extensions whatever pool the descriptor came from.
pb::FieldOptions ReadOptions(const pb::FieldDescriptor* field) {
  pb::FieldOptions options;
  options.ParseFromString(field->options().SerializeAsString());
  return options;
}

pb::OneofOptions ReadOptions(const pb::OneofDescriptor* oneof) {
  pb::OneofOptions options;
  options.ParseFromString(oneof->options().SerializeAsString());
  return options;
}

bool IsAny(const pb::Descriptor* descriptor) {
  return descriptor->full_name() == "google.protobuf.Any";
}

// The field that carries the checked values: the map value for a map field,
// the field itself otherwise.
const pb::FieldDescriptor* ValueField(const pb::FieldDescriptor* field) {
  return field->is_map() ? field->message_type()->map_value() : field;
}

// The message type to recurse into, or null.
const pb::Descriptor* ValueMessageType(const pb::FieldDescriptor* field) {
  const pb::FieldDescriptor* value = ValueField(field);
  return value->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE
             ? value->message_type()
             : nullptr;
}

bool IsStringLike(const pb::FieldDescriptor* field) {
  return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING;
}

bool IsNumeric(const pb::FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
    case pb::FieldDescriptor::CPPTYPE_INT64:
    case pb::FieldDescriptor::CPPTYPE_UINT32:
    case pb::FieldDescriptor::CPPTYPE_UINT64:
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return true;
    default:
      return false;
  }
}

absl::Status OptionError(const pb::FieldDescriptor* field,
                         absl::string_view option, absl::string_view spec,
                         absl::string_view why) {
  return absl::InternalError(
      absl::StrCat("bad validation option on ", field->full_name(),
                   ": (yandex.cloud.", option, ") = \"", spec, "\": ", why));
}

// Parses one bound option of `field` into `out`; an empty spec means the
// option is absent. `checked` is the field whose type the option applies to.
absl::Status CompileBound(const pb::FieldDescriptor* field,
                          const pb::FieldDescriptor* checked,
                          absl::string_view option, const std::string& spec,
                          std::optional<Bound>* out) {
  if (spec.empty()) return absl::OkStatus();
  absl::StatusOr<Bound> bound = Bound::Parse(spec);
  if (!bound.ok()) {
    return OptionError(field, option, spec, bound.status().message());
  }
  const bool is_count = option != "value" && option != "map_key.value";
  if (is_count && !bound->IsIntegral()) {
    return OptionError(field, option, spec, "counts must be integers");
  }
  if (option == "size") {
    if (!field->is_repeated()) {
      return OptionError(field, option, spec,
                         "applies only to repeated and map fields");
    }
  } else if (is_count) {
    if (!IsStringLike(checked)) {
      return OptionError(field, option, spec,
                         "applies only to string and bytes values");
    }
  } else if (!IsNumeric(checked)) {
    return OptionError(field, option, spec,
                       "applies only to numeric and enum values");
  }
  *out = *std::move(bound);
  return absl::OkStatus();
}

absl::Status CompilePattern(const pb::FieldDescriptor* field,
                            const pb::FieldDescriptor* checked,
                            absl::string_view option, const std::string& spec,
                            std::unique_ptr<Pattern>* out) {
  if (spec.empty()) return absl::OkStatus();
  if (!IsStringLike(checked)) {
    return OptionError(field, option, spec,
                       "applies only to string and bytes values");
  }
  absl::StatusOr<std::unique_ptr<Pattern>> pattern = Pattern::Compile(spec);
  if (!pattern.ok()) {
    return OptionError(field, option, spec, pattern.status().message());
  }
  *out = *std::move(pattern);
  return absl::OkStatus();
}

// Sets the sizes in bytes at which the length and bytes rules of `checks`
// hold whatever the content. A string of n bytes has between ceil(n / 4) and
// n characters, so a length rule holds for n in [4 * min - 3, max] (for
// bytes values, which are counted in bytes, in [min, max]). Outside that
// range the walk counts, as it did before this shortcut.
void SetQuickRange(ValueChecks* checks, bool is_bytes) {
  size_t lo = 0;
  size_t hi = ~size_t{0};
  if (checks->bytes) {
    lo = std::max(lo, checks->bytes->count_min());
    hi = std::min(hi, checks->bytes->count_max());
  }
  if (checks->length) {
    const size_t min = checks->length->count_min();
    const size_t chars_lo = is_bytes || min == 0         ? min
                            : min > (~size_t{0} - 3) / 4 ? ~size_t{0}
                                                         : 4 * min - 3;
    lo = std::max(lo, chars_lo);
    hi = std::min(hi, checks->length->count_max());
  }
  checks->quick_min = lo;
  checks->quick_max = hi;
}

// Compiles the options of one field into `step`; sets `*has_checks` if the
// field carries any check of its own.
absl::Status CompileField(const pb::FieldDescriptor* field, FieldPlan* step,
                          bool* has_checks) {
  step->field = field;
  const pb::FieldOptions options = ReadOptions(field);
  const pb::FieldDescriptor* checked = ValueField(field);
  step->shape = field->is_map()        ? FieldPlan::Shape::kMap
                : field->is_repeated() ? FieldPlan::Shape::kRepeated
                                       : FieldPlan::Shape::kSingular;
  step->has_presence = field->has_presence();
  step->value_field = checked;
  step->value_type = checked->cpp_type();
  step->value_is_bytes = checked->type() == pb::FieldDescriptor::TYPE_BYTES;
  step->value.utf8 = checked->type() == pb::FieldDescriptor::TYPE_STRING;
  if (field->is_map()) {
    step->key_field = field->message_type()->map_key();
    step->key_type = step->key_field->cpp_type();
    step->key.utf8 =
        step->key_field->type() == pb::FieldDescriptor::TYPE_STRING;
  }

  step->required = options.GetExtension(yandex::cloud::required);
  absl::Status status =
      CompileBound(field, checked, "size",
                   options.GetExtension(yandex::cloud::size), &step->size);
  if (!status.ok()) return status;
  step->unique = options.GetExtension(yandex::cloud::unique);
  if (step->unique && (!field->is_repeated() || field->is_map())) {
    return OptionError(field, "unique", "true",
                       "applies only to repeated fields");
  }

  status = CompileBound(field, checked, "length",
                        options.GetExtension(yandex::cloud::length),
                        &step->value.length);
  if (!status.ok()) return status;
  status = CompileBound(field, checked, "bytes",
                        options.GetExtension(yandex::cloud::bytes),
                        &step->value.bytes);
  if (!status.ok()) return status;
  status = CompileBound(field, checked, "value",
                        options.GetExtension(yandex::cloud::value),
                        &step->value.value);
  if (!status.ok()) return status;
  status = CompilePattern(field, checked, "pattern",
                          options.GetExtension(yandex::cloud::pattern),
                          &step->value.pattern);
  if (!status.ok()) return status;

  if (options.HasExtension(yandex::cloud::map_key)) {
    const yandex::cloud::MapKeySpec& spec =
        options.GetExtension(yandex::cloud::map_key);
    if (!field->is_map()) {
      return OptionError(field, "map_key", spec.ShortDebugString(),
                         "applies only to map fields");
    }
    const pb::FieldDescriptor* key = field->message_type()->map_key();
    status = CompileBound(field, key, "map_key.length", spec.length(),
                          &step->key.length);
    if (!status.ok()) return status;
    status = CompileBound(field, key, "map_key.value", spec.value(),
                          &step->key.value);
    if (!status.ok()) return status;
    status = CompilePattern(field, key, "map_key.pattern", spec.pattern(),
                            &step->key.pattern);
    if (!status.ok()) return status;
  }

  SetQuickRange(&step->value, step->value_is_bytes);
  SetQuickRange(&step->key, false);
  *has_checks = step->required || step->size || step->unique ||
                !step->value.empty() || !step->key.empty();
  return absl::OkStatus();
}

// Compiles the plan's own steps (children are linked later). Returns whether
// the type has checks of its own.
bool CompileOwnSteps(MessagePlan* plan) {
  const pb::Descriptor* descriptor = plan->descriptor;
  if (IsAny(descriptor)) return false;  // Never look inside an Any.
  bool own_checks = false;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const pb::FieldDescriptor* field = descriptor->field(i);
    const pb::OneofDescriptor* oneof = field->real_containing_oneof();
    if (oneof != nullptr && oneof->field(0) == field &&
        ReadOptions(oneof).GetExtension(yandex::cloud::exactly_one)) {
      FieldPlan step;
      step.exactly_one = oneof;
      plan->steps.push_back(std::move(step));
      own_checks = true;
    }
    FieldPlan step;
    bool field_checks = false;
    absl::Status status = CompileField(field, &step, &field_checks);
    if (!status.ok()) {
      if (plan->status.ok()) plan->status = status;
      continue;
    }
    // Fields with nothing of their own stay for now if they may lead to a
    // message with checks; they are pruned once children are known.
    if (field_checks || ValueMessageType(field) != nullptr) {
      plan->steps.push_back(std::move(step));
    }
    own_checks = own_checks || field_checks;
  }
  return own_checks;
}

// Published plans, looked up without a lock: readers load the current
// snapshot, writers (under a mutex) publish a copy with the new plans. Old
// snapshots are kept, since readers may still be using them; there is one per
// build, and builds happen once per root type.
class PlanCache {
 public:
  PlanCache() {
    internal::MutexLock lock(&mu_);
    snapshots_.push_back(std::make_unique<Snapshot>());
    current_.store(snapshots_.back().get(), std::memory_order_release);
  }

  const MessagePlan& Get(const pb::Descriptor* descriptor)
      ABSL_LOCKS_EXCLUDED(mu_) {
    const Snapshot* snapshot = current_.load(std::memory_order_acquire);
    auto it = snapshot->by_descriptor.find(descriptor);
    if (it != snapshot->by_descriptor.end()) return *it->second;
    return Build(descriptor);
  }

 private:
  struct Snapshot {
    absl::flat_hash_map<const pb::Descriptor*, const MessagePlan*>
        by_descriptor;
  };

  const MessagePlan& Build(const pb::Descriptor* descriptor)
      ABSL_LOCKS_EXCLUDED(mu_) {
    internal::MutexLock lock(&mu_);
    const Snapshot* old = current_.load(std::memory_order_relaxed);
    auto it = old->by_descriptor.find(descriptor);
    if (it != old->by_descriptor.end()) return *it->second;
    auto next = std::make_unique<Snapshot>(*old);
    BuildLocked(descriptor, next.get());
    const MessagePlan& plan = *next->by_descriptor.at(descriptor);
    current_.store(next.get(), std::memory_order_release);
    snapshots_.push_back(std::move(next));
    return plan;
  }

  // Builds plans for `root` and every type reachable from it that `plans`
  // does not have yet, and adds them to `plans`, fully linked.
  void BuildLocked(const pb::Descriptor* root, Snapshot* plans)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    auto& by_descriptor = plans->by_descriptor;
    std::vector<MessagePlan*> fresh;
    std::vector<const pb::Descriptor*> queue = {root};
    while (!queue.empty()) {
      const pb::Descriptor* descriptor = queue.back();
      queue.pop_back();
      if (by_descriptor.contains(descriptor)) continue;
      // Never freed: callers hold references for the life of the process.
      auto* plan = new MessagePlan;
      plan->descriptor = descriptor;
      by_descriptor[descriptor] = plan;
      fresh.push_back(plan);
      if (descriptor->file()->pool() == pb::DescriptorPool::generated_pool()) {
        if (const pb::Message* prototype =
                pb::MessageFactory::generated_factory()->GetPrototype(
                    descriptor)) {
          plan->generated_reflection = prototype->GetReflection();
        }
      }
      plan->has_checks = CompileOwnSteps(plan);
      for (const FieldPlan& step : plan->steps) {
        if (step.field == nullptr) continue;
        const pb::Descriptor* child = ValueMessageType(step.field);
        if (child != nullptr) queue.push_back(child);
      }
    }

    // "Has checks" and "is malformed" spread from a type to every type that
    // reaches it; iterate to a fixed point because types may be recursive.
    for (bool changed = true; changed;) {
      changed = false;
      for (MessagePlan* plan : fresh) {
        for (const FieldPlan& step : plan->steps) {
          if (step.field == nullptr) continue;
          const pb::Descriptor* type = ValueMessageType(step.field);
          if (type == nullptr) continue;
          const MessagePlan* child = by_descriptor.at(type);
          if (child->has_checks && !plan->has_checks) {
            plan->has_checks = true;
            changed = true;
          }
          if (!child->status.ok() && plan->status.ok()) {
            plan->status = child->status;
            changed = true;
          }
        }
      }
    }

    for (MessagePlan* plan : fresh) {
      std::vector<FieldPlan> kept;
      kept.reserve(plan->steps.size());
      for (FieldPlan& step : plan->steps) {
        bool keep = step.exactly_one != nullptr;
        if (step.field != nullptr) {
          const pb::Descriptor* type = ValueMessageType(step.field);
          if (type != nullptr && by_descriptor.at(type)->has_checks) {
            step.child = by_descriptor.at(type);
          }
          keep = step.child != nullptr || step.required || step.size ||
                 step.unique || !step.value.empty() || !step.key.empty();
        }
        if (keep) kept.push_back(std::move(step));
      }
      plan->steps = std::move(kept);
    }
  }

  internal::Mutex mu_;
  std::atomic<const Snapshot*> current_{nullptr};
  // Every snapshot ever published, the current one last.
  std::vector<std::unique_ptr<Snapshot>> snapshots_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

namespace {

PlanCache& Cache() {
  // Never destroyed, so plans outlive every static message that is validated
  // during shutdown.
  static PlanCache* const cache = new PlanCache;
  return *cache;
}

}  // namespace

const MessagePlan& PlanFor(const pb::Descriptor* descriptor) {
  return Cache().Get(descriptor);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
