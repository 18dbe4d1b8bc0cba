#include "clouddesktop/cli/request_flags.h"

#include <memory>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/json_util.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop::cli {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::EnumValueDescriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// Request messages nest a few levels at most; the bound only guards
// against recursive types.
constexpr int kMaxDepth = 5;

bool IsFieldMask(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type()->full_name() == "google.protobuf.FieldMask";
}

// Well-known types take their JSON string form (Timestamp, Duration, ...)
// and are never opened into subfield flags.
bool IsWellKnown(const Descriptor* type) {
  return absl::StartsWith(type->full_name(), "google.protobuf.");
}

std::string DashName(absl::string_view field_name) {
  return absl::StrReplaceAll(field_name, {{"_", "-"}});
}

std::string TypeName(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return field->type() == FieldDescriptor::TYPE_BYTES ? "bytes" : "string";
    case FieldDescriptor::CPPTYPE_ENUM:
      return "enum";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return std::string(field->message_type()->name());
    default:
      return field->type_name();
  }
}

std::string EnumValues(const google::protobuf::EnumDescriptor* type) {
  std::vector<std::string> names;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() == 0) continue;  // *_UNSPECIFIED
    names.push_back(type->value(i)->name());
  }
  return absl::StrJoin(names, "|");
}

// "string; required; length <=50" from the field's type and options.
std::string Describe(const FieldDescriptor* field) {
  std::vector<std::string> parts;
  if (field->is_map()) {
    parts.push_back(
        absl::StrCat("map<", TypeName(field->message_type()->map_key()), ", ",
                     TypeName(field->message_type()->map_value()), ">"));
  } else if (field->is_repeated()) {
    parts.push_back(absl::StrCat("list of ", TypeName(field)));
  } else {
    parts.push_back(TypeName(field));
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    parts.push_back(absl::StrCat("one of ", EnumValues(field->enum_type())));
  }
  const google::protobuf::FieldOptions& options = field->options();
  if (options.GetExtension(yandex::cloud::required)) {
    parts.push_back("required");
  }
  if (!options.GetExtension(yandex::cloud::length).empty()) {
    parts.push_back(
        absl::StrCat("length ", options.GetExtension(yandex::cloud::length)));
  }
  if (!options.GetExtension(yandex::cloud::value).empty()) {
    parts.push_back(
        absl::StrCat("value ", options.GetExtension(yandex::cloud::value)));
  }
  if (!options.GetExtension(yandex::cloud::size).empty()) {
    parts.push_back(
        absl::StrCat("count ", options.GetExtension(yandex::cloud::size)));
  }
  if (!options.GetExtension(yandex::cloud::pattern).empty()) {
    parts.push_back(
        absl::StrCat("pattern ", options.GetExtension(yandex::cloud::pattern)));
  }
  if (options.HasExtension(yandex::cloud::map_key)) {
    const yandex::cloud::MapKeySpec& key =
        options.GetExtension(yandex::cloud::map_key);
    if (!key.pattern().empty()) {
      parts.push_back(absl::StrCat("key pattern ", key.pattern()));
    }
    if (!key.length().empty()) {
      parts.push_back(absl::StrCat("key length ", key.length()));
    }
  }
  if (field->containing_oneof() != nullptr) {
    parts.push_back(absl::StrCat("oneof ", field->containing_oneof()->name()));
  }
  return absl::StrJoin(parts, "; ");
}

std::string ScalarValueName(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return "STRING";
    case FieldDescriptor::CPPTYPE_ENUM:
      return "ENUM";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "BOOL";
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return "NUMBER";
    default:
      return "INT";
  }
}

