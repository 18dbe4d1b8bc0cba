#include "tests/wire/wire_tables.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <utility>

#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/message.h"
#include "google/protobuf/unknown_field_set.h"

namespace clouddesktop::wire_test {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::DynamicMessageFactory;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;
using google::protobuf::OneofDescriptor;
using google::protobuf::Reflection;
using google::protobuf::ServiceDescriptor;

constexpr char kRpcsFile[] = "rpcs.tsv";
constexpr char kFieldsFile[] = "fields.tsv";
constexpr char kEnumsFile[] = "enums.tsv";
constexpr char kOneofsFile[] = "oneofs.tsv";
constexpr char kReadmeFile[] = "README.md";

// The package whose field options make up the validation column.
constexpr char kValidationPrefix[] = "yandex.cloud.";
constexpr char kReservedField[] = "(reserved)";

std::string Where(const char* file, int line) {
  return std::string(file) + ":" + std::to_string(line);
}

// ---------------------------------------------------------------------------
// Parsing.

struct TsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    const std::string::size_type end = text.find(separator, start);
    if (end == std::string::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string Join(const std::vector<std::string>& parts,
                 const std::string& separator) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

// Splits `text` into rows of exactly `columns.size()` cells, after checking
// the header row. Blank lines are skipped; missing trailing cells are empty.
bool ParseTsv(const std::string& text, const char* file,
              const std::vector<std::string>& columns,
              std::vector<TsvRow>* rows, std::string* error) {
  const std::vector<std::string> lines = Split(text, '\n');
  bool header_seen = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const int line_number = static_cast<int>(i) + 1;
    std::vector<std::string> cells = Split(line, '\t');
    if (!header_seen) {
      if (cells != columns) {
        *error = Where(file, line_number) + ": header is '" + line +
                 "', expected '" + Join(columns, "\t") + "'";
        return false;
      }
      header_seen = true;
      continue;
    }
    if (cells.size() > columns.size()) {
      *error = Where(file, line_number) + ": " + std::to_string(cells.size()) +
               " columns, the header has " + std::to_string(columns.size());
      return false;
    }
    cells.resize(columns.size());
    rows->push_back({line_number, std::move(cells)});
  }
  if (!header_seen) {
    *error = std::string(file) + ": empty, expected a header row";
    return false;
  }
  return true;
}

bool ParseInt(const std::string& text, int* value) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) {
    return false;
  }
  errno = 0;
  char* end = nullptr;
  const long parsed = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || parsed < INT_MIN || parsed > INT_MAX) {
    return false;
  }
  *value = static_cast<int>(parsed);
  return true;
}

bool ParseIntCell(const std::string& cell, const char* column, const char* file,
                  int line, int* value, std::string* error) {
  if (ParseInt(cell, value)) return true;
  *error =
      Where(file, line) + ": " + column + " '" + cell + "' is not an integer";
  return false;
}

// "A-B" with A <= B, the form of a reserved range in fields.tsv.
bool ParseRange(const std::string& cell, int* first, int* last) {
  const std::string::size_type dash = cell.find('-');
  return dash != std::string::npos && ParseInt(cell.substr(0, dash), first) &&
         ParseInt(cell.substr(dash + 1), last) && *first <= *last;
}

bool IsValidLabel(const std::string& label) {
  return label.empty() || label == "repeated" || label == "map" ||
         (label.rfind("oneof:", 0) == 0 && label.size() > 6);
}

// Rejects a second row for the same key, which would hide one of the two.
bool CheckUnique(std::set<std::string>* keys, const std::string& key,
                 const char* file, int line, std::string* error) {
  if (keys->insert(key).second) return true;
  *error = Where(file, line) + ": duplicate row for " + key;
  return false;
}

bool ReadFile(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  *text = contents.str();
  return true;
}

// ---------------------------------------------------------------------------
// Descriptor rendering, in the notation of the tables.

std::string Show(const std::string& value) {
  return value.empty() ? "(none)" : value;
}

std::string RangeText(int first, int last) {
  return std::to_string(first) + "-" + std::to_string(last);
}

// Identifies a reserved range of a message, in the tables and in the pool.
std::string ReservedKey(const std::string& message, int first, int last) {
  return message + ":" + RangeText(first, last);
}

std::string TypeName(const FieldDescriptor& field) {
  if (field.is_map()) {
    const Descriptor* entry = field.message_type();
    return "map<" + TypeName(*entry->map_key()) + "," +
           TypeName(*entry->map_value()) + ">";
  }
  switch (field.type()) {
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      return field.message_type()->full_name();
    case FieldDescriptor::TYPE_ENUM:
      return field.enum_type()->full_name();
    default:
      return field.type_name();
  }
}

