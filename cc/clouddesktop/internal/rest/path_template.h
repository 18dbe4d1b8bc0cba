// A `google.api.http` path template
// ("/cloud-desktop/v1/desktops/{desktop_id}:restart"): parsed once, then
// matched against request paths (server side) or expanded from a request's
// field values (client side).
//
// Grammar (google/api/http.proto):
//   Template = "/" Segments [ Verb ] ;
//   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   FieldPath = IDENT { "." IDENT } ;
//   Verb     = ":" LITERAL ;
// `{field}` is `{field=*}`: one path segment. `**` matches the rest of the
// path and may only come last.
//
// Thread safety: an immutable value; const methods may run concurrently.

#ifndef CLOUDDESKTOP_INTERNAL_REST_PATH_TEMPLATE_H_
#define CLOUDDESKTOP_INTERNAL_REST_PATH_TEMPLATE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

class PathTemplate {
 public:
  // Field path ("image_id", "a.b") -> value, in template order.
  using Bindings = std::vector<std::pair<std::string, std::string>>;

  // An empty template (matches nothing); use Parse.
  PathTemplate() = default;

  // INVALID_ARGUMENT naming the template and what is wrong.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables of `path` (already percent-decoded, no query string), or
  // nullopt when the path does not fit. A variable's value is never empty.
  std::optional<Bindings> Match(absl::string_view path) const;

  // The path with every variable replaced by values.at(field path),
  // percent-encoded (a `/` inside a one-segment variable too). A missing or
  // empty value is INVALID_ARGUMENT naming the field: the request would go
  // to another resource's URL.
  absl::StatusOr<std::string> Expand(
      const absl::flat_hash_map<std::string, std::string>& values) const;

  // The field paths of the variables, in order.
  std::vector<std::string> FieldPaths() const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  // Literal segments: a route with more of them is more specific.
  int literal_count() const;

 private:
  struct Segment {
    enum Kind { kLiteral, kStar, kDoubleStar } kind = kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t first = 0;  // index of its first segment
    size_t end = 0;    // one past its last segment
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

// RFC 3986 percent-encoding of everything but unreserved characters
// (and of `/` too unless keep_slash).
std::string PercentEncode(absl::string_view text, bool keep_slash);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_PATH_TEMPLATE_H_
