// The `filter` of List requests, as the API reference documents it for
// every List of the service (e.g. ListDesktopsRequest.filter): "The
// expression must specify: 1. The field name. Currently you can use
// filtering only on [Desktop.name] field. 2. An operator. Can be either `=`
// or `!=` for single values, `IN` or `NOT IN` for lists of values. 3. Value
// or a list of values to compare against the values of the field."
//
//   filter = [ field ( "=" value | "!=" value | IN list | NOT IN list ) ]
//   list   = "(" value *( "," value ) ")"
//   value  = "double-quoted" | 'single-quoted' | bare-word
//
// One condition: `AND`, `OR` and other fields are INVALID_ARGUMENT saying
// they are not supported. Keywords are case-insensitive, whitespace is
// free, backslash escapes the next character inside quotes. Enum fields
// compare by value name, ignoring case; strings compare exactly.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_FILTER_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_FILTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/message.h"

namespace clouddesktop::emulator::internal {

// An immutable parsed filter; thread-compatible. Cost of Matches: one
// reflection lookup per term.
class Filter {
 public:
  // `fields`: what a filter may name (top-level string, enum or bool fields).
  // Errors are INVALID_ARGUMENT with a description that gives the 1-based
  // character position, e.g. `syntax error at position 6: expected a value`.
  static absl::StatusOr<Filter> Parse(absl::string_view text,
                                      absl::Span<const std::string> fields);

  // Whether `message` satisfies the condition. A field the message lacks
  // compares as the empty string.
  bool Matches(const google::protobuf::Message& message) const;

 private:
  struct Term {
    std::string field;
    bool negate = false;
    std::vector<std::string> values;  // "=" is IN with one value
  };
  std::vector<Term> terms_;
};

// The text of a top-level string, enum (value name) or bool field.
std::string FieldText(const google::protobuf::Message& message,
                      absl::string_view field);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_FILTER_H_
