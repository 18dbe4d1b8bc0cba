// Table-driven validation tests generated from the wire table fields.tsv.
//
// For every row with a non-empty `validation` column, the field is located
// under a request message (the message itself if it is a *Request, else the
// first request that reaches it, else the message alone), a minimal valid
// request is built from the rules in the table (required fields and
// size-bounded lists filled with values derived from the rules), and then:
//  - valid cases: the minimal request, and values exactly on each bound,
//    must pass;
//  - violation cases: for each rule, values just outside it (too long, too
//    short, pattern mismatch, out of range, missing, duplicated, too many or
//    too few elements, bad map key) must fail with INVALID_ARGUMENT carrying
//    that field path and rule, and no violation elsewhere.
// Each case is its own gtest test. A coverage test checks that the table was
// read and that there are at least as many violation cases as rules, so the
// suite cannot silently check nothing; another checks that the descriptors
// carry exactly the options the table lists.
//
// The table is read from $WIRE_TABLES_DIR/fields.tsv, else
// tests/testdata/wire/fields.tsv relative to the working directory.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/validation_rules.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"
#include "yandex/cloud/endpoint/api_endpoint.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

namespace pb = google::protobuf;
using internal::Bound;

// Types are looked up by name, so make sure every generated file is linked
// (an unreferenced object file may be dropped by the linker).
const pb::Descriptor* const kLinked[] = {
    yandex::cloud::access::Subject::descriptor(),
    yandex::cloud::clouddesktop::v1::api::Desktop::descriptor(),
    yandex::cloud::clouddesktop::v1::api::DesktopGroup::descriptor(),
    yandex::cloud::clouddesktop::v1::api::GetDesktopGroupRequest::descriptor(),
    yandex::cloud::clouddesktop::v1::api::DesktopImage::descriptor(),
    yandex::cloud::clouddesktop::v1::api::GetDesktopImageRequest::descriptor(),
    yandex::cloud::clouddesktop::v1::api::GetDesktopRequest::descriptor(),
    yandex::cloud::clouddesktop::v1::api::DiskSpec::descriptor(),
    yandex::cloud::endpoint::ApiEndpoint::descriptor(),
    yandex::cloud::endpoint::GetApiEndpointRequest::descriptor(),
    yandex::cloud::iam::v1::CreateIamTokenRequest::descriptor(),
    yandex::cloud::operation::Operation::descriptor(),
    yandex::cloud::operation::GetOperationRequest::descriptor(),
    google::rpc::Status::descriptor(),
};

// ---------------------------------------------------------------------------
// The table.

struct Row {
  std::string message;
  std::string field;
  std::string number;
  std::string label;
  std::string type;
  std::string validation;
};

std::string TableDir() {
  const char* env = std::getenv("WIRE_TABLES_DIR");
  return env != nullptr && *env != '\0' ? env : "tests/testdata/wire";
}

bool ReadTable(const std::string& path, std::vector<Row>* rows,
               std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = absl::StrCat("cannot open ", path);
    return false;
  }
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = absl::StrSplit(line, '\t');
  const std::vector<std::string> expected = {
      "file", "message", "field", "number", "label", "type", "validation"};
  if (header != expected) {
    *error = absl::StrCat(path, ": unexpected header: ", line);
    return false;
  }
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '\t');
    if (cells.size() != expected.size()) {
      *error = absl::StrCat(path, ": bad row: ", line);
      return false;
    }
    rows->push_back(
        Row{cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]});
  }
  return true;
}

// Splits at `sep` outside braces (patterns contain "{0,61}").
std::vector<std::string> SplitTopLevel(absl::string_view text, char sep) {
  std::vector<std::string> parts;
  int depth = 0;
  std::string current;
  for (char c : text) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == sep && depth == 0) {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

// The validation column of one row, as the table states it.
struct TableRules {
  bool required = false;
  bool unique = false;
  std::string length, pattern, value, size, bytes;
  bool has_map_key = false;
  std::string key_length, key_pattern, key_value;
  int rule_count = 0;  // top-level rules, `required=false` not counted

  bool operator==(const TableRules& o) const {
    return required == o.required && unique == o.unique && length == o.length &&
           pattern == o.pattern && value == o.value && size == o.size &&
           bytes == o.bytes && has_map_key == o.has_map_key &&
           key_length == o.key_length && key_pattern == o.key_pattern &&
           key_value == o.key_value;
  }
  std::string ToString() const {
    return absl::StrCat("required=", required, " unique=", unique,
                        " length=", length, " pattern=", pattern,
                        " value=", value, " size=", size, " bytes=", bytes,
                        " map_key=", has_map_key, "{", key_length, ",",
                        key_pattern, ",", key_value, "}");
  }
};

bool ParseTableRules(const std::string& text, TableRules* rules,
                     std::string* error) {
  for (const std::string& item : SplitTopLevel(text, ';')) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos) {
      *error = absl::StrCat("no '=' in ", item);
      return false;
    }
    const std::string key = item.substr(0, eq);
    const std::string value = item.substr(eq + 1);
    if (key == "required") {
      rules->required = value == "true";
    } else if (key == "unique") {
      rules->unique = value == "true";
    } else if (key == "length") {
      rules->length = value;
    } else if (key == "pattern") {
      rules->pattern = value;
    } else if (key == "value") {
      rules->value = value;
    } else if (key == "size") {
      rules->size = value;
    } else if (key == "bytes") {
      rules->bytes = value;
    } else if (key == "map_key") {
      if (value.size() < 2 || value.front() != '{' || value.back() != '}') {
        *error = absl::StrCat("bad map_key ", value);
        return false;
      }
      rules->has_map_key = true;
      for (const std::string& sub :
           SplitTopLevel(value.substr(1, value.size() - 2), ',')) {
        const size_t colon = sub.find(':');
        if (colon == std::string::npos) {
          *error = absl::StrCat("bad map_key part ", sub);
          return false;
        }
        const std::string k = sub.substr(0, colon);
        const std::string v = sub.substr(colon + 1);
        if (k == "pattern") {
          rules->key_pattern = v;
        } else if (k == "length") {
          rules->key_length = v;
        } else if (k == "value") {
          rules->key_value = v;
        } else {
          *error = absl::StrCat("unknown map_key part ", k);
          return false;
        }
      }
    } else {
      *error = absl::StrCat("unknown rule ", key);
      return false;
    }
    if (!(key == "required" && value != "true")) ++rules->rule_count;
  }
  return true;
}

