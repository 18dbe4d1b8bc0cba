#include "clouddesktop/cli/output.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"

namespace clouddesktop::cli {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

bool IsType(const Descriptor* type, absl::string_view full_name) {
  return type->full_name() == full_name;
}

// The message an Any holds, from the generated pool; null if its type is
// unknown or it does not parse.
std::unique_ptr<Message> UnpackAnyImpl(const Message& any) {
  const Descriptor* d = any.GetDescriptor();
  const Reflection* r = any.GetReflection();
  std::string type_url = r->GetString(any, d->FindFieldByName("type_url"));
  std::string type_name = type_url.substr(type_url.rfind('/') + 1);
  const Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          type_name);
  if (type == nullptr) return nullptr;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<Message> message(prototype->New());
  if (!message->ParseFromString(
          r->GetString(any, d->FindFieldByName("value")))) {
    return nullptr;
  }
  return message;
}

std::string FormatTimestamp(const Message& ts) {
  const Descriptor* d = ts.GetDescriptor();
  const Reflection* r = ts.GetReflection();
  absl::Time t =
      absl::FromUnixSeconds(r->GetInt64(ts, d->FindFieldByName("seconds"))) +
      absl::Nanoseconds(r->GetInt32(ts, d->FindFieldByName("nanos")));
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string FormatDuration(const Message& duration) {
  const Descriptor* d = duration.GetDescriptor();
  const Reflection* r = duration.GetReflection();
  absl::Duration value =
      absl::Seconds(r->GetInt64(duration, d->FindFieldByName("seconds"))) +
      absl::Nanoseconds(r->GetInt32(duration, d->FindFieldByName("nanos")));
  return absl::FormatDuration(value);
}

// A message that reads as one value (well-known types), or nullopt.
std::optional<std::string> MessageAsScalar(const Message& message) {
  const Descriptor* type = message.GetDescriptor();
  if (IsType(type, "google.protobuf.Timestamp"))
    return FormatTimestamp(message);
  if (IsType(type, "google.protobuf.Duration")) return FormatDuration(message);
  if (IsType(type, "google.protobuf.FieldMask")) {
    const FieldDescriptor* paths = type->FindFieldByName("paths");
    std::vector<std::string> items;
    for (int i = 0; i < message.GetReflection()->FieldSize(message, paths);
         ++i) {
      items.push_back(
          message.GetReflection()->GetRepeatedString(message, paths, i));
    }
    return absl::StrJoin(items, ",");
  }
  if (IsType(type, "google.protobuf.Empty")) return "{}";
  return std::nullopt;
}

// A scalar field's value (index >= 0: an element of a repeated field).
std::string ScalarText(const Message& message, const FieldDescriptor* field,
                       int index) {
  const Reflection* r = message.GetReflection();
  bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(message, field, index)
                 : r->GetString(message, field);
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(message, field, index)
                              : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = rep ? r->GetRepeatedInt32(message, field, index)
                      : r->GetInt32(message, field);
      // google.rpc.Status.code: the code's name.
      if (IsType(message.GetDescriptor(), "google.rpc.Status") &&
          field->name() == "code" && v >= 0 && v <= 16) {
        return absl::StrCat(
            absl::StatusCodeToString(static_cast<absl::StatusCode>(v)), " (", v,
            ")");
      }
      return absl::StrCat(v);
    }
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(message, field, index)
                              : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(message, field, index)
                              : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(message, field, index)
                              : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(message, field, index)
                              : r->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(message, field, index)
                  : r->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(message, field, index)
                  : r->GetEnum(message, field))
          ->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

// A value on one line: quoted when it would not read back plainly.
std::string Quoted(const std::string& value) {
  bool plain = !value.empty() && value.find('\n') == std::string::npos &&
               value.front() != ' ' && value.back() != ' ' &&
               value.find(": ") == std::string::npos && value.front() != '{' &&
               value.front() != '[' && value.front() != '"' &&
               value.front() != '-';
  if (plain) return value;
  return absl::StrCat("\"", absl::CEscape(value), "\"");
}