std::string Label(const FieldDescriptor& field) {
  if (field.is_map()) return "map";
  if (field.is_repeated()) return "repeated";
  if (field.real_containing_oneof() != nullptr) {
    return "oneof:" + field.real_containing_oneof()->name();
  }
  // The tables know no proto3 `optional` (a synthetic oneof) nor proto2
  // `required`; name them so that they show up as a difference.
  if (field.containing_oneof() != nullptr) return "optional";
  if (field.is_required()) return "required";
  return "";
}

// Reserved ranges as the tables write them: inclusive, comma-separated.
std::string ReservedRanges(const Descriptor& message) {
  std::vector<std::string> ranges;
  for (int i = 0; i < message.reserved_range_count(); ++i) {
    const Descriptor::ReservedRange* range = message.reserved_range(i);
    ranges.push_back(RangeText(range->start, range->end - 1));
  }
  return Show(Join(ranges, ", "));
}

std::string RenderMessage(const Message& message);

// One element (index >= 0) or the singular value (index < 0) of `field`.
std::string RenderValue(const Message& message, const FieldDescriptor& field,
                        int index) {
  const Reflection& r = *message.GetReflection();
  const bool rep = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r.GetRepeatedBool(message, &field, index)
                  : r.GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r.GetRepeatedString(message, &field, index)
                 : r.GetString(message, &field);
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(rep ? r.GetRepeatedInt32(message, &field, index)
                                : r.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(rep ? r.GetRepeatedInt64(message, &field, index)
                                : r.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(rep ? r.GetRepeatedUInt32(message, &field, index)
                                : r.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(rep ? r.GetRepeatedUInt64(message, &field, index)
                                : r.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return std::to_string(rep ? r.GetRepeatedDouble(message, &field, index)
                                : r.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return std::to_string(rep ? r.GetRepeatedFloat(message, &field, index)
                                : r.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r.GetRepeatedEnum(message, &field, index)
                  : r.GetEnum(message, &field))
          ->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return RenderMessage(rep ? r.GetRepeatedMessage(message, &field, index)
                               : r.GetMessage(message, &field));
  }
  return "?";
}

std::string RenderField(const Message& message, const FieldDescriptor& field) {
  if (!field.is_repeated()) return RenderValue(message, field, -1);
  std::vector<std::string> items;
  const int size = message.GetReflection()->FieldSize(message, &field);
  for (int i = 0; i < size; ++i) {
    items.push_back(RenderValue(message, field, i));
  }
  return "[" + Join(items, ",") + "]";
}

std::vector<const FieldDescriptor*> SetFields(const Message& message) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  return fields;
}

// "{name:value,...}" in field-number order, the form of map_key in the table.
std::string RenderMessage(const Message& message) {
  std::vector<std::string> parts;
  for (const FieldDescriptor* field : SetFields(message)) {
    parts.push_back(field->name() + ":" + RenderField(message, *field));
  }
  return "{" + Join(parts, ",") + "}";
}

// The value of the field called `name`, or "" if there is none.
std::string FieldText(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  return field == nullptr ? "" : RenderField(message, *field);
}

std::string ToUpper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(c));
  return text;
}

// ---------------------------------------------------------------------------
// Documented option extensions (README.md) and the messages they carry.

struct DocumentedExtension {
  const char* name;
  const char* extendee;
  int number;
  const char* type;
  const char* file;
};

constexpr char kValidationProto[] = "yandex/cloud/validation.proto";
constexpr char kFieldOptions[] = "google.protobuf.FieldOptions";
constexpr char kHttpExtension[] = "google.api.http";
constexpr char kOperationExtension[] = "yandex.cloud.api.operation";

constexpr DocumentedExtension kDocumentedExtensions[] = {
    {"yandex.cloud.exactly_one", "google.protobuf.OneofOptions", 101400, "bool",
     kValidationProto},
    {"yandex.cloud.required", kFieldOptions, 101501, "bool", kValidationProto},
    {"yandex.cloud.pattern", kFieldOptions, 101502, "string", kValidationProto},
    {"yandex.cloud.value", kFieldOptions, 101503, "string", kValidationProto},
    {"yandex.cloud.size", kFieldOptions, 101504, "string", kValidationProto},
    {"yandex.cloud.length", kFieldOptions, 101505, "string", kValidationProto},
    {"yandex.cloud.unique", kFieldOptions, 101506, "bool", kValidationProto},
    {"yandex.cloud.map_key", kFieldOptions, 101510, "yandex.cloud.MapKeySpec",
     kValidationProto},
    {"yandex.cloud.bytes", kFieldOptions, 101511, "string", kValidationProto},
    {kOperationExtension, "google.protobuf.MethodOptions", 87334,
     "yandex.cloud.api.Operation", "yandex/cloud/api/operation.proto"},
    {kHttpExtension, "google.protobuf.MethodOptions", 72295728,
     "google.api.HttpRule", "google/api/annotations.proto"},
};

struct DocumentedField {
  const char* message;
  const char* field;
  int number;
  const char* label;
  const char* type;
};

constexpr DocumentedField kDocumentedFields[] = {
    {"yandex.cloud.MapKeySpec", "value", 1, "", "string"},
    {"yandex.cloud.MapKeySpec", "pattern", 2, "", "string"},
    {"yandex.cloud.MapKeySpec", "length", 3, "", "string"},
    {"yandex.cloud.api.Operation", "metadata", 1, "", "string"},
    {"yandex.cloud.api.Operation", "response", 2, "", "string"},
    {"google.api.HttpRule", "selector", 1, "", "string"},
    {"google.api.HttpRule", "get", 2, "oneof:pattern", "string"},
    {"google.api.HttpRule", "put", 3, "oneof:pattern", "string"},
    {"google.api.HttpRule", "post", 4, "oneof:pattern", "string"},
    {"google.api.HttpRule", "delete", 5, "oneof:pattern", "string"},
    {"google.api.HttpRule", "patch", 6, "oneof:pattern", "string"},
    {"google.api.HttpRule", "custom", 8, "oneof:pattern",
     "google.api.CustomHttpPattern"},
    {"google.api.HttpRule", "body", 7, "", "string"},
    {"google.api.HttpRule", "response_body", 12, "", "string"},
    {"google.api.HttpRule", "additional_bindings", 11, "repeated",
     "google.api.HttpRule"},
    {"google.api.CustomHttpPattern", "kind", 1, "", "string"},
    {"google.api.CustomHttpPattern", "path", 2, "", "string"},
};

// ---------------------------------------------------------------------------
// Comparison.

class Comparator {
 public:
  Comparator(const DescriptorPool& pool, const Tables& tables)
      : pool_(pool), tables_(tables), factory_(&pool) {
    IndexTables();
  }

  std::vector<std::string> Run(int* rows_checked) {
    CheckDocumentedOptions();
    CheckRpcs();
    CheckFields();
    CheckEnums();
    CheckOneofs();
    CheckTypeOnlyMessages();
    CheckCompleteness();
    *rows_checked = rows_checked_;
    return std::move(differences_);
  }

 private:
  void Report(const std::string& where, const std::string& subject,
              const std::string& what) {
    differences_.push_back(where + ": " + subject + ": " + what);
  }

  // Reports "<attribute> is <actual>, <source> says <expected>" on mismatch.
  void Expect(const std::string& where, const std::string& subject,
              const std::string& attribute, const std::string& actual,
              const std::string& expected, const char* source = "table") {
    if (actual == expected) return;
    Report(where, subject,
           attribute + " is " + Show(actual) + ", " + source + " says " +
               Show(expected));
  }

  void IndexTables() {
    for (const RpcRow& row : tables_.rpcs) {
      NoteFile(row.file, Where(kRpcsFile, row.line));
      listed_methods_.insert(row.service + "." + row.method);
      listed_services_.insert(row.service);
      NoteTypeReference(row.request, row.line, kRpcsFile);
      NoteTypeReference(row.response, row.line, kRpcsFile);
    }
    for (const FieldRow& row : tables_.fields) {
      NoteFile(row.file, Where(kFieldsFile, row.line));
      messages_with_rows_.insert(row.message);
      if (row.reserved) {
        listed_reserved_.insert(
            ReservedKey(row.message, row.number, row.range_end));
      } else {
        listed_fields_.insert(row.message + "." + row.field);
        NoteTypeReference(row.type, row.line, kFieldsFile);
      }
    }
    for (const EnumRow& row : tables_.enums) {
      listed_enums_.insert(row.enum_name);
      listed_enum_values_.insert(row.enum_name + "." + row.value);
    }
    for (const OneofRow& row : tables_.oneofs) {
      NoteFile(row.file, Where(kOneofsFile, row.line));
      listed_oneofs_.insert(row.message + "." + row.oneof);
    }
  }

  void NoteFile(const std::string& file, const std::string& where) {
    if (file.empty()) return;
    table_files_.insert({file, where});  // Keeps the first mention.
  }

  // Message and enum names (scalars and maps have no '.') used as a type.
  void NoteTypeReference(const std::string& type, int line, const char* file) {
    if (type.find('.') == std::string::npos || type.rfind("map<", 0) == 0) {
      return;
    }
    type_references_.insert({type, Where(file, line)});
  }

  // Options re-read through `pool_`, so that the extensions are the ones the
  // pool declares, whichever pool built the options object. Option numbers
  // the pool does not declare are reported: their meaning is unknown.
  std::unique_ptr<Message> ReadOptions(const std::string& where,
                                       const std::string& subject,
                                       const Message& options) {
    const Descriptor* type =
        pool_.FindMessageTypeByName(options.GetDescriptor()->full_name());
    // Without descriptor.proto the pool declares no options; read none.
    std::unique_ptr<Message> parsed(
        type == nullptr ? options.New() : factory_.GetPrototype(type)->New());
    if (!parsed->ParseFromString(options.SerializeAsString())) {
      Report(where, subject, "options do not parse");
    }
    const auto& unknown = parsed->GetReflection()->GetUnknownFields(*parsed);
    for (int i = 0; i < unknown.field_count(); ++i) {
      Report(where, subject,
             "has option number " + std::to_string(unknown.field(i).number()) +
                 ", which the pool does not declare");
    }
    return parsed;
  }

  const Message* OptionMessage(const Message& options, const char* extension) {
    const FieldDescriptor* field = pool_.FindExtensionByName(extension);
    if (field == nullptr ||
        field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->containing_type() != options.GetDescriptor() ||
        !options.GetReflection()->HasField(options, field)) {
      return nullptr;
    }
    return &options.GetReflection()->GetMessage(options, field);
  }

  // google.api.http as "VERB /path[ body=B]", anything else appended.
  std::string RenderHttp(const Message& options) {
    const Message* rule = OptionMessage(options, kHttpExtension);
    if (rule == nullptr) return "";
    std::string pattern;
    std::string rest;
    for (const FieldDescriptor* field : SetFields(*rule)) {
      const bool is_pattern =
          field->real_containing_oneof() != nullptr &&
          field->real_containing_oneof()->name() == "pattern";
      if (is_pattern && field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        pattern = ToUpper(field->name()) + " " + RenderField(*rule, *field);
      } else if (is_pattern) {
        // CustomHttpPattern {kind, path}.
        const Message& custom = rule->GetReflection()->GetMessage(*rule, field);
        pattern = FieldText(custom, "kind") + " " + FieldText(custom, "path");
      } else {
        rest += " " + field->name() + "=" + RenderField(*rule, *field);
      }
    }
    return pattern + rest;
  }

  // yandex.cloud.api.operation as "metadata=X;response=Y".
  std::string RenderOperation(const Message& options) {
    const Message* operation = OptionMessage(options, kOperationExtension);
    if (operation == nullptr) return "";
    std::vector<std::string> parts;
    for (const FieldDescriptor* field : SetFields(*operation)) {
      parts.push_back(field->name() + "=" + RenderField(*operation, *field));
    }
    return Join(parts, ";");
  }

  // Resolves a type name written relative to `package`, as protoc would.
  const Descriptor* ResolveRelative(std::string package,
                                    const std::string& name) {
    while (true) {
      const std::string candidate =
          package.empty() ? name : package + "." + name;
      if (const Descriptor* found = pool_.FindMessageTypeByName(candidate)) {
        return found;
      }
      if (package.empty()) return nullptr;
      const std::string::size_type dot = package.rfind('.');
      package = dot == std::string::npos ? "" : package.substr(0, dot);
    }
  }

  // The metadata and response types of the operation option must exist, or
  // the client cannot unpack Operation.metadata and Operation.response.
  void CheckOperationTypes(const std::string& where, const std::string& subject,
                           const MethodDescriptor& method,
                           const Message& options) {
    const Message* operation = OptionMessage(options, kOperationExtension);
    if (operation == nullptr) return;
    for (const FieldDescriptor* field : SetFields(*operation)) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) continue;
      const std::string name =
          operation->GetReflection()->GetString(*operation, field);
      if (ResolveRelative(method.service()->file()->package(), name) ==
          nullptr) {
        Report(where, subject,
               "operation " + field->name() + " type " + name +
                   " is not a message in the pool");
      }
    }
  }

  // The yandex.cloud.* options of a field, by name relative to yandex.cloud.
  std::map<std::string, std::string> ValidationOptions(const Message& options) {
    std::map<std::string, std::string> result;
    for (const FieldDescriptor* field : SetFields(options)) {
      if (field->is_extension() &&
          field->full_name().rfind(kValidationPrefix, 0) == 0) {
        result[field->full_name().substr(sizeof(kValidationPrefix) - 1)] =
            RenderField(options, *field);
      }
    }
    return result;
  }

  void CheckDocumentedOptions() {
    for (const DocumentedExtension& doc : kDocumentedExtensions) {
      const FieldDescriptor* extension = pool_.FindExtensionByName(doc.name);
      if (extension == nullptr) {
        Report(kReadmeFile, doc.name, "extension not found");
        continue;
      }
      Expect(kReadmeFile, doc.name, "extendee",
             extension->containing_type()->full_name(), doc.extendee,
             kReadmeFile);
      Expect(kReadmeFile, doc.name, "number",
             std::to_string(extension->number()), std::to_string(doc.number),
             kReadmeFile);
      Expect(kReadmeFile, doc.name, "type", TypeName(*extension), doc.type,
             kReadmeFile);
      Expect(kReadmeFile, doc.name, "file", extension->file()->name(), doc.file,
             kReadmeFile);
    }
    std::set<std::string> missing_messages;
    for (const DocumentedField& doc : kDocumentedFields) {
      const Descriptor* message = pool_.FindMessageTypeByName(doc.message);
      if (message == nullptr) {
        if (missing_messages.insert(doc.message).second) {
          Report(kReadmeFile, doc.message, "message not found");
        }
        continue;
      }
      const std::string subject = std::string(doc.message) + "." + doc.field;
      const FieldDescriptor* field = message->FindFieldByName(doc.field);
      if (field == nullptr) {
        Report(kReadmeFile, subject, "field not found");
        continue;
      }
      Expect(kReadmeFile, subject, "number", std::to_string(field->number()),
             std::to_string(doc.number), kReadmeFile);
      Expect(kReadmeFile, subject, "label", Label(*field), doc.label,
             kReadmeFile);
      Expect(kReadmeFile, subject, "type", TypeName(*field), doc.type,
             kReadmeFile);
    }
  }

  // For a service that is not found: the services its file does declare,
  // which tells a wrong package from a missing service.
  std::string ServiceHint(const RpcRow& row) {
    const FileDescriptor* file = pool_.FindFileByName(row.file);
    if (file == nullptr) return " (nor is file " + row.file + ")";
    std::vector<std::string> names;
    for (int i = 0; i < file->service_count(); ++i) {
      names.push_back(file->service(i)->full_name());
    }
    return " (" + row.file + " declares " + Show(Join(names, ", ")) + ")";
  }

  void CheckRpcs() {
    std::set<std::string> seen_services;
    for (const RpcRow& row : tables_.rpcs) {
      ++rows_checked_;
      const std::string where = Where(kRpcsFile, row.line);
      const bool first = seen_services.insert(row.service).second;
      const ServiceDescriptor* service = pool_.FindServiceByName(row.service);
      if (service == nullptr) {
        if (first) Report(where, row.service, "not found" + ServiceHint(row));
        continue;
      }
      if (first) {
        Expect(where, row.service, "file", service->file()->name(), row.file);
      }
      const std::string subject = row.service + "." + row.method;
      const MethodDescriptor* method = service->FindMethodByName(row.method);
      if (method == nullptr) {
        Report(where, subject, "method not found");
        continue;
      }
      Expect(where, subject, "request", method->input_type()->full_name(),
             row.request);
      Expect(where, subject, "response", method->output_type()->full_name(),
             row.response);
      if (method->client_streaming() || method->server_streaming()) {
        Report(where, subject, "is streaming, the table lists unary methods");
      }
      const std::unique_ptr<Message> options =
          ReadOptions(where, subject, method->options());
      Expect(where, subject, "http", RenderHttp(*options), row.http);
      Expect(where, subject, "operation", RenderOperation(*options),
             row.operation);
      CheckOperationTypes(where, subject, *method, *options);
    }
  }

  void CheckFields() {
    std::set<std::string> seen_messages;
    for (const FieldRow& row : tables_.fields) {
      ++rows_checked_;
      const std::string where = Where(kFieldsFile, row.line);
      const bool first = seen_messages.insert(row.message).second;
      const Descriptor* message = pool_.FindMessageTypeByName(row.message);
      if (message == nullptr) {
        if (first) Report(where, row.message, "message not found");
        continue;
      }
      if (first) {
        Expect(where, row.message, "file", message->file()->name(), row.file);
      }
      if (row.reserved) {
        CheckReservedRow(where, *message, row);
      } else {
        CheckFieldRow(where, *message, row);
      }
    }
  }

  void CheckReservedRow(const std::string& where, const Descriptor& message,
                        const FieldRow& row) {
    for (int i = 0; i < message.reserved_range_count(); ++i) {
      const Descriptor::ReservedRange* range = message.reserved_range(i);
      // Descriptor ranges are end-exclusive, the table's are inclusive.
      if (range->start == row.number && range->end - 1 == row.range_end) return;
    }
    Report(where, message.full_name(),
           "reserved range " + RangeText(row.number, row.range_end) +
               " is missing (reserved: " + ReservedRanges(message) + ")");
  }

  void CheckFieldRow(const std::string& where, const Descriptor& message,
                     const FieldRow& row) {
    const std::string subject = message.full_name() + "." + row.field;
    const FieldDescriptor* field = message.FindFieldByName(row.field);
    if (field == nullptr) {
      const FieldDescriptor* same_number =
          message.FindFieldByNumber(row.number);
      Report(
          where, subject,
          "field not found" + (same_number == nullptr
                                   ? std::string()
                                   : " (number " + std::to_string(row.number) +
                                         " is " + same_number->name() + ")"));
      return;
    }
    Expect(where, subject, "number", std::to_string(field->number()),
           std::to_string(row.number));
    Expect(where, subject, "type", TypeName(*field), row.type);
    Expect(where, subject, "label", Label(*field), row.label);

    const std::unique_ptr<Message> options =
        ReadOptions(where, subject, field->options());
    ExpectOptions(where, subject, ValidationOptions(*options), row.validation);
  }

  // One line per yandex.cloud.* option that differs (present on one side
  // only, or with another value).
  void ExpectOptions(const std::string& where, const std::string& subject,
                     const std::map<std::string, std::string>& actual,
                     const std::map<std::string, std::string>& expected) {
    std::set<std::string> keys;
    for (const auto& entry : actual) keys.insert(entry.first);
    for (const auto& entry : expected) keys.insert(entry.first);
    for (const std::string& key : keys) {
      const auto in_pool = actual.find(key);
      const auto in_table = expected.find(key);
      Expect(where, subject,
             std::string("option (") + kValidationPrefix + key + ")",
             in_pool == actual.end() ? "" : in_pool->second,
             in_table == expected.end() ? "" : in_table->second);
    }
  }

  void CheckEnums() {
    std::set<std::string> seen_enums;
    for (const EnumRow& row : tables_.enums) {
      ++rows_checked_;
      const std::string where = Where(kEnumsFile, row.line);
      const EnumDescriptor* type = pool_.FindEnumTypeByName(row.enum_name);
      if (type == nullptr) {
        if (seen_enums.insert(row.enum_name).second) {
          Report(where, row.enum_name, "enum not found");
        }
        continue;
      }
      const std::string subject = row.enum_name + "." + row.value;
      const EnumValueDescriptor* value = type->FindValueByName(row.value);
      if (value == nullptr) {
        const EnumValueDescriptor* same = type->FindValueByNumber(row.number);
        Report(where, subject,
               "value not found" +
                   (same == nullptr ? std::string()
                                    : " (number " + std::to_string(row.number) +
                                          " is " + same->name() + ")"));
        continue;
      }
      Expect(where, subject, "number", std::to_string(value->number()),
             std::to_string(row.number));
    }
  }

  // A oneof's options decide whether the service accepts a request that sets
  // none of its fields (`exactly_one`), so they are compared like a field's.
  void CheckOneofs() {
    for (const OneofRow& row : tables_.oneofs) {
      ++rows_checked_;
      const std::string where = Where(kOneofsFile, row.line);
      const std::string subject = row.message + "." + row.oneof;
      const Descriptor* message = pool_.FindMessageTypeByName(row.message);
      if (message == nullptr) {
        Report(where, row.message, "message not found");
        continue;
      }
      Expect(where, row.message, "file", message->file()->name(), row.file);
      const OneofDescriptor* oneof = message->FindOneofByName(row.oneof);
      if (oneof == nullptr) {
        Report(where, subject, "oneof not found");
        continue;
      }
      const std::unique_ptr<Message> options =
          ReadOptions(where, subject, oneof->options());
      ExpectOptions(where, subject, ValidationOptions(*options), row.options);
    }
  }

  // Types the tables use but give no rows: well-known types only need to
  // exist; any other message must have no fields, as the tables list none.
  void CheckTypeOnlyMessages() {
    for (const auto& [name, where] : type_references_) {
      if (messages_with_rows_.count(name) > 0) continue;
      if (pool_.FindEnumTypeByName(name) != nullptr) continue;
      const Descriptor* message = pool_.FindMessageTypeByName(name);
      if (message == nullptr) {
        Report(where, name, "type not found");
      } else if (name.rfind("google.protobuf.", 0) != 0 &&
                 message->field_count() > 0) {
        Report(where, name,
               "has " + std::to_string(message->field_count()) +
                   " fields, the table lists none");
      }
    }
  }

  void CheckCompleteness() {
    for (const auto& [name, where] : table_files_) {
      const FileDescriptor* file = pool_.FindFileByName(name);
      if (file == nullptr) {
        Report(where, name, "file not found");
        continue;
      }
      for (int i = 0; i < file->service_count(); ++i) {
        CheckServiceListed(*file->service(i));
      }
      for (int i = 0; i < file->message_type_count(); ++i) {
        CheckMessageListed(*file->message_type(i));
      }
      for (int i = 0; i < file->enum_type_count(); ++i) {
        CheckEnumListed(*file->enum_type(i));
      }
    }
  }

  void CheckServiceListed(const ServiceDescriptor& service) {
    const std::string in_file = " in " + service.file()->name();
    if (listed_services_.count(service.full_name()) == 0) {
      Report(kRpcsFile, service.full_name(),
             "service" + in_file + " is not in the table");
      return;
    }
    for (int i = 0; i < service.method_count(); ++i) {
      const std::string name =
          service.full_name() + "." + service.method(i)->name();
      if (listed_methods_.count(name) == 0) {
        Report(kRpcsFile, name, "method" + in_file + " is not in the table");
      }
    }
  }

  void CheckMessageListed(const Descriptor& message) {
    if (message.options().map_entry()) return;  // Synthetic, for map fields.
    const std::string& name = message.full_name();
    const std::string in_file = " in " + message.file()->name();
    if (messages_with_rows_.count(name) > 0) {
      for (int i = 0; i < message.field_count(); ++i) {
        const FieldDescriptor& field = *message.field(i);
        if (listed_fields_.count(name + "." + field.name()) == 0) {
          Report(kFieldsFile, name + "." + field.name(),
                 "field number " + std::to_string(field.number()) + in_file +
                     " is not in the table");
        }
      }
      for (int i = 0; i < message.reserved_range_count(); ++i) {
        const Descriptor::ReservedRange* range = message.reserved_range(i);
        if (listed_reserved_.count(
                ReservedKey(name, range->start, range->end - 1)) == 0) {
          Report(kFieldsFile, name,
                 "reserved range " + RangeText(range->start, range->end - 1) +
                     in_file + " is not in the table");
        }
      }
    } else if (type_references_.count(name) == 0) {
      Report(kFieldsFile, name, "message" + in_file + " is not in the table");
    }
    for (int i = 0; i < message.real_oneof_decl_count(); ++i) {
      const std::string oneof = name + "." + message.oneof_decl(i)->name();
      if (listed_oneofs_.count(oneof) == 0) {
        Report(kOneofsFile, oneof, "oneof" + in_file + " is not in the table");
      }
    }
    for (int i = 0; i < message.nested_type_count(); ++i) {
      CheckMessageListed(*message.nested_type(i));
    }
    for (int i = 0; i < message.enum_type_count(); ++i) {
      CheckEnumListed(*message.enum_type(i));
    }
  }

  void CheckEnumListed(const EnumDescriptor& type) {
    const std::string& name = type.full_name();
    const std::string in_file = " in " + type.file()->name();
    if (listed_enums_.count(name) == 0) {
      Report(kEnumsFile, name, "enum" + in_file + " is not in the table");
      return;
    }
    for (int i = 0; i < type.value_count(); ++i) {
      const EnumValueDescriptor& value = *type.value(i);
      if (listed_enum_values_.count(name + "." + value.name()) == 0) {
        Report(kEnumsFile, name + "." + value.name(),
               "value number " + std::to_string(value.number()) + in_file +
                   " is not in the table");
      }
    }
  }

  const DescriptorPool& pool_;
  const Tables& tables_;
  DynamicMessageFactory factory_;

  // Files the tables name, with where each is first named.
  std::map<std::string, std::string> table_files_;
  // Message and enum names used as types, with where each is first used.
  std::map<std::string, std::string> type_references_;
  std::set<std::string> listed_services_;
  std::set<std::string> listed_methods_;  // "<service>.<method>"
  std::set<std::string> messages_with_rows_;
  std::set<std::string> listed_fields_;    // "<message>.<field>"
  std::set<std::string> listed_reserved_;  // ReservedKey()
  std::set<std::string> listed_enums_;
  std::set<std::string> listed_enum_values_;  // "<enum>.<value>"
  std::set<std::string> listed_oneofs_;       // "<message>.<oneof>"

  std::vector<std::string> differences_;
  int rows_checked_ = 0;
};

}  // namespace