// The same information read back from a descriptor's options.
TableRules RulesOfDescriptor(const pb::FieldDescriptor* field) {
  pb::FieldOptions options;
  options.ParseFromString(field->options().SerializeAsString());
  TableRules r;
  r.required = options.GetExtension(yandex::cloud::required);
  r.unique = options.GetExtension(yandex::cloud::unique);
  r.length = options.GetExtension(yandex::cloud::length);
  r.pattern = options.GetExtension(yandex::cloud::pattern);
  r.value = options.GetExtension(yandex::cloud::value);
  r.size = options.GetExtension(yandex::cloud::size);
  r.bytes = options.GetExtension(yandex::cloud::bytes);
  r.has_map_key = options.HasExtension(yandex::cloud::map_key);
  const yandex::cloud::MapKeySpec& key =
      options.GetExtension(yandex::cloud::map_key);
  r.key_length = key.length();
  r.key_pattern = key.pattern();
  r.key_value = key.value();
  return r;
}

// ---------------------------------------------------------------------------
// Rules compiled for value generation.

// Allowed integer interval of a bound (open ends as nullopt).
struct Interval {
  std::optional<int64_t> lo, hi;
};

Interval IntervalOf(const Bound& b) {
  Interval i;
  if (b.min()) i.lo = b.min()->integer + (b.min_inclusive() ? 0 : 1);
  if (b.max()) i.hi = b.max()->integer - (b.max_inclusive() ? 0 : 1);
  return i;
}

// Rules on one string value (a field, an element, a map key or value).
struct StringRules {
  std::optional<Bound> length, bytes;
  std::shared_ptr<RE2> pattern;

  bool Conforms(const std::string& s) const {
    if (length &&
        !length->Contains(static_cast<int64_t>(internal::Utf8Length(s)))) {
      return false;
    }
    if (bytes && !bytes->Contains(static_cast<int64_t>(s.size()))) {
      return false;
    }
    return !pattern || RE2::FullMatch(s, *pattern);
  }
  bool LengthOk(const std::string& s) const {
    return (!length || length->Contains(static_cast<int64_t>(s.size()))) &&
           (!bytes || bytes->Contains(static_cast<int64_t>(s.size())));
  }
  // Allowed lengths (ASCII candidates: characters == bytes).
  Interval Lengths() const {
    Interval i{int64_t{0}, std::nullopt};
    for (const std::optional<Bound>* b : {&length, &bytes}) {
      if (!*b) continue;
      const Interval j = IntervalOf(**b);
      if (j.lo && *j.lo > *i.lo) i.lo = j.lo;
      if (j.hi && (!i.hi || *j.hi < *i.hi)) i.hi = j.hi;
    }
    return i;
  }
};

struct FieldRules {
  TableRules table;
  StringRules str;  // value / element / map value
  StringRules key;  // map key
  std::optional<Bound> value, size;
};

std::optional<Bound> ParseBoundOrDie(const std::string& spec) {
  if (spec.empty()) return std::nullopt;
  absl::StatusOr<Bound> b = Bound::Parse(spec);
  if (!b.ok()) {
    ADD_FAILURE() << "table spec " << spec << ": " << b.status();
    return std::nullopt;
  }
  return *b;
}

std::shared_ptr<RE2> CompileOrDie(const std::string& pattern) {
  if (pattern.empty()) return nullptr;
  auto re = std::make_shared<RE2>(pattern);
  if (!re->ok()) {
    ADD_FAILURE() << "table pattern " << pattern << ": " << re->error();
    return nullptr;
  }
  return re;
}