void AddFlags(const Descriptor* type,
              std::vector<const FieldDescriptor*>& prefix, int depth,
              std::vector<RequestFlag>& out) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    prefix.push_back(field);
    RequestFlag flag;
    flag.path = prefix;
    std::vector<std::string> names;
    for (const FieldDescriptor* f : prefix)
      names.push_back(DashName(f->name()));
    flag.name = absl::StrCat("--", absl::StrJoin(names, "."));
    flag.description = Describe(field);
    bool recurse = false;
    if (field->is_map()) {
      flag.shape = FlagShape::kMap;
      flag.value_name = "K=V,...";
      if (field->message_type()->map_value()->cpp_type() ==
          FieldDescriptor::CPPTYPE_MESSAGE) {
        flag.shape = FlagShape::kMessage;  // a JSON object of messages
        flag.value_name = "JSON";
      }
    } else if (IsFieldMask(field)) {
      flag.shape = FlagShape::kFieldMask;
      flag.value_name = "FIELD,...";
      flag.description = "field names to change, comma-separated";
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Descriptor* sub = field->message_type();
      if (field->is_repeated()) {
        flag.shape = FlagShape::kRepeatedMessage;
        flag.value_name = "K=V,...|JSON";
        std::vector<std::string> subfields;
        for (int j = 0; j < sub->field_count(); ++j) {
          const FieldDescriptor* s = sub->field(j);
          if (s->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
              !IsWellKnown(s->message_type())) {
            for (int k = 0; k < s->message_type()->field_count(); ++k) {
              subfields.push_back(absl::StrCat(
                  s->name(), ".", s->message_type()->field(k)->name()));
            }
          } else {
            subfields.push_back(std::string(s->name()));
          }
        }
        absl::StrAppend(&flag.description, "; one element per flag, as ",
                        absl::StrJoin(subfields, "=..,"),
                        "=.. or a JSON object (or array)");
      } else if (sub->field_count() == 0) {
        flag.shape = FlagShape::kPresence;
        flag.value_name = "";
        absl::StrAppend(&flag.description, "; takes no value");
      } else {
        flag.shape = FlagShape::kMessage;
        flag.value_name = "JSON";
        recurse = !IsWellKnown(sub) && depth < kMaxDepth;
      }
    } else if (field->is_repeated()) {
      flag.shape = FlagShape::kRepeatedScalar;
      flag.value_name = absl::StrCat(ScalarValueName(field), ",...");
    } else {
      flag.shape = FlagShape::kScalar;
      flag.value_name = ScalarValueName(field);
    }
    out.push_back(std::move(flag));
    if (recurse) AddFlags(field->message_type(), prefix, depth + 1, out);
    prefix.pop_back();
  }
}

absl::Status FlagError(const RequestFlag& flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(flag.name, ": ", what));
}

// Parses `text` as a value of the scalar `field` and sets it (or, for a
// repeated field, appends it).
absl::Status SetScalar(const FieldDescriptor* field, absl::string_view text,
                       Message* message) {
  const Reflection* r = message->GetReflection();
  bool repeated = field->is_repeated();
  auto bad = [&](absl::string_view expected) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not ", expected));
  };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r->AddString(message, field, std::string(text))
               : r->SetString(message, field, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("an integer");
      repeated ? r->AddInt64(message, field, v)
               : r->SetInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("a 32-bit integer");
      repeated ? r->AddInt32(message, field, v)
               : r->SetInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("an unsigned integer");
      repeated ? r->AddUInt64(message, field, v)
               : r->SetUInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("an unsigned integer");
      repeated ? r->AddUInt32(message, field, v)
               : r->SetUInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(text, &v)) return bad("a number");
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
        repeated ? r->AddDouble(message, field, v)
                 : r->SetDouble(message, field, v);
      } else {
        repeated ? r->AddFloat(message, field, static_cast<float>(v))
                 : r->SetFloat(message, field, static_cast<float>(v));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (!absl::SimpleAtob(text, &v)) return bad("true or false");
      repeated ? r->AddBool(message, field, v) : r->SetBool(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* value =
          field->enum_type()->FindValueByName(std::string(text));
      for (int i = 0; value == nullptr && i < field->enum_type()->value_count();
           ++i) {
        if (absl::EqualsIgnoreCase(field->enum_type()->value(i)->name(),
                                   text)) {
          value = field->enum_type()->value(i);
        }
      }
      if (value == nullptr) {
        return bad(absl::StrCat("one of ", EnumValues(field->enum_type())));
      }
      repeated ? r->AddEnum(message, field, value)
               : r->SetEnum(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field->name(), " is a message: give it as JSON"));
}