// Sorted `key=value` pairs of a map field.
std::vector<std::pair<std::string, std::string>> MapEntries(
    const Message& message, const FieldDescriptor* field) {
  const Reflection* r = message.GetReflection();
  std::vector<std::pair<std::string, std::string>> entries;
  const Descriptor* entry_type = field->message_type();
  for (int i = 0; i < r->FieldSize(message, field); ++i) {
    const Message& entry = r->GetRepeatedMessage(message, field, i);
    std::string value;
    if (entry_type->map_value()->cpp_type() ==
        FieldDescriptor::CPPTYPE_MESSAGE) {
      value = ToCompactJson(
          entry.GetReflection()->GetMessage(entry, entry_type->map_value()));
    } else {
      value = ScalarText(entry, entry_type->map_value(), -1);
    }
    entries.emplace_back(ScalarText(entry, entry_type->map_key(), -1),
                         std::move(value));
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

void AppendText(const Message& message, int indent, std::string* out);

// `name:` followed by the nested message, or `name: value` for messages
// that read as one value.
void AppendMessageField(absl::string_view name, const Message& value,
                        int indent, absl::string_view item_prefix,
                        std::string* out) {
  std::string pad(indent, ' ');
  std::optional<std::string> scalar = MessageAsScalar(value);
  if (scalar) {
    absl::StrAppend(out, pad, item_prefix, name, name.empty() ? "" : ": ",
                    *scalar, "\n");
    return;
  }
  const Message* shown = &value;
  std::unique_ptr<Message> unpacked;
  std::string type_line;
  if (IsType(value.GetDescriptor(), "google.protobuf.Any")) {
    unpacked = UnpackAnyImpl(value);
    if (unpacked) {
      shown = unpacked.get();
      type_line = std::string(unpacked->GetDescriptor()->full_name());
    }
  }
  std::string body;
  if (!type_line.empty()) {
    absl::StrAppend(&body, std::string(indent + 2, ' '), "@type: ", type_line,
                    "\n");
  }
  AppendText(*shown, indent + 2, &body);
  if (body.empty()) {
    absl::StrAppend(out, pad, item_prefix, name, name.empty() ? "" : ": ",
                    "{}\n");
    return;
  }
  if (name.empty()) {
    // A list element: "- " takes the place of the first line's indent.
    body.replace(indent, 2, absl::StrCat(item_prefix));
    absl::StrAppend(out, body);
    return;
  }
  absl::StrAppend(out, pad, item_prefix, name, ":\n", body);
}

void AppendText(const Message& message, int indent, std::string* out) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  std::string pad(indent, ' ');
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    const std::string& name = field->name();
    if (field->is_map()) {
      auto entries = MapEntries(message, field);
      if (entries.empty()) continue;
      absl::StrAppend(out, pad, name, ":\n");
      for (const auto& [key, value] : entries) {
        absl::StrAppend(out, pad, "  ", Quoted(key), ": ", Quoted(value), "\n");
      }
    } else if (field->is_repeated()) {
      int size = r->FieldSize(message, field);
      if (size == 0) continue;
      absl::StrAppend(out, pad, name, ":\n");
      for (int j = 0; j < size; ++j) {
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          AppendMessageField("", r->GetRepeatedMessage(message, field, j),
                             indent + 2, "- ", out);
        } else {
          absl::StrAppend(out, pad, "  - ",
                          Quoted(ScalarText(message, field, j)), "\n");
        }
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!r->HasField(message, field)) continue;
      AppendMessageField(name, r->GetMessage(message, field), indent, "", out);
    } else {
      if (!r->HasField(message, field)) continue;
      absl::StrAppend(out, pad, name, ": ",
                      Quoted(ScalarText(message, field, -1)), "\n");
    }
  }
}