FieldRules CompileRules(const TableRules& t) {
  FieldRules r;
  r.table = t;
  r.str.length = ParseBoundOrDie(t.length);
  r.str.bytes = ParseBoundOrDie(t.bytes);
  r.str.pattern = CompileOrDie(t.pattern);
  r.key.length = ParseBoundOrDie(t.key_length);
  r.key.pattern = CompileOrDie(t.key_pattern);
  r.value = ParseBoundOrDie(t.value);
  r.size = ParseBoundOrDie(t.size);
  return r;
}

// A short, distinct suffix per variant ("" for 0, then "b", "c", ...,
// "ba", ...); it never starts with 'a', so variants stay distinct after
// left-padding with 'a'.
std::string VariantSuffix(int variant) {
  std::string s;
  while (variant > 0) {
    s.insert(s.begin(), static_cast<char>('a' + variant % 26));
    variant /= 26;
  }
  return s;
}

// Searches strings of lengths [lo, hi] built from a fill character and the
// variant suffix for one that `accept`s.
std::optional<std::string> FindString(
    int64_t lo, std::optional<int64_t> hi, int variant,
    const std::function<bool(const std::string&)>& accept) {
  const std::string suffix = VariantSuffix(variant);
  const int64_t last = hi ? *hi : lo + 100;
  for (int64_t len = lo; len <= last && len <= lo + 200; ++len) {
    for (char fill : std::string("ax0-A! ")) {
      if (len < static_cast<int64_t>(suffix.size())) continue;
      std::string s(len - suffix.size(), fill);
      s += suffix;
      if (accept(s)) return s;
    }
  }
  return std::nullopt;
}

// A non-empty string that satisfies `rules` (distinct per variant).
std::optional<std::string> ConformingString(const StringRules& rules,
                                            int variant, int64_t min_len = 1) {
  const Interval lengths = rules.Lengths();
  return FindString(std::max(min_len, *lengths.lo), lengths.hi, variant,
                    [&](const std::string& s) { return rules.Conforms(s); });
}

// A non-zero number inside `bound` (or 1 without one).
int64_t ConformingNumber(const std::optional<Bound>& bound) {
  if (!bound) return 1;
  const Interval i = IntervalOf(*bound);
  for (int64_t v : {int64_t{1}, i.lo.value_or(1), i.hi.value_or(1)}) {
    if (v != 0 && bound->Contains(v)) return v;
  }
  return i.lo.value_or(1) + 1;
}

// ---------------------------------------------------------------------------
// Building messages.

using RulesMap = std::map<std::pair<std::string, std::string>, FieldRules>;

class Builder {
 public:
  explicit Builder(const RulesMap* rules) : rules_(rules) {}

  const FieldRules* Find(const pb::FieldDescriptor* f) const {
    auto it = rules_->find({f->containing_type()->full_name(), f->name()});
    return it == rules_->end() ? nullptr : &it->second;
  }

