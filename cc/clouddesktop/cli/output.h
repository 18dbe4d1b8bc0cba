// Printing API messages in yc's formats: text (readable, lists as tables),
// yaml, json (proto field names) and json-rest (the REST names); and table
// (aligned columns).

#ifndef CLOUDDESKTOP_CLI_OUTPUT_H_
#define CLOUDDESKTOP_CLI_OUTPUT_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop::cli {

enum class Format { kText, kYaml, kJson, kJsonRest, kTable };

// "text", "yaml", "json", "json-rest", "table".
absl::StatusOr<Format> ParseFormat(absl::string_view name);
// The names ParseFormat accepts, for help and errors: "text, yaml, ...".
std::string FormatNames();

// Field names in JSON: the .proto's (`folder_id`, yc's json) or the REST
// API's lowerCamelCase (`folderId`, yc's json-rest and protobuf's default).
enum class JsonNames { kProto, kRest };

// Protobuf's JSON printer (int64 as strings, enums by name, Any expanded
// with "@type"), indented by two spaces.
std::string ToJson(const google::protobuf::Message& message,
                   JsonNames names = JsonNames::kRest);
// The same on one line.
std::string ToCompactJson(const google::protobuf::Message& message,
                          JsonNames names = JsonNames::kRest);
// YAML of the proto-named JSON (int64 as quoted strings, as yc prints).
std::string ToYaml(const google::protobuf::Message& message);

// The message a google.protobuf.Any holds, from the generated pool (every
// API type is linked in); null if the type is unknown or does not parse.
std::unique_ptr<google::protobuf::Message> UnpackAnyMessage(
    const google::protobuf::Message& any);

// The set top-level fields as `name=value, ...` on one line (messages as
// compact JSON): operation metadata on a progress line.
std::string ToOneLine(const google::protobuf::Message& message);

// YAML-like `field: value` lines with proto field names, in declaration
// order; unset fields are left out, enums by name, timestamps in RFC 3339,
// Any fields unpacked (with "@type").
std::string ToText(const google::protobuf::Message& message);

// Rows of cells under a header, each column as wide as its widest cell,
// two spaces apart.
std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

// The columns a table of `type` shows (id, name, status, labels,
// created_at, ... whichever it has; operations get done/error status).
struct Column {
  std::string header;
  std::string path;  // dotted field path, or "@status" for operations
};
std::vector<Column> ColumnsFor(const google::protobuf::Descriptor* type);
std::vector<std::string> Row(const google::protobuf::Message& message,
                             const std::vector<Column>& columns);

// Prints one message in `format` (a table of one row for kTable).
void PrintMessage(Format format, const google::protobuf::Message& message,
                  std::ostream& out);

// Collects the items of a list and prints them all in Finish: a JSON array,
// a YAML sequence, or a table (text and table formats). Nothing is printed
// before Finish, so a list that fails part-way (page 3 of 5, say) leaves
// stdout empty instead of looking like a complete, shorter answer: call
// Finish only after the last page came.
//
// Thread safety: not thread-safe. Cost: the printed form of every item, in
// memory until Finish.
class ListPrinter {
 public:
  ListPrinter(Format format, const google::protobuf::Descriptor* item_type,
              std::ostream& out);
  void Add(const google::protobuf::Message& item);
  // Prints the whole list. Call it once, only after every item came.
  void Finish();
  int count() const { return count_; }

 private:
  Format format_;
  std::ostream& out_;
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::string text_;  // JSON and YAML: the items printed so far
  int count_ = 0;
};

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_OUTPUT_H_