bool ParseValidation(const std::string& cell,
                     std::map<std::string, std::string>* options,
                     std::string* error) {
  if (cell.empty()) return true;
  // Split at ';' outside braces: map_key={pattern:...,length:...} and regular
  // expressions such as {0,61} keep theirs.
  std::vector<std::string> items;
  std::string item;
  int depth = 0;
  for (char c : cell) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == ';' && depth == 0) {
      items.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  items.push_back(item);
  for (const std::string& entry : items) {
    const std::string::size_type equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      *error = "'" + entry + "' is not key=value";
      return false;
    }
    if (!options->emplace(entry.substr(0, equals), entry.substr(equals + 1))
             .second) {
      *error = "option " + entry.substr(0, equals) + " is given twice";
      return false;
    }
  }
  return true;
}

bool ParseRpcs(const std::string& text, std::vector<RpcRow>* rows,
               std::string* error) {
  std::vector<TsvRow> tsv;
  if (!ParseTsv(text, kRpcsFile,
                {"file", "service", "method", "request", "response", "http",
                 "operation"},
                &tsv, error)) {
    return false;
  }
  std::set<std::string> keys;
  for (TsvRow& r : tsv) {
    RpcRow row;
    row.line = r.line;
    row.file = std::move(r.cells[0]);
    row.service = std::move(r.cells[1]);
    row.method = std::move(r.cells[2]);
    row.request = std::move(r.cells[3]);
    row.response = std::move(r.cells[4]);
    row.http = std::move(r.cells[5]);
    row.operation = std::move(r.cells[6]);
    if (!CheckUnique(&keys, row.service + "." + row.method, kRpcsFile, r.line,
                     error)) {
      return false;
    }
    rows->push_back(std::move(row));
  }
  return true;
}