  void SetNumber(pb::Message* m, const pb::FieldDescriptor* f, int64_t v) {
    const pb::Reflection* r = m->GetReflection();
    switch (f->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        f->is_repeated() ? r->AddInt32(m, f, static_cast<int32_t>(v))
                         : r->SetInt32(m, f, static_cast<int32_t>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        f->is_repeated() ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        f->is_repeated() ? r->AddUInt32(m, f, static_cast<uint32_t>(v))
                         : r->SetUInt32(m, f, static_cast<uint32_t>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        f->is_repeated() ? r->AddUInt64(m, f, static_cast<uint64_t>(v))
                         : r->SetUInt64(m, f, static_cast<uint64_t>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        f->is_repeated() ? r->AddDouble(m, f, static_cast<double>(v))
                         : r->SetDouble(m, f, static_cast<double>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_FLOAT:
        f->is_repeated() ? r->AddFloat(m, f, static_cast<float>(v))
                         : r->SetFloat(m, f, static_cast<float>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM:
        f->is_repeated() ? r->AddEnumValue(m, f, static_cast<int>(v))
                         : r->SetEnumValue(m, f, static_cast<int>(v));
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        f->is_repeated() ? r->AddBool(m, f, v != 0) : r->SetBool(m, f, v != 0);
        break;
      default:
        ADD_FAILURE() << "not a number: " << f->full_name();
    }
  }

  void SetString(pb::Message* m, const pb::FieldDescriptor* f,
                 const std::string& v) {
    f->is_repeated() ? m->GetReflection()->AddString(m, f, v)
                     : m->GetReflection()->SetString(m, f, v);
  }

  // Sets (or adds, for a repeated field) a conforming, non-default value.
  void SetConforming(pb::Message* m, const pb::FieldDescriptor* f,
                     int variant) {
    const FieldRules* rules = Find(f);
    switch (f->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        std::optional<std::string> s =
            ConformingString(rules ? rules->str : StringRules(), variant);
        if (!s) {
          ADD_FAILURE() << "no conforming value for " << f->full_name();
          return;
        }
        SetString(m, f, *s);
        return;
      }
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        pb::Message* child = f->is_repeated()
                                 ? m->GetReflection()->AddMessage(m, f)
                                 : m->GetReflection()->MutableMessage(m, f);
        FillMinimal(child);
        return;
      }
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        const pb::EnumDescriptor* e = f->enum_type();
        for (int i = 0; i < e->value_count(); ++i) {
          if (e->value(i)->number() != 0) {
            SetNumber(m, f, e->value(i)->number());
            return;
          }
        }
        ADD_FAILURE() << "enum without non-zero values: " << f->full_name();
        return;
      }
      default:
        SetNumber(
            m, f,
            ConformingNumber(rules ? rules->value : std::nullopt) + variant);
    }
  }

  // Adds one map entry with the given key and a conforming value.
  pb::Message* AddMapEntry(pb::Message* m, const pb::FieldDescriptor* f,
                           const std::string& key) {
    pb::Message* entry = m->GetReflection()->AddMessage(m, f);
    const pb::FieldDescriptor* key_field = f->message_type()->map_key();
    const pb::FieldDescriptor* value_field = f->message_type()->map_value();
    if (key_field->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
      SetString(entry, key_field, key);
    } else {
      int64_t k = 1;
      EXPECT_TRUE(absl::SimpleAtoi(key, &k)) << key;
      SetNumber(entry, key_field, k);
    }
    const FieldRules* rules = Find(f);
    if (value_field->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
      std::optional<std::string> v =
          ConformingString(rules ? rules->str : StringRules(), 0);
      EXPECT_TRUE(v.has_value()) << f->full_name();
      SetString(entry, value_field, v.value_or(""));
    } else {
      SetConforming(entry, value_field, 0);
    }
    return entry;
  }

  std::string ConformingKey(const pb::FieldDescriptor* f, int variant) {
    const FieldRules* rules = Find(f);
    if (f->message_type()->map_key()->cpp_type() !=
        pb::FieldDescriptor::CPPTYPE_STRING) {
      return absl::StrCat(variant + 1);
    }
    std::optional<std::string> k =
        ConformingString(rules ? rules->key : StringRules(), variant);
    EXPECT_TRUE(k.has_value()) << "no conforming key for " << f->full_name();
    return k.value_or("k");
  }

  // Replaces the elements of a repeated or map field with `n` distinct
  // conforming ones.
  void FillCount(pb::Message* m, const pb::FieldDescriptor* f, int64_t n,
                 int first_variant = 0) {
    for (int64_t i = 0; i < n; ++i) {
      const int variant = static_cast<int>(i) + first_variant;
      if (f->is_map()) {
        AddMapEntry(m, f, ConformingKey(f, variant));
      } else {
        SetConforming(m, f, variant);
      }
    }
  }

  // The fewest elements a repeated or map field must have.
  int64_t MinCount(const pb::FieldDescriptor* f) const {
    const FieldRules* rules = Find(f);
    if (rules == nullptr) return 0;
    int64_t n = rules->table.required ? 1 : 0;
    if (rules->size) n = std::max(n, IntervalOf(*rules->size).lo.value_or(0));
    return n;
  }

  // Sets every required field, fills every list to its minimum size and
  // picks a member of every exactly_one oneof.
  void FillMinimal(pb::Message* m) {
    const pb::Descriptor* d = m->GetDescriptor();
    for (int i = 0; i < d->field_count(); ++i) {
      const pb::FieldDescriptor* f = d->field(i);
      const pb::OneofDescriptor* oneof = f->real_containing_oneof();
      if (oneof != nullptr && oneof->field(0) == f) {
        pb::OneofOptions options;
        options.ParseFromString(oneof->options().SerializeAsString());
        if (options.GetExtension(yandex::cloud::exactly_one)) {
          SetConforming(m, f, 0);
        }
      }
      const FieldRules* rules = Find(f);
      if (rules == nullptr) continue;
      if (f->is_repeated()) {
        m->GetReflection()->ClearField(m, f);
        FillCount(m, f, MinCount(f));
      } else if (rules->table.required) {
        SetConforming(m, f, 0);
      }
    }
  }

 private:
  const RulesMap* rules_;
};

// ---------------------------------------------------------------------------
// Where each annotated message sits under a request.

struct Location {
  const pb::Descriptor* root = nullptr;
  std::vector<const pb::FieldDescriptor*> steps;  // message-typed fields
};

const pb::Descriptor* StepType(const pb::FieldDescriptor* f) {
  if (f->is_map()) {
    const pb::FieldDescriptor* v = f->message_type()->map_value();
    return v->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE
               ? v->message_type()
               : nullptr;
  }
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE
             ? f->message_type()
             : nullptr;
}

// Shortest path from `root` to `target`, or nullopt.
std::optional<std::vector<const pb::FieldDescriptor*>> PathTo(
    const pb::Descriptor* root, const pb::Descriptor* target) {
  std::map<const pb::Descriptor*, std::vector<const pb::FieldDescriptor*>>
      seen = {{root, {}}};
  std::vector<const pb::Descriptor*> frontier = {root};
  while (!frontier.empty()) {
    std::vector<const pb::Descriptor*> next;
    for (const pb::Descriptor* d : frontier) {
      if (d == target) return seen[d];
      if (d->full_name() == "google.protobuf.Any") continue;
      for (int i = 0; i < d->field_count(); ++i) {
        const pb::Descriptor* t = StepType(d->field(i));
        if (t == nullptr || seen.count(t)) continue;
        seen[t] = seen[d];
        seen[t].push_back(d->field(i));
        next.push_back(t);
      }
    }
    frontier = std::move(next);
  }
  return std::nullopt;
}

// Creates the messages along `location` (filling each minimally) and returns
// the innermost one; `prefix` gets its path ("a.b[0].").
pb::Message* Navigate(Builder& builder, pb::Message* root,
                      const Location& location, std::string* prefix) {
  pb::Message* m = root;
  for (const pb::FieldDescriptor* f : location.steps) {
    const pb::Reflection* r = m->GetReflection();
    if (f->is_map()) {
      const std::string key = builder.ConformingKey(f, 0);
      if (r->FieldSize(*m, f) == 0) builder.AddMapEntry(m, f, key);
      pb::Message* entry = r->MutableRepeatedMessage(m, f, 0);
      std::string scratch;
      absl::StrAppend(prefix, f->name(), "[\"",
                      absl::CEscape(entry->GetReflection()->GetStringReference(
                          *entry, f->message_type()->map_key(), &scratch)),
                      "\"].");
      m = entry->GetReflection()->MutableMessage(
          entry, f->message_type()->map_value());
    } else if (f->is_repeated()) {
      if (r->FieldSize(*m, f) == 0) builder.FillCount(m, f, 1);
      absl::StrAppend(prefix, f->name(), "[0].");
      m = r->MutableRepeatedMessage(m, f, 0);
    } else {
      const bool existed = r->HasField(*m, f);
      absl::StrAppend(prefix, f->name(), ".");
      m = r->MutableMessage(m, f);
      if (!existed) builder.FillMinimal(m);
    }
  }
  return m;
}

// ---------------------------------------------------------------------------
// Cases.

struct Case {
  std::string suite;
  std::string name;
  Location location;
  // Mutates the holder of the field; returns the expected violation path
  // relative to the holder ("" for a valid case).
  std::function<void(Builder&, pb::Message*)> mutate;
  bool expect_ok = false;
  std::string path;  // relative to the holder
  std::string rule;
};

struct Generated {
  std::vector<Case> cases;
  int annotated_rows = 0;
  int rules = 0;
  int violation_cases = 0;
  int valid_cases = 0;
  std::vector<std::string> standalone;  // annotated types no request reaches
  std::vector<std::string> errors;
};

std::string KeyPath(const pb::FieldDescriptor* f, const std::string& key) {
  if (f->message_type()->map_key()->cpp_type() ==
      pb::FieldDescriptor::CPPTYPE_STRING) {
    return absl::StrCat(f->name(), "[\"", absl::CEscape(key), "\"]");
  }
  return absl::StrCat(f->name(), "[", key, "]");
}

std::string Sanitize(absl::string_view s) {
  std::string out;
  for (char c : s) out.push_back(absl::ascii_isalnum(c) ? c : '_');
  return out;
}

class CaseGenerator {
 public:
  CaseGenerator(const RulesMap* rules, Generated* out)
      : builder_(rules), out_(out) {}

  void Generate(const pb::FieldDescriptor* f, const FieldRules& rules,
                const Location& location) {
    f_ = f;
    rules_ = &rules;
    location_ = location;
    suite_ =
        absl::StrCat("FieldsTsv_", Sanitize(f->containing_type()->full_name()));
    const bool is_map = f->is_map();
    const bool is_list = f->is_repeated() && !is_map;
    const bool is_string =
        (is_map ? f->message_type()->map_value() : f)->cpp_type() ==
        pb::FieldDescriptor::CPPTYPE_STRING;
    const std::string name = f->name();

    Valid("minimal", [](Builder&, pb::Message*) {});

    if (rules.table.required) {
      Violation("required", "required", name, [f](Builder&, pb::Message* m) {
        m->GetReflection()->ClearField(m, f);
      });
    }

    // length / bytes / pattern on the value, each element or each map value.
    if (is_string) StringCases(rules.str, is_map, is_list);

    // value on numbers.
    if (rules.value && !is_map && !is_list) NumberCases();

    if (rules.size) SizeCases();

    if (rules.table.unique && is_list) {
      Violation("unique", "unique", name + "[1]",
                [f](Builder& b, pb::Message* m) {
                  m->GetReflection()->ClearField(m, f);
                  b.SetConforming(m, f, 0);
                  b.SetConforming(m, f, 0);
                  b.FillCount(m, f, b.MinCount(f) - 2, 1);
                });
    }

    if (rules.table.has_map_key) KeyCases();
  }

 private:
  void Add(Case c) {
    c.suite = suite_;
    c.location = location_;
    (c.expect_ok ? out_->valid_cases : out_->violation_cases)++;
    out_->cases.push_back(std::move(c));
  }

  void Valid(const std::string& what,
             std::function<void(Builder&, pb::Message*)> mutate) {
    Case c;
    c.name = Sanitize(absl::StrCat(f_->name(), "__valid_", what));
    c.mutate = std::move(mutate);
    c.expect_ok = true;
    Add(std::move(c));
  }

  void Violation(const std::string& what, const std::string& rule,
                 const std::string& path,
                 std::function<void(Builder&, pb::Message*)> mutate) {
    Case c;
    c.name = Sanitize(absl::StrCat(f_->name(), "__", what));
    c.mutate = std::move(mutate);
    c.rule = rule;
    c.path = path;
    Add(std::move(c));
  }

  void Error(const std::string& what) {
    out_->errors.push_back(absl::StrCat(f_->full_name(), ": ", what));
  }

  // Writes `value` as the field's value, its only element, or the value of
  // its only map entry; returns the path of the checked value.
  std::function<void(Builder&, pb::Message*)> PutString(
      const std::string& value) {
    const pb::FieldDescriptor* f = f_;
    return [f, value](Builder& b, pb::Message* m) {
      if (f->is_map()) {
        m->GetReflection()->ClearField(m, f);
        pb::Message* entry = b.AddMapEntry(m, f, b.ConformingKey(f, 0));
        entry->GetReflection()->SetString(entry, f->message_type()->map_value(),
                                          value);
        b.FillCount(m, f, b.MinCount(f) - 1, 1);
      } else if (f->is_repeated()) {
        m->GetReflection()->ClearField(m, f);
        b.SetString(m, f, value);
        b.FillCount(m, f, b.MinCount(f) - 1, 1);
      } else {
        b.SetString(m, f, value);
      }
    };
  }

  std::string ValuePath(bool is_map, bool is_list) {
    if (is_map) return KeyPath(f_, builder_.ConformingKey(f_, 0));
    if (is_list) return f_->name() + "[0]";
    return f_->name();
  }

  void StringCases(const StringRules& str, bool is_map, bool is_list) {
    const std::string path = ValuePath(is_map, is_list);
    // An empty singular string is "not set" and is not checked.
    const int64_t min_len = (is_map || is_list) ? 0 : 1;
    for (const auto& [rule, bound] :
         {std::make_pair(std::string("length"), str.length),
          std::make_pair(std::string("bytes"), str.bytes)}) {
      if (!bound) continue;
      const Interval allowed = IntervalOf(*bound);
      if (allowed.hi) {
        const int64_t len = *allowed.hi;
        std::optional<std::string> ok = FindString(
            len, len, 0, [&](const std::string& s) { return str.Conforms(s); });
        if (!ok) {
          Error(absl::StrCat("no value of length ", len));
        } else {
          Valid(absl::StrCat(rule, "_max"), PutString(*ok));
        }
        std::optional<std::string> bad =
            FindString(len + 1, len + 1, 0, [&](const std::string& s) {
              return !str.pattern || RE2::FullMatch(s, *str.pattern);
            });
        if (!bad) bad = std::string(len + 1, 'a');
        Violation(absl::StrCat(rule, "_too_long"), rule, path, PutString(*bad));
      }
      if (allowed.lo && *allowed.lo > 0) {
        const int64_t len = *allowed.lo;
        std::optional<std::string> ok = FindString(
            len, len, 0, [&](const std::string& s) { return str.Conforms(s); });
        if (ok) Valid(absl::StrCat(rule, "_min"), PutString(*ok));
        if (len - 1 >= min_len) {
          std::optional<std::string> bad =
              FindString(len - 1, len - 1, 0, [&](const std::string& s) {
                return !str.pattern || RE2::FullMatch(s, *str.pattern);
              });
          if (!bad) bad = std::string(len - 1, 'a');
          Violation(absl::StrCat(rule, "_too_short"), rule, path,
                    PutString(*bad));
        }
      }
    }
    if (str.pattern) {
      const Interval lengths = str.Lengths();
      std::optional<std::string> bad = FindString(
          std::max<int64_t>(min_len, *lengths.lo), lengths.hi, 0,
          [&](const std::string& s) {
            return str.LengthOk(s) && !RE2::FullMatch(s, *str.pattern);
          });
      if (!bad) {
        Error("no value that breaks the pattern");
      } else {
        Violation("pattern", "pattern", path, PutString(*bad));
      }
      std::optional<std::string> ok = ConformingString(str, 0, min_len);
      if (ok) Valid("pattern", PutString(*ok));
    }
  }

  void NumberCases() {
    const pb::FieldDescriptor* f = f_;
    const Interval allowed = IntervalOf(*rules_->value);
    auto put = [f](int64_t v) {
      return [f, v](Builder& b, pb::Message* m) { b.SetNumber(m, f, v); };
    };
    if (allowed.hi) {
      Valid("value_max", put(*allowed.hi));
      int64_t bad = *allowed.hi + 1;
      if (bad == 0 && !f->has_presence()) bad = 1;  // 0 is "not set"
      Violation("value_too_big", "value", f->name(), put(bad));
    }
    if (allowed.lo) {
      Valid("value_min", put(*allowed.lo));
      int64_t bad = *allowed.lo - 1;
      if (bad == 0 && !f->has_presence()) bad = -1;  // 0 is "not set"
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT32 ||
          f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT64) {
        if (bad < 0) return;
      }
      Violation("value_too_small", "value", f->name(), put(bad));
    }
  }

  void SizeCases() {
    const pb::FieldDescriptor* f = f_;
    const Interval allowed = IntervalOf(*rules_->size);
    auto fill = [f](int64_t n) {
      return [f, n](Builder& b, pb::Message* m) {
        m->GetReflection()->ClearField(m, f);
        b.FillCount(m, f, n);
      };
    };
    if (allowed.hi) {
      Valid("size_max", fill(*allowed.hi));
      Violation("size_too_many", "size", f->name(), fill(*allowed.hi + 1));
    }
    if (allowed.lo) {
      Valid("size_min", fill(*allowed.lo));
      if (*allowed.lo > 0) {
        const bool required = rules_->table.required;
        Violation("size_too_few",
                  required && *allowed.lo == 1 ? "required" : "size", f->name(),
                  fill(*allowed.lo - 1));
      }
    }
  }

  void KeyCases() {
    const pb::FieldDescriptor* f = f_;
    const StringRules& key = rules_->key;
    auto put_key = [f](const std::string& k) {
      return [f, k](Builder& b, pb::Message* m) {
        m->GetReflection()->ClearField(m, f);
        b.AddMapEntry(m, f, k);
        b.FillCount(m, f, b.MinCount(f) - 1, 1);
      };
    };
    if (key.length) {
      const Interval allowed = IntervalOf(*key.length);
      if (allowed.hi) {
        const int64_t len = *allowed.hi;
        std::optional<std::string> ok = FindString(
            len, len, 0, [&](const std::string& s) { return key.Conforms(s); });
        if (ok) Valid("map_key_length_max", put_key(*ok));
        std::optional<std::string> bad =
            FindString(len + 1, len + 1, 0, [&](const std::string& s) {
              return !key.pattern || RE2::FullMatch(s, *key.pattern);
            });
        if (!bad) bad = std::string(len + 1, 'a');
        Violation("map_key_too_long", "map_key", KeyPath(f, *bad),
                  put_key(*bad));
      }
      if (allowed.lo && *allowed.lo > 0) {
        const std::string bad(*allowed.lo - 1, 'a');
        Violation("map_key_too_short", "map_key", KeyPath(f, bad),
                  put_key(bad));
      }
    }
    if (key.pattern) {
      const Interval lengths = key.Lengths();
      std::optional<std::string> bad = FindString(
          std::max<int64_t>(1, *lengths.lo), lengths.hi, 0,
          [&](const std::string& s) {
            return key.LengthOk(s) && !RE2::FullMatch(s, *key.pattern);
          });
      if (!bad) {
        Error("no key that breaks the key pattern");
      } else {
        Violation("map_key_pattern", "map_key", KeyPath(f, *bad),
                  put_key(*bad));
      }
    }
    if (!rules_->table.key_value.empty()) {
      Error("map_key value rules are not generated by this test yet");
    }
  }

  Builder builder_;
  Generated* out_;
  const pb::FieldDescriptor* f_ = nullptr;
  const FieldRules* rules_ = nullptr;
  Location location_;
  std::string suite_;
};

// ---------------------------------------------------------------------------
// Registration.

Generated* g_generated = nullptr;
RulesMap* g_rules = nullptr;
std::vector<Row>* g_rows = nullptr;
std::string* g_table_error = nullptr;

class TableCaseTest : public ::testing::Test {
 public:
  explicit TableCaseTest(const Case* c) : case_(c) {}