// The message at a dotted path of singular message fields, or null.
const Message* Walk(const Message& message,
                    const std::vector<std::string>& names,
                    const FieldDescriptor** leaf) {
  const Message* current = &message;
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldDescriptor* field =
        current->GetDescriptor()->FindFieldByName(names[i]);
    if (field == nullptr) return nullptr;
    if (i + 1 == names.size()) {
      *leaf = field;
      return current;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->is_repeated()) {
      return nullptr;
    }
    current = &current->GetReflection()->GetMessage(*current, field);
  }
  return nullptr;
}

std::string Cell(const Message& message, const std::string& path) {
  if (path == "@status") {  // yandex.cloud.operation.Operation
    const Descriptor* d = message.GetDescriptor();
    const Reflection* r = message.GetReflection();
    if (!r->GetBool(message, d->FindFieldByName("done"))) return "RUNNING";
    const FieldDescriptor* error = d->FindFieldByName("error");
    if (r->HasField(message, error)) {
      const Message& status = r->GetMessage(message, error);
      int code = status.GetReflection()->GetInt32(
          status, status.GetDescriptor()->FindFieldByName("code"));
      return absl::StrCat(
          "ERROR ",
          code >= 0 && code <= 16
              ? absl::StatusCodeToString(static_cast<absl::StatusCode>(code))
              : absl::StrCat(code));
    }
    return "DONE";
  }
  const FieldDescriptor* field = nullptr;
  const Message* holder = Walk(message, absl::StrSplit(path, '.'), &field);
  if (holder == nullptr || field == nullptr) return "";
  const Reflection* r = holder->GetReflection();
  if (field->is_map()) {
    std::vector<std::string> pairs;
    for (const auto& [k, v] : MapEntries(*holder, field)) {
      pairs.push_back(absl::StrCat(k, "=", v));
    }
    return absl::StrJoin(pairs, ",");
  }
  if (field->is_repeated()) {
    std::vector<std::string> items;
    for (int i = 0; i < r->FieldSize(*holder, field); ++i) {
      items.push_back(
          field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
              ? ToCompactJson(r->GetRepeatedMessage(*holder, field, i))
              : ScalarText(*holder, field, i));
    }
    return absl::StrJoin(items, ",");
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!r->HasField(*holder, field)) return "";
    const Message& value = r->GetMessage(*holder, field);
    std::optional<std::string> scalar = MessageAsScalar(value);
    return scalar ? *scalar : ToCompactJson(value);
  }
  return ScalarText(*holder, field, -1);
}

std::string Header(absl::string_view path) {
  return absl::AsciiStrToUpper(absl::StrReplaceAll(path, {{".", "_"}}));
}

// A YAML scalar: plain where YAML reads it back as the same string,
// otherwise double-quoted (a JSON string is a valid YAML one).
std::string YamlScalar(const nlohmann::ordered_json& value) {
  if (!value.is_string()) return value.dump();
  const std::string& s = value.get_ref<const std::string&>();
  static constexpr absl::string_view kReserved[] = {
      "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"};
  bool plain =
      !s.empty() && s.front() != ' ' && s.back() != ' ' &&
      s.find_first_of("\n\t\r\"'\\") == std::string::npos &&
      s.find(": ") == std::string::npos && s.find(" #") == std::string::npos &&
      s.back() != ':' &&
      std::string("-?:,[]{}#&*!|>%@`").find(s.front()) == std::string::npos;
  for (absl::string_view r : kReserved) {
    plain = plain && !absl::EqualsIgnoreCase(s, r);
  }
  // Numbers, and timestamps (YAML would read them as its own types): quoted,
  // as yc prints `created_at: "2019-08-26T12:31:25Z"`.
  double number;
  plain = plain && !absl::SimpleAtod(s, &number) &&
          !absl::ascii_isdigit(static_cast<unsigned char>(s.front())) &&
          s.front() != '.' && s.front() != '+';
  if (plain) return s;
  return value.dump();
}

bool IsYamlLeaf(const nlohmann::ordered_json& value) {
  return !value.is_structured() || value.empty();
}