bool ParseFields(const std::string& text, std::vector<FieldRow>* rows,
                 std::string* error) {
  std::vector<TsvRow> tsv;
  if (!ParseTsv(
          text, kFieldsFile,
          {"file", "message", "field", "number", "label", "type", "validation"},
          &tsv, error)) {
    return false;
  }
  std::set<std::string> keys;
  for (TsvRow& r : tsv) {
    FieldRow row;
    row.line = r.line;
    row.file = std::move(r.cells[0]);
    row.message = std::move(r.cells[1]);
    row.reserved = r.cells[2] == kReservedField;
    if (row.reserved) {
      if (!ParseRange(r.cells[3], &row.number, &row.range_end)) {
        *error = Where(kFieldsFile, r.line) + ": reserved range '" +
                 r.cells[3] + "' is not A-B";
        return false;
      }
      if (!CheckUnique(&keys,
                       ReservedKey(row.message, row.number, row.range_end),
                       kFieldsFile, r.line, error)) {
        return false;
      }
    } else {
      row.field = std::move(r.cells[2]);
      if (!ParseIntCell(r.cells[3], "number", kFieldsFile, r.line, &row.number,
                        error) ||
          !CheckUnique(&keys, row.message + "." + row.field, kFieldsFile,
                       r.line, error)) {
        return false;
      }
    }
    row.label = std::move(r.cells[4]);
    row.type = std::move(r.cells[5]);
    if (!IsValidLabel(row.label)) {
      *error =
          Where(kFieldsFile, r.line) + ": unknown label '" + row.label + "'";
      return false;
    }
    if (!ParseValidation(r.cells[6], &row.validation, error)) {
      *error = Where(kFieldsFile, r.line) + ": " + *error;
      return false;
    }
    rows->push_back(std::move(row));
  }
  return true;
}

