// Printing API messages as JSON (protobuf's JSON mapping), as readable
// text, or as aligned table columns.

#ifndef CLI_OUTPUT_H_
#define CLI_OUTPUT_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop::cli {

enum class Format { kText, kJson, kTable };

// "json", "text", "table".
absl::StatusOr<Format> ParseFormat(absl::string_view name);

// Protobuf's JSON printer (lowerCamelCase names, int64 as strings, enums by
// name, Any expanded with "@type"), indented by two spaces.
std::string ToJson(const google::protobuf::Message& message);
// The same on one line.
std::string ToCompactJson(const google::protobuf::Message& message);

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

// Prints the items of a list as they come: a JSON array (streamed), or a
// table (text and table formats; printed by Finish).
//
// Thread safety: not thread-safe.
class ListPrinter {
 public:
  ListPrinter(Format format, const google::protobuf::Descriptor* item_type,
              std::ostream& out);
  void Add(const google::protobuf::Message& item);
  // Ends the array / prints the table. Call it once, also after an error.
  void Finish();
  int count() const { return count_; }

 private:
  Format format_;
  std::ostream& out_;
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  int count_ = 0;
};

}  // namespace clouddesktop::cli

#endif  // CLI_OUTPUT_H_