std::string YamlLeaf(const nlohmann::ordered_json& value) {
  if (value.is_object()) return "{}";
  if (value.is_array()) return "[]";
  return YamlScalar(value);
}

// A mapping or sequence, each line indented by `indent`.
void AppendYaml(const nlohmann::ordered_json& value, int indent,
                std::string* out) {
  std::string pad(indent, ' ');
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      absl::StrAppend(out, pad, YamlScalar(nlohmann::ordered_json(key)), ":");
      if (IsYamlLeaf(item)) {
        absl::StrAppend(out, " ", YamlLeaf(item), "\n");
      } else {
        absl::StrAppend(out, "\n");
        AppendYaml(item, indent + 2, out);
      }
    }
    return;
  }
  for (const auto& item : value) {
    if (IsYamlLeaf(item)) {
      absl::StrAppend(out, pad, "- ", YamlLeaf(item), "\n");
      continue;
    }
    // "- " takes the place of the first line's indent.
    std::string nested;
    AppendYaml(item, indent + 2, &nested);
    nested.replace(indent, 2, "- ");
    absl::StrAppend(out, nested);
  }
}

std::string JsonToYaml(const std::string& json) {
  nlohmann::ordered_json parsed =
      nlohmann::ordered_json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return json + "\n";
  if (IsYamlLeaf(parsed)) return YamlLeaf(parsed) + "\n";
  std::string out;
  AppendYaml(parsed, 0, &out);
  return out;
}

}  // namespace

std::unique_ptr<Message> UnpackAnyMessage(const Message& any) {
  return UnpackAnyImpl(any);
}

absl::StatusOr<Format> ParseFormat(absl::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "yaml") return Format::kYaml;
  if (name == "json") return Format::kJson;
  if (name == "json-rest") return Format::kJsonRest;
  if (name == "table") return Format::kTable;
  return absl::InvalidArgumentError(
      absl::StrCat("--format: \"", name, "\" is not one of ", FormatNames()));
}

std::string FormatNames() { return "text, yaml, json, json-rest, table"; }

std::string ToCompactJson(const Message& message, JsonNames names) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = names == JsonNames::kProto;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::StrCat("{\"error\": \"cannot print ",
                        message.GetDescriptor()->full_name(), "\"}");
  }
  return json;
}

std::string ToJson(const Message& message, JsonNames names) {
  std::string compact = ToCompactJson(message, names);
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(
      compact, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return compact;
  return parsed.dump(2);
}

std::string ToYaml(const Message& message) {
  return JsonToYaml(ToCompactJson(message, JsonNames::kProto));
}

std::string ToOneLine(const Message& message) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  std::vector<std::string> parts;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    bool set = field->is_repeated() ? r->FieldSize(message, field) > 0
                                    : r->HasField(message, field);
    if (!set) continue;
    parts.push_back(
        absl::StrCat(field->name(), "=", Cell(message, field->name())));
  }
  return absl::StrJoin(parts, ", ");
}

std::string ToText(const Message& message) {
  std::string out;
  std::optional<std::string> scalar = MessageAsScalar(message);
  if (scalar) return absl::StrCat(*scalar, "\n");
  AppendText(message, 0, &out);
  return out;
}

std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  std::string out;
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      if (i + 1 < widths.size()) cell.resize(widths[i], ' ');
      absl::StrAppend(&line, cell, i + 1 < widths.size() ? "  " : "");
    }
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
  };
  print(header);
  for (const auto& row : rows) print(row);
  return out;
}