bool ParseEnums(const std::string& text, std::vector<EnumRow>* rows,
                std::string* error) {
  std::vector<TsvRow> tsv;
  if (!ParseTsv(text, kEnumsFile, {"enum", "value", "number"}, &tsv, error)) {
    return false;
  }
  std::set<std::string> keys;
  for (TsvRow& r : tsv) {
    EnumRow row;
    row.line = r.line;
    row.enum_name = std::move(r.cells[0]);
    row.value = std::move(r.cells[1]);
    if (!ParseIntCell(r.cells[2], "number", kEnumsFile, r.line, &row.number,
                      error) ||
        !CheckUnique(&keys, row.enum_name + "." + row.value, kEnumsFile, r.line,
                     error)) {
      return false;
    }
    rows->push_back(std::move(row));
  }
  return true;
}

bool ParseOneofs(const std::string& text, std::vector<OneofRow>* rows,
                 std::string* error) {
  std::vector<TsvRow> tsv;
  if (!ParseTsv(text, kOneofsFile, {"file", "message", "oneof", "options"},
                &tsv, error)) {
    return false;
  }
  std::set<std::string> keys;
  for (TsvRow& r : tsv) {
    OneofRow row;
    row.line = r.line;
    row.file = std::move(r.cells[0]);
    row.message = std::move(r.cells[1]);
    row.oneof = std::move(r.cells[2]);
    if (!CheckUnique(&keys, row.message + "." + row.oneof, kOneofsFile, r.line,
                     error)) {
      return false;
    }
    if (!ParseValidation(r.cells[3], &row.options, error)) {
      *error = Where(kOneofsFile, r.line) + ": " + *error;
      return false;
    }
    rows->push_back(std::move(row));
  }
  return true;
}

bool LoadTables(const std::string& dir, Tables* tables, std::string* error) {
  std::string rpcs, fields, enums, oneofs;
  return ReadFile(dir + "/" + kRpcsFile, &rpcs, error) &&
         ReadFile(dir + "/" + kFieldsFile, &fields, error) &&
         ReadFile(dir + "/" + kEnumsFile, &enums, error) &&
         ReadFile(dir + "/" + kOneofsFile, &oneofs, error) &&
         ParseRpcs(rpcs, &tables->rpcs, error) &&
         ParseFields(fields, &tables->fields, error) &&
         ParseEnums(enums, &tables->enums, error) &&
         ParseOneofs(oneofs, &tables->oneofs, error);
}

std::vector<std::string> CompareWithTables(
    const google::protobuf::DescriptorPool& pool, const Tables& tables,
    int* rows_checked) {
  return Comparator(pool, tables).Run(rows_checked);
}

}  // namespace clouddesktop::wire_test
