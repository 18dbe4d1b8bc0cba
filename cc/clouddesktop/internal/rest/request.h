// A request message <-> the parts of an HTTP request, by the method's
// google.api.http binding: path variables, query parameters (nested fields
// as `resourcesSpec.cores`, repeated fields by repeating the key) and the
// JSON body. The server side (MergeHttpRequest) and the client side
// (ToHttpRequest) are inverses: ToHttpRequest's parts merged back give the
// same message.

#ifndef CLOUDDESKTOP_INTERNAL_REST_REQUEST_H_
#define CLOUDDESKTOP_INTERNAL_REST_REQUEST_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/rest/http_binding.h"
#include "clouddesktop/internal/rest/path_template.h"
#include "clouddesktop/version.h"
#include "google/protobuf/message.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

// Query parameters, decoded, in order; a key may repeat.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Fills `request` (of the binding's input type) from a received HTTP
// request: the JSON body first, then the query parameters, then the path
// variables (which win). Keys and JSON names may be camelCase (as the REST
// reference writes them) or the .proto names. INVALID_ARGUMENT naming the
// parameter or field: malformed JSON, an unknown field or parameter, a
// value of the wrong type, a body where the binding takes none, a query
// parameter where the body takes every field.
absl::Status MergeHttpRequest(const HttpBinding& binding,
                              const PathTemplate::Bindings& path_values,
                              const QueryParams& query, absl::string_view body,
                              google::protobuf::Message* request);

// What to send for `request`.
struct HttpRequestParts {
  std::string verb;   // "GET", ...
  std::string path;   // percent-encoded, without the query string
  QueryParams query;  // not encoded; EncodeQuery makes the string
  std::string body;   // JSON, empty when the binding takes none
};

// INVALID_ARGUMENT when a path field is empty (the URL would name another
// resource) or a field cannot travel as a query parameter (a list of
// messages, a map, where the binding has no body for it).
absl::StatusOr<HttpRequestParts> ToHttpRequest(
    const HttpBinding& binding, const google::protobuf::Message& request);

// "a=1&b=x%20y" (RFC 3986 percent-encoding of keys and values).
std::string EncodeQuery(const QueryParams& query);

// The parameters of a query string (without the '?'): split on '&' and the
// first '=', percent-decoded, '+' as a space. INVALID_ARGUMENT for a bad
// %-escape.
absl::StatusOr<QueryParams> ParseQuery(absl::string_view query);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_REQUEST_H_