// Sets `field` of `message` from `json`, the field's value in protobuf's
// JSON mapping, by parsing `{"<field>": <json>}` into a fresh message of the
// same type and merging it in (so repeated fields append).
absl::Status MergeFieldJson(const FieldDescriptor* field,
                            absl::string_view json, Message* message) {
  std::unique_ptr<Message> scratch(message->New());
  std::string document =
      absl::StrCat("{\"", field->json_name(), "\":", json, "}");
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      document, scratch.get(), options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not valid JSON for ", TypeName(field), ": ",
                     std::string(status.message())));
  }
  message->MergeFrom(*scratch);
  return absl::OkStatus();
}

// The message at `path` (all but its last field), created as needed.
Message* MutableParent(const std::vector<const FieldDescriptor*>& path,
                       Message* request) {
  Message* message = request;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    message = message->GetReflection()->MutableMessage(message, path[i]);
  }
  return message;
}

// Sets one `key=value` of a repeated-message element, `key` a dotted path
// of the element's fields (`subject.id`).
absl::Status SetElementField(absl::string_view key, absl::string_view value,
                             Message* element) {
  std::vector<std::string> names = absl::StrSplit(key, '.');
  Message* message = element;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string name = absl::StrReplaceAll(names[i], {{"-", "_"}});
    const FieldDescriptor* field =
        message->GetDescriptor()->FindFieldByName(name);
    for (int j = 0;
         field == nullptr && j < message->GetDescriptor()->field_count(); ++j) {
      if (message->GetDescriptor()->field(j)->json_name() == names[i]) {
        field = message->GetDescriptor()->field(j);
      }
    }
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", key, "\": ", message->GetDescriptor()->name(),
                       " has no field ", names[i]));
    }
    bool last = i + 1 == names.size();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (last || field->is_repeated()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "\"", key, "\" is a message or a list: use JSON for it"));
      }
      message = message->GetReflection()->MutableMessage(message, field);
      continue;
    }
    if (!last) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", key, "\": ", names[i], " has no subfields"));
    }
    absl::Status status = SetScalar(field, value, message);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string RequestFlag::FieldPath() const {
  std::vector<std::string> names;
  for (const FieldDescriptor* f : path) names.push_back(std::string(f->name()));
  return absl::StrJoin(names, ".");
}

void DefaultUpdateMask(const std::vector<std::string>& given,
                       absl::string_view id_field, Message* request) {
  const FieldDescriptor* mask_field =
      request->GetDescriptor()->FindFieldByName("update_mask");
  if (mask_field == nullptr || !IsFieldMask(mask_field)) return;
  const Reflection* r = request->GetReflection();
  auto* mask = static_cast<google::protobuf::FieldMask*>(
      r->MutableMessage(request, mask_field));
  if (mask->paths_size() > 0) return;
  for (const std::string& path : given) {
    absl::string_view top = absl::string_view(path).substr(0, path.find('.'));
    if (top == id_field || top == "update_mask") continue;
    bool covered = false;
    for (const std::string& p : mask->paths()) {
      covered = covered || p == path || absl::StartsWith(path, p + ".");
    }
    if (!covered) mask->add_paths(path);
  }
}

std::vector<RequestFlag> RequestFlags(const Descriptor* request) {
  std::vector<RequestFlag> flags;
  std::vector<const FieldDescriptor*> prefix;
  AddFlags(request, prefix, 0, flags);
  return flags;
}