  void TestBody() override {
    const pb::Message* prototype =
        pb::MessageFactory::generated_factory()->GetPrototype(
            case_->location.root);
    ASSERT_NE(prototype, nullptr);
    std::unique_ptr<pb::Message> root(prototype->New());
    Builder builder(g_rules);
    builder.FillMinimal(root.get());
    std::string prefix;
    pb::Message* holder =
        Navigate(builder, root.get(), case_->location, &prefix);
    case_->mutate(builder, holder);
    SCOPED_TRACE(absl::StrCat(case_->location.root->full_name(), " ",
                              root->ShortDebugString().substr(0, 2000)));
    const absl::Status status = Validate(*root);
    if (case_->expect_ok) {
      EXPECT_TRUE(status.ok()) << status;
      return;
    }
    ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    const std::string path = prefix + case_->path;
    bool found = false;
    for (const FieldViolation& v : ValidationViolations(status)) {
      EXPECT_EQ(v.field, path) << "unexpected violation elsewhere: " << v.field
                               << " " << v.rule << " " << v.description;
      found = found || (v.field == path && v.rule == case_->rule);
    }
    EXPECT_TRUE(found) << "expected " << path << " / " << case_->rule
                       << "; got " << status;
  }

 private:
  const Case* case_;
};

void Generate() {
  g_generated = new Generated;
  g_rules = new RulesMap;
  g_rows = new std::vector<Row>;
  g_table_error = new std::string;
  const std::string path = TableDir() + "/fields.tsv";
  if (!ReadTable(path, g_rows, g_table_error)) return;

  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  std::vector<const pb::Descriptor*> requests;
  std::set<std::string> seen_requests;
  for (const Row& row : *g_rows) {
    if (row.validation.empty()) continue;
    TableRules table;
    std::string error;
    if (!ParseTableRules(row.validation, &table, &error)) {
      g_generated->errors.push_back(
          absl::StrCat(row.message, ".", row.field, ": ", error));
      continue;
    }
    (*g_rules)[{row.message, row.field}] = CompileRules(table);
  }
  for (const Row& row : *g_rows) {
    if (absl::EndsWith(row.message, "Request") &&
        seen_requests.insert(row.message).second) {
      const pb::Descriptor* d = pool->FindMessageTypeByName(row.message);
      if (d != nullptr) requests.push_back(d);
    }
  }

  CaseGenerator generator(g_rules, g_generated);
  std::set<std::string> standalone;
  for (const Row& row : *g_rows) {
    if (row.validation.empty()) continue;
    auto rules = g_rules->find({row.message, row.field});
    if (rules == g_rules->end()) continue;
    const pb::Descriptor* message = pool->FindMessageTypeByName(row.message);
    const pb::FieldDescriptor* field =
        message ? message->FindFieldByName(row.field) : nullptr;
    if (field == nullptr) {
      g_generated->errors.push_back(
          absl::StrCat("no descriptor for ", row.message, ".", row.field));
      continue;
    }
    ++g_generated->annotated_rows;
    g_generated->rules += rules->second.table.rule_count;
    Location location;
    if (absl::EndsWith(row.message, "Request")) {
      location.root = message;
    } else {
      for (const pb::Descriptor* request : requests) {
        auto steps = PathTo(request, message);
        if (steps && (location.root == nullptr ||
                      steps->size() < location.steps.size())) {
          location.root = request;
          location.steps = *steps;
        }
      }
      if (location.root == nullptr) {
        location.root = message;
        standalone.insert(row.message);
      }
    }
    generator.Generate(field, rules->second, location);
  }
  g_generated->standalone.assign(standalone.begin(), standalone.end());
}

void Register() {
  Generate();
  ::testing::RegisterTest(
      "FieldsTsv", "TableIsReadAndEveryRuleHasACase", nullptr, nullptr,
      __FILE__, __LINE__, []() -> ::testing::Test* {
        struct Coverage : ::testing::Test {
          void TestBody() override {
            ASSERT_TRUE(g_table_error->empty())
                << *g_table_error
                << " (set WIRE_TABLES_DIR to the directory of fields.tsv)";
            for (const std::string& e : g_generated->errors) ADD_FAILURE() << e;
            EXPECT_GT(g_generated->annotated_rows, 0);
            EXPECT_GE(g_generated->violation_cases, g_generated->rules);
            std::cout << "fields.tsv: " << g_generated->annotated_rows
                      << " annotated fields, " << g_generated->rules
                      << " rules, " << g_generated->violation_cases
                      << " violation cases, " << g_generated->valid_cases
                      << " valid cases; validated on their own (no request "
                         "reaches them): "
                      << absl::StrJoin(g_generated->standalone, ", ")
                      << std::endl;
          }
        };
        return new Coverage;
      });
  ::testing::RegisterTest(
      "FieldsTsv", "DescriptorsCarryTheTableRules", nullptr, nullptr, __FILE__,
      __LINE__, []() -> ::testing::Test* {
        struct Options : ::testing::Test {
          void TestBody() override {
            ASSERT_TRUE(g_table_error->empty()) << *g_table_error;
            const pb::DescriptorPool* pool =
                pb::DescriptorPool::generated_pool();
            int checked = 0;
            for (const Row& row : *g_rows) {
              if (row.field == "(reserved)") continue;
              const pb::Descriptor* m =
                  pool->FindMessageTypeByName(row.message);
              ASSERT_NE(m, nullptr) << row.message;
              const pb::FieldDescriptor* f = m->FindFieldByName(row.field);
              ASSERT_NE(f, nullptr) << row.message << "." << row.field;
              EXPECT_EQ(absl::StrCat(f->number()), row.number)
                  << f->full_name();
              TableRules table;
              std::string error;
              EXPECT_TRUE(ParseTableRules(row.validation, &table, &error))
                  << error;
              EXPECT_EQ(RulesOfDescriptor(f), table)
                  << f->full_name()
                  << "\n descriptor: " << RulesOfDescriptor(f).ToString()
                  << "\n table:      " << table.ToString();
              ++checked;
            }
            EXPECT_GT(checked, 0);
          }
        };
        return new Options;
      });
  for (const Case& c : g_generated->cases) {
    const Case* ptr = &c;
    ::testing::RegisterTest(
        c.suite.c_str(), c.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
        [ptr]() -> ::testing::Test* { return new TableCaseTest(ptr); });
  }
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  (void)clouddesktop::kLinked;
  clouddesktop::Register();
  return RUN_ALL_TESTS();
}