std::vector<Column> ColumnsFor(const Descriptor* type) {
  std::vector<Column> columns;
  if (IsType(type, "yandex.cloud.operation.Operation")) {
    return {{"ID", "id"},
            {"DESCRIPTION", "description"},
            {"STATUS", "@status"},
            {"CREATED_AT", "created_at"},
            {"MODIFIED_AT", "modified_at"}};
  }
  for (const char* name : {"id", "name", "status", "desktop_group_id",
                           "folder_id", "labels", "created_at"}) {
    if (type->FindFieldByName(name) == nullptr) continue;
    // Resources inside a group say which group; the folder is the one
    // listed, so it shows only when there is no group.
    if (std::string(name) == "folder_id" &&
        type->FindFieldByName("desktop_group_id") != nullptr) {
      continue;
    }
    columns.push_back({Header(name), name});
  }
  if (!columns.empty()) return columns;
  // Anything else: its scalar fields, one level into messages
  // (AccessBinding: role_id, subject.id, subject.type).
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        !field->is_map() && !field->is_repeated()) {
      const Descriptor* sub = field->message_type();
      if (absl::StartsWith(sub->full_name(), "google.protobuf.")) {
        columns.push_back({Header(field->name()), field->name()});
        continue;
      }
      for (int j = 0; j < sub->field_count(); ++j) {
        if (sub->field(j)->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          continue;
        }
        std::string path =
            absl::StrCat(field->name(), ".", sub->field(j)->name());
        columns.push_back({Header(path), path});
      }
      continue;
    }
    columns.push_back({Header(field->name()), field->name()});
  }
  return columns;
}

std::vector<std::string> Row(const Message& message,
                             const std::vector<Column>& columns) {
  std::vector<std::string> row;
  row.reserve(columns.size());
  for (const Column& column : columns)
    row.push_back(Cell(message, column.path));
  return row;
}

void PrintMessage(Format format, const Message& message, std::ostream& out) {
  switch (format) {
    case Format::kJson:
      out << ToJson(message, JsonNames::kProto) << "\n";
      break;
    case Format::kJsonRest:
      out << ToJson(message, JsonNames::kRest) << "\n";
      break;
    case Format::kYaml:
      out << ToYaml(message);
      break;
    case Format::kText:
      out << ToText(message);
      break;
    case Format::kTable: {
      std::vector<Column> columns = ColumnsFor(message.GetDescriptor());
      std::vector<std::string> header;
      for (const Column& c : columns) header.push_back(c.header);
      out << FormatTable(header, {Row(message, columns)});
      break;
    }
  }
  out.flush();
}

ListPrinter::ListPrinter(Format format, const Descriptor* item_type,
                         std::ostream& out)
    : format_(format), out_(out), columns_(ColumnsFor(item_type)) {}

void ListPrinter::Add(const Message& item) {
  switch (format_) {
    case Format::kJson:
    case Format::kJsonRest: {
      std::string json =
          ToJson(item, format_ == Format::kJson ? JsonNames::kProto
                                                : JsonNames::kRest);
      absl::StrAppend(&text_, count_ == 0 ? "[\n  " : ",\n  ",
                      absl::StrReplaceAll(json, {{"\n", "\n  "}}));
      break;
    }
    case Format::kYaml: {
      // One element of a sequence: "- " in front, the rest indented.
      std::string yaml = ToYaml(item);
      std::string indented = absl::StrReplaceAll(yaml, {{"\n", "\n  "}});
      indented.resize(indented.size() - 2);  // after the last newline
      absl::StrAppend(&text_, "- ", indented);
      break;
    }
    case Format::kText:
    case Format::kTable:
      rows_.push_back(Row(item, columns_));
      break;
  }
  ++count_;
}

void ListPrinter::Finish() {
  switch (format_) {
    case Format::kJson:
    case Format::kJsonRest:
      out_ << (count_ == 0 ? "[]\n" : absl::StrCat(text_, "\n]\n"));
      break;
    case Format::kYaml:
      out_ << (count_ == 0 ? "[]\n" : text_);
      break;
    case Format::kText:
    case Format::kTable: {
      std::vector<std::string> header;
      for (const Column& c : columns_) header.push_back(c.header);
      out_ << FormatTable(header, rows_);
      break;
    }
  }
  out_.flush();
}

}  // namespace clouddesktop::cli
