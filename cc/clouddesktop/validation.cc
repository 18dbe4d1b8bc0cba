#include "clouddesktop/validation.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/validation_plan.h"
#include "clouddesktop/internal/validation_rules.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/rpc/error_details.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

namespace pb = google::protobuf;
using internal::Bound;
using internal::FieldPlan;
using internal::MessagePlan;
using internal::ValueChecks;

// A numeric field value, kept in its own domain so that comparisons with the
// bound are exact.
struct Number {
  enum class Kind { kSigned, kUnsigned, kReal } kind = Kind::kSigned;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;

  static Number Signed(int64_t v) {
    Number n;
    n.i = v;
    return n;
  }
  static Number Unsigned(uint64_t v) {
    Number n;
    n.kind = Kind::kUnsigned;
    n.u = v;
    return n;
  }
  static Number Real(double v) {
    Number n;
    n.kind = Kind::kReal;
    n.d = v;
    return n;
  }
  // The domain of a stored value of type T.
  template <typename T>
  static Number Of(T v) {
    if constexpr (std::is_floating_point_v<T>) {
      return Real(v);
    } else if constexpr (std::is_unsigned_v<T> && !std::is_same_v<T, bool>) {
      return Unsigned(v);
    } else {
      return Signed(v);
    }
  }

  bool IsZero() const {
    switch (kind) {
      case Kind::kSigned:
        return i == 0;
      case Kind::kUnsigned:
        return u == 0;
      case Kind::kReal:
        return d == 0;
    }
    return false;
  }
  bool In(const Bound& bound) const {
    switch (kind) {
      case Kind::kSigned:
        return bound.Contains(i);
      case Kind::kUnsigned:
        return bound.Contains(u);
      case Kind::kReal:
        return bound.Contains(d);
    }
    return false;
  }
  std::string ToString() const {
    switch (kind) {
      case Kind::kSigned:
        return absl::StrCat(i);
      case Kind::kUnsigned:
        return absl::StrCat(u);
      case Kind::kReal:
        return absl::StrCat(d);
    }
    return "";
  }
};