absl::Status ApplyRequestFlag(const RequestFlag& flag,
                              const std::vector<std::string>& values,
                              Message* request) {
  Message* parent = MutableParent(flag.path, request);
  const FieldDescriptor* field = flag.path.back();
  const Reflection* r = parent->GetReflection();
  switch (flag.shape) {
    case FlagShape::kScalar: {
      if (values.empty()) return absl::OkStatus();
      absl::Status status = SetScalar(field, values.back(), parent);
      return status.ok() ? status : FlagError(flag, status.message());
    }
    case FlagShape::kRepeatedScalar:
      r->ClearField(parent, field);
      for (const std::string& value : values) {
        absl::Status status =
            SetScalar(field, absl::StripAsciiWhitespace(value), parent);
        if (!status.ok()) return FlagError(flag, status.message());
      }
      return absl::OkStatus();
    case FlagShape::kMap: {
      r->ClearField(parent, field);
      const Descriptor* entry_type = field->message_type();
      for (const std::string& value : values) {
        if (absl::StripAsciiWhitespace(value).empty()) continue;
        std::pair<std::string, std::string> kv =
            absl::StrSplit(value, absl::MaxSplits('=', 1));
        if (value.find('=') == std::string::npos) {
          return FlagError(flag,
                           absl::StrCat("\"", value, "\" is not KEY=VALUE"));
        }
        Message* entry = r->AddMessage(parent, field);
        absl::Status status = SetScalar(entry_type->map_key(), kv.first, entry);
        if (status.ok()) {
          status = SetScalar(entry_type->map_value(), kv.second, entry);
        }
        if (!status.ok()) return FlagError(flag, status.message());
      }
      return absl::OkStatus();
    }
    case FlagShape::kMessage:
      r->ClearField(parent, field);
      for (const std::string& value : values) {
        absl::Status status = MergeFieldJson(field, value, parent);
        if (!status.ok()) return FlagError(flag, status.message());
      }
      return absl::OkStatus();
    case FlagShape::kPresence:
      r->MutableMessage(parent, field);
      return absl::OkStatus();
    case FlagShape::kRepeatedMessage:
      r->ClearField(parent, field);
      for (const std::string& value : values) {
        absl::string_view text = absl::StripAsciiWhitespace(value);
        if (absl::StartsWith(text, "{") || absl::StartsWith(text, "[")) {
          absl::Status status = MergeFieldJson(field, text, parent);
          if (!status.ok()) return FlagError(flag, status.message());
          continue;
        }
        Message* element = r->AddMessage(parent, field);
        for (absl::string_view pair : absl::StrSplit(text, ',')) {
          pair = absl::StripAsciiWhitespace(pair);
          if (pair.empty()) continue;
          size_t eq = pair.find('=');
          if (eq == absl::string_view::npos) {
            return FlagError(
                flag, absl::StrCat("\"", pair,
                                   "\" is not FIELD=VALUE (or give JSON)"));
          }
          absl::Status status =
              SetElementField(absl::StripAsciiWhitespace(pair.substr(0, eq)),
                              pair.substr(eq + 1), element);
          if (!status.ok()) return FlagError(flag, status.message());
        }
      }
      return absl::OkStatus();
    case FlagShape::kFieldMask: {
      auto* mask = static_cast<google::protobuf::FieldMask*>(
          r->MutableMessage(parent, field));
      mask->Clear();
      for (const std::string& value : values) {
        absl::string_view path = absl::StripAsciiWhitespace(value);
        if (!path.empty()) {
          mask->add_paths(absl::StrReplaceAll(path, {{"-", "_"}}));
        }
      }
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

std::string FlagForFieldPath(absl::string_view field_path) {
  absl::string_view path = field_path;
  size_t bracket = path.find('[');
  if (bracket != absl::string_view::npos) path = path.substr(0, bracket);
  // A google.protobuf.FieldMask is one flag (`--update-mask=a,b`): its
  // `paths` (e.g. one that is not UTF-8) belong to it.
  absl::ConsumeSuffix(&path, ".paths");
  return absl::StrCat("--", DashName(path));
}

}  // namespace clouddesktop::cli