// Reads a numeric, enum or bool value; `index` < 0 reads a singular field.
// Reflection is passed in because looking it up is not free.
Number ReadNumber(const pb::Message& m, const pb::Reflection* r,
                  const pb::FieldDescriptor* f,
                  pb::FieldDescriptor::CppType type, int index) {
  const bool one = index < 0;
  Number n;
  switch (type) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      n.i = one ? r->GetInt32(m, f) : r->GetRepeatedInt32(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_INT64:
      n.i = one ? r->GetInt64(m, f) : r->GetRepeatedInt64(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      n.i = one ? r->GetEnumValue(m, f) : r->GetRepeatedEnumValue(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      n.i = one ? r->GetBool(m, f) : r->GetRepeatedBool(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      n.kind = Number::Kind::kUnsigned;
      n.u = one ? r->GetUInt32(m, f) : r->GetRepeatedUInt32(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      n.kind = Number::Kind::kUnsigned;
      n.u = one ? r->GetUInt64(m, f) : r->GetRepeatedUInt64(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      n.kind = Number::Kind::kReal;
      n.d = one ? r->GetDouble(m, f) : r->GetRepeatedDouble(m, f, index);
      break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      n.kind = Number::Kind::kReal;
      n.d = one ? r->GetFloat(m, f) : r->GetRepeatedFloat(m, f, index);
      break;
    default:
      break;
  }
  return n;
}

// The string value; `scratch` backs it only for messages that do not store
// a std::string (generated messages return a reference without copying).
const std::string& ReadString(const pb::Message& m, const pb::Reflection* r,
                              const pb::FieldDescriptor* f, int index,
                              std::string* scratch) {
  return index < 0 ? r->GetStringReference(m, f, scratch)
                   : r->GetRepeatedStringReference(m, f, index, scratch);
}

std::string MapKeyText(const pb::Message& entry) {
  const pb::FieldDescriptor* key = entry.GetDescriptor()->map_key();
  const pb::Reflection* r = entry.GetReflection();
  if (key->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
    std::string scratch;
    return absl::StrCat(
        "\"", absl::CEscape(ReadString(entry, r, key, -1, &scratch)), "\"");
  }
  if (key->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    return r->GetBool(entry, key) ? "true" : "false";
  }
  return ReadNumber(entry, r, key, key->cpp_type(), -1).ToString();
}

bool MapKeyLess(const pb::Message& a, const pb::Message& b) {
  const pb::FieldDescriptor* key = a.GetDescriptor()->map_key();
  const pb::Reflection* r = a.GetReflection();
  if (key->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
    std::string scratch_a, scratch_b;
    return ReadString(a, r, key, -1, &scratch_a) <
           ReadString(b, r, key, -1, &scratch_b);
  }
  const Number x = ReadNumber(a, r, key, key->cpp_type(), -1);
  const Number y = ReadNumber(b, r, key, key->cpp_type(), -1);
  return x.kind == Number::Kind::kUnsigned ? x.u < y.u : x.i < y.i;
}

// Whether a string of `bytes` bytes can be outside `bound` when counted in
// code points (between bytes / 4 and bytes of them); if not, the count is
// skipped.
bool LengthNeedsCount(const Bound& bound, size_t bytes) {
  return !bound.ContainsCount(bytes) || !bound.ContainsCount((bytes + 3) / 4);
}

// One step of the path to the value under check, living on the stack of
// the walk and linked to its parent: building a path costs nothing until a
// violation is reported and the chain is rendered to text.
struct PathNode {
  const PathNode* parent = nullptr;
  const pb::FieldDescriptor* field = nullptr;
  const pb::OneofDescriptor* oneof = nullptr;
  int index = -1;                          // element of a repeated field
  const pb::Message* map_entry = nullptr;  // entry of a map field
};

// The field reads of the walk, through Reflection: for any message.
class ReflectedFields {
 public:
  // `generated`: `m` is an object of the generated class of its type.
  ReflectedFields(const pb::Message& m, const pb::Reflection* r, bool generated)
      : m_(m), r_(r), generated_(generated) {}

  const pb::Message& message() const { return m_; }
  const pb::Reflection* reflection() const { return r_; }
  bool generated() const { return generated_; }

  bool HasOneof(const FieldPlan& s) const {
    return r_->HasOneof(m_, s.exactly_one);
  }
  bool Has(const FieldPlan& s) const { return r_->HasField(m_, s.field); }
  const pb::Message& Message(const FieldPlan& s) const {
    return r_->GetMessage(m_, s.field);
  }
  const std::string& String(const FieldPlan& s, std::string* scratch) const {
    return ReadString(m_, r_, s.field, -1, scratch);
  }
  Number Num(const FieldPlan& s) const {
    return ReadNumber(m_, r_, s.field, s.value_type, -1);
  }

  int Size(const FieldPlan& s) const { return r_->FieldSize(m_, s.field); }
  const pb::Message& MessageAt(const FieldPlan& s, int i) const {
    return r_->GetRepeatedMessage(m_, s.field, i);
  }
  const std::string& StringAt(const FieldPlan& s, int i,
                              std::string* scratch) const {
    return ReadString(m_, r_, s.field, i, scratch);
  }
  Number NumAt(const FieldPlan& s, int i) const {
    return ReadNumber(m_, r_, s.field, s.value_type, i);
  }

 private:
  const pb::Message& m_;
  const pb::Reflection* r_;
  const bool generated_;
};

// Moves the violations of map entries (from `first` on, in `groups` of
// consecutive ones per entry) into key order; `less` compares two groups.
template <typename Group, typename Less>
void SortByKey(std::vector<FieldViolation>* violations, size_t first,
               std::vector<Group>* groups, Less less) {
  if (groups->size() < 2) return;
  std::sort(groups->begin(), groups->end(), less);
  std::vector<FieldViolation> sorted;
  sorted.reserve(violations->size() - first);
  for (const Group& g : *groups) {
    for (size_t i = g.begin; i < g.end; ++i) {
      sorted.push_back(std::move((*violations)[i]));
    }
  }
  std::move(sorted.begin(), sorted.end(), violations->begin() + first);
}

class Walker {
 public:
  void Visit(const pb::Message& m, const MessagePlan& plan,
             const PathNode* parent) {
    const pb::Reflection* r = m.GetReflection();
    const ReflectedFields fields(m, r, r == plan.generated_reflection);
    for (const FieldPlan& step : plan.steps) VisitStep(fields, step, parent);
  }

  std::vector<FieldViolation>& violations() { return violations_; }

 private:
  void VisitStep(const ReflectedFields& fields, const FieldPlan& step,
                 const PathNode* parent) {
    if (step.exactly_one != nullptr) {
      if (!fields.HasOneof(step)) ReportExactlyOne(step.exactly_one, parent);
      return;
    }
    PathNode node{parent, step.field};
    switch (step.shape) {
      case FieldPlan::Shape::kMap:
        VisitMap(fields, step, &node);
        break;
      case FieldPlan::Shape::kRepeated:
        VisitRepeated(fields, step, &node);
        break;
      case FieldPlan::Shape::kSingular:
        VisitSingular(fields, step, &node);
        break;
    }
  }

  void ReportExactlyOne(const pb::OneofDescriptor* oneof,
                        const PathNode* parent) {
    std::string members;
    for (int i = 0; i < oneof->field_count(); ++i) {
      absl::StrAppend(&members, i == 0 ? "" : ", ", oneof->field(i)->name());
    }
    const PathNode node{parent, nullptr, oneof};
    Report(node, "exactly_one",
           absl::StrCat("exactly one of ", members, " must be set"));
  }

  // A singular field is checked only when set: by its has-bit if it tracks
  // presence, else when it differs from the default ("" or 0).
  void VisitSingular(const ReflectedFields& fields, const FieldPlan& step,
                     PathNode* node) {
    switch (step.value_type) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        if (!fields.Has(step)) {
          if (step.required) Report(*node, "required", "is required");
          return;
        }
        if (step.child != nullptr) {
          Visit(fields.Message(step), *step.child, node);
        }
        return;
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = fields.String(step, &scratch);
        if (step.required && s.empty()) {
          Report(*node, "required", "is required");
          return;
        }
        if (s.empty() && (!step.has_presence || !fields.Has(step))) return;
        CheckString(s, step.value_is_bytes, step.value, "", "", *node);
        return;
      }
      default: {
        const Number n = fields.Num(step);
        if (step.required && n.IsZero()) {
          Report(*node, "required", "is required");
          return;
        }
        if (n.IsZero() && (!step.has_presence || !fields.Has(step))) return;
        CheckNumber(n, step.value, "", "", *node);
        return;
      }
    }
  }

  // Checks the required and size rules of a repeated or map field; returns
  // false if the field is required and empty.
  bool CheckCount(const FieldPlan& step, int n, const PathNode& node) {
    if (step.required && n == 0) {
      Report(node, "required", "is required");
      return false;
    }
    if (step.size && !step.size->ContainsCount(static_cast<size_t>(n))) {
      Report(node, "size",
             absl::StrCat("number of elements must be ", step.size->Describe(),
                          " (got ", n, ")"));
    }
    return true;
  }

  void VisitRepeated(const ReflectedFields& fields, const FieldPlan& step,
                     PathNode* node) {
    const int n = fields.Size(step);
    if (!CheckCount(step, n, *node)) return;
    if (!step.value.empty() || step.child != nullptr) {
      for (int i = 0; i < n; ++i) {
        node->index = i;
        if (!step.value.empty()) {
          if (step.value_type == pb::FieldDescriptor::CPPTYPE_STRING) {
            std::string scratch;
            CheckString(fields.StringAt(step, i, &scratch), step.value_is_bytes,
                        step.value, "", "", *node);
          } else if (step.value.value) {
            CheckNumber(fields.NumAt(step, i), step.value, "", "", *node);
          }
        }
        if (step.child != nullptr) {
          Visit(fields.MessageAt(step, i), *step.child, node);
        }
      }
      node->index = -1;
    }
    if (step.unique) CheckUnique(fields, step, n, node);
  }

  // Reflection sees a map as a repeated field of entries.
  void VisitMap(const ReflectedFields& fields, const FieldPlan& step,
                PathNode* node) {
    const pb::Message& m = fields.message();
    const pb::Reflection* r = fields.reflection();
    const pb::FieldDescriptor* f = step.field;
    const int n = r->FieldSize(m, f);
    // A generated class keeps one entry per key. Parsed through reflection
    // (DynamicMessage), the entries are one per occurrence on the wire,
    // while the map holds the last entry of each key: check and count only
    // those, or a value the map does not hold could fail the message. Only
    // that case pays for the list (valid generated messages allocate
    // nothing).
    std::vector<const pb::Message*> entries;
    if (!fields.generated()) {
      entries.reserve(n);
      for (int i = 0; i < n; ++i) {
        entries.push_back(&r->GetRepeatedMessage(m, f, i));
      }
      std::stable_sort(entries.begin(), entries.end(),
                       [](const pb::Message* a, const pb::Message* b) {
                         return MapKeyLess(*a, *b);
                       });
      size_t kept = 0;
      for (size_t i = 0; i < entries.size(); ++i) {
        const bool overridden =
            i + 1 < entries.size() && !MapKeyLess(*entries[i], *entries[i + 1]);
        if (!overridden) entries[kept++] = entries[i];
      }
      entries.resize(kept);
    }
    const int count = fields.generated() ? n : static_cast<int>(entries.size());
    if (!CheckCount(step, count, *node)) return;
    if (step.key.empty() && step.value.empty() && step.child == nullptr) {
      return;
    }
    const pb::FieldDescriptor* key = step.key_field;
    const pb::FieldDescriptor* value = step.value_field;
    struct Group {
      const pb::Message* entry;
      size_t begin, end;
    };
    std::vector<Group> groups;
    const size_t first = violations_.size();
    const pb::Reflection* entry_reflection = nullptr;
    for (int i = 0; i < count; ++i) {
      const pb::Message& entry =
          fields.generated() ? r->GetRepeatedMessage(m, f, i) : *entries[i];
      if (entry_reflection == nullptr) {
        entry_reflection = entry.GetReflection();
      }
      node->map_entry = &entry;
      const size_t before = violations_.size();
      if (!step.key.empty()) {
        CheckEntryValue(entry, entry_reflection, key, step.key_type, false,
                        step.key, "key ", "map_key", *node);
      }
      if (!step.value.empty()) {
        CheckEntryValue(entry, entry_reflection, value, step.value_type,
                        step.value_is_bytes, step.value, "value ", "", *node);
      }
      if (step.child != nullptr) {
        Visit(entry_reflection->GetMessage(entry, value), *step.child, node);
      }
      if (violations_.size() > before) {
        groups.push_back(Group{&entry, before, violations_.size()});
      }
    }
    node->map_entry = nullptr;
    SortByKey(&violations_, first, &groups, [](const Group& a, const Group& b) {
      return MapKeyLess(*a.entry, *b.entry);
    });
  }

  // Checks a map key or value (a singular field of the entry, always set).
  void CheckEntryValue(const pb::Message& entry, const pb::Reflection* r,
                       const pb::FieldDescriptor* f,
                       pb::FieldDescriptor::CppType type, bool is_bytes,
                       const ValueChecks& checks, absl::string_view subject,
                       absl::string_view rule, const PathNode& node) {
    if (type == pb::FieldDescriptor::CPPTYPE_STRING) {
      std::string scratch;
      CheckString(ReadString(entry, r, f, -1, &scratch), is_bytes, checks,
                  subject, rule, node);
    } else if (checks.value) {
      CheckNumber(ReadNumber(entry, r, f, type, -1), checks, subject, rule,
                  node);
    }
  }

  // `subject` prefixes descriptions ("key ", "value "); a non-empty `rule`
  // overrides the rule name (map keys all report "map_key").
  void CheckString(const std::string& s, bool is_bytes,
                   const ValueChecks& checks, absl::string_view subject,
                   absl::string_view rule, const PathNode& node) {
    // Rules about characters mean nothing on bytes that are not text: report
    // the encoding alone.
    if (checks.utf8) {
      const size_t bad = internal::FirstInvalidUtf8(s);
      if (bad != absl::string_view::npos) {
        ReportUtf8(s, bad, subject, node);
        return;
      }
    }
    // Most values pass on their size alone; the full check (and the report)
    // stays out of line.
    if (s.size() >= checks.quick_min && s.size() <= checks.quick_max &&
        (checks.pattern == nullptr || checks.pattern->FullMatch(s))) {
      return;
    }
    CheckStringFully(s, is_bytes, checks, subject, rule, node);
  }

  // Names the offset and the byte, never the value: a string field may hold
  // a secret.
  ABSL_ATTRIBUTE_NOINLINE void ReportUtf8(const std::string& s, size_t bad,
                                          absl::string_view subject,
                                          const PathNode& node) {
    Report(node, "utf8",
           absl::StrCat(
               subject, "must be valid UTF-8 (byte ", bad, " of ", s.size(),
               " is 0x",
               absl::Hex(static_cast<unsigned char>(s[bad]), absl::kZeroPad2),
               ")"));
  }

  ABSL_ATTRIBUTE_NOINLINE void CheckStringFully(
      const std::string& s, bool is_bytes, const ValueChecks& checks,
      absl::string_view subject, absl::string_view rule, const PathNode& node) {
    if (checks.length) {
      if (is_bytes || LengthNeedsCount(*checks.length, s.size())) {
        const size_t n = is_bytes ? s.size() : internal::Utf8Length(s);
        if (!checks.length->ContainsCount(n)) {
          Report(node, rule.empty() ? "length" : rule,
                 absl::StrCat(subject, "length must be ",
                              checks.length->Describe(), " (got ", n, ")"));
        }
      }
    }
    if (checks.bytes && !checks.bytes->ContainsCount(s.size())) {
      Report(node, rule.empty() ? "bytes" : rule,
             absl::StrCat(subject, "size in bytes must be ",
                          checks.bytes->Describe(), " (got ", s.size(), ")"));
    }
    if (checks.pattern && !checks.pattern->FullMatch(s)) {
      Report(node, rule.empty() ? "pattern" : rule,
             absl::StrCat(subject, "must match ", checks.pattern->text()));
    }
  }

  void CheckNumber(const Number& n, const ValueChecks& checks,
                   absl::string_view subject, absl::string_view rule,
                   const PathNode& node) {
    if (checks.value && !n.In(*checks.value)) {
      ReportNumber(n, checks, subject, rule, node);
    }
  }

  ABSL_ATTRIBUTE_NOINLINE void ReportNumber(const Number& n,
                                            const ValueChecks& checks,
                                            absl::string_view subject,
                                            absl::string_view rule,
                                            const PathNode& node) {
    Report(node, rule.empty() ? "value" : rule,
           absl::StrCat(subject, "must be ", checks.value->Describe(), " (got ",
                        n.ToString(), ")"));
  }

  // Reports every element equal to an earlier one, at the later element.
  void CheckUnique(const ReflectedFields& fields, const FieldPlan& step, int n,
                   PathNode* node) {
    if (n < 2) return;
    const pb::FieldDescriptor::CppType type = step.value_type;
    const bool sortable = type != pb::FieldDescriptor::CPPTYPE_MESSAGE &&
                          type != pb::FieldDescriptor::CPPTYPE_DOUBLE &&
                          type != pb::FieldDescriptor::CPPTYPE_FLOAT;
    auto equal = [&](int a, int b) {
      switch (type) {
        case pb::FieldDescriptor::CPPTYPE_STRING: {
          std::string scratch_a, scratch_b;
          return fields.StringAt(step, a, &scratch_a) ==
                 fields.StringAt(step, b, &scratch_b);
        }
        case pb::FieldDescriptor::CPPTYPE_MESSAGE:
          return pb::util::MessageDifferencer::Equals(
              fields.MessageAt(step, a), fields.MessageAt(step, b));
        default: {
          const Number x = fields.NumAt(step, a);
          const Number y = fields.NumAt(step, b);
          return x.i == y.i && x.u == y.u && x.d == y.d;
        }
      }
    };
    // Pairwise comparison allocates nothing and is cheap for short lists;
    // long lists are sorted (and only then allocate).
    constexpr int kPairwiseLimit = 32;
    if (!sortable || n <= kPairwiseLimit) {
      for (int j = 1; j < n; ++j) {
        for (int i = 0; i < j; ++i) {
          if (equal(i, j)) {
            ReportDuplicate(node, j, i);
            break;
          }
        }
      }
      return;
    }
    auto less = [&](int a, int b) {
      if (type == pb::FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch_a, scratch_b;
        return fields.StringAt(step, a, &scratch_a) <
               fields.StringAt(step, b, &scratch_b);
      }
      const Number x = fields.NumAt(step, a);
      const Number y = fields.NumAt(step, b);
      return x.kind == Number::Kind::kUnsigned ? x.u < y.u : x.i < y.i;
    };
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<std::pair<int, int>> duplicates;  // (element, first equal)
    for (int k = 1, run = 0; k < n; ++k) {
      if (equal(order[run], order[k])) {
        duplicates.emplace_back(order[k], order[run]);
      } else {
        run = k;
      }
    }
    std::sort(duplicates.begin(), duplicates.end());
    for (const auto& [element, original] : duplicates) {
      ReportDuplicate(node, element, original);
    }
  }

  void ReportDuplicate(PathNode* node, int element, int original) {
    node->index = element;
    Report(*node, "unique",
           absl::StrCat("must be unique (same as [", original, "])"));
    node->index = -1;
  }

  void Report(const PathNode& node, absl::string_view rule,
              std::string description) {
    violations_.push_back(FieldViolation{PathText(node), std::string(rule),
                                         std::move(description)});
  }

  static std::string PathText(const PathNode& leaf) {
    std::vector<const PathNode*> chain;
    for (const PathNode* n = &leaf; n != nullptr; n = n->parent) {
      chain.push_back(n);
    }
    std::string text;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const PathNode& n = **it;
      if (!text.empty()) text.push_back('.');
      text.append(n.field != nullptr ? n.field->name() : n.oneof->name());
      if (n.index >= 0) absl::StrAppend(&text, "[", n.index, "]");
      if (n.map_entry != nullptr) {
        absl::StrAppend(&text, "[", MapKeyText(*n.map_entry), "]");
      }
    }
    return text;
  }

  std::vector<FieldViolation> violations_;
};

absl::Status InvalidArgument(const pb::Descriptor* descriptor,
                             const std::vector<FieldViolation>& violations) {
  std::string message = absl::StrCat("invalid ", descriptor->full_name(), ": ");
  google::rpc::BadRequest details;
  for (size_t i = 0; i < violations.size(); ++i) {
    const FieldViolation& v = violations[i];
    absl::StrAppend(&message, i == 0 ? "" : "; ", v.field, ": ", v.description);
    google::rpc::BadRequest::FieldViolation* out =
        details.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
    out->set_reason(v.rule);
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(details.SerializeAsString()));
  return status;
}

}  // namespace

absl::Status Validate(const pb::Message& message) {
  const MessagePlan& plan = internal::PlanFor(message.GetDescriptor());
  if (!plan.status.ok()) return plan.status;
  if (!plan.has_checks) return absl::OkStatus();
  Walker walker;
  walker.Visit(message, plan, nullptr);
  if (walker.violations().empty()) return absl::OkStatus();
  return InvalidArgument(plan.descriptor, walker.violations());
}

std::vector<FieldViolation> ValidationViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  const absl::optional<absl::Cord> payload =
      status.GetPayload(kBadRequestTypeUrl);
  if (!payload) return out;
  google::rpc::BadRequest details;
  if (!details.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : details.field_violations()) {
    out.push_back(FieldViolation{v.field(), v.reason(), v.description()});
  }
  return out;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
