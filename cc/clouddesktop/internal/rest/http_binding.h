// The REST binding of an RPC, read from its `google.api.http` option in the
// descriptors compiled into the program: the HTTP verb, the path template
// and which part of the request travels in the body. Routes are never
// written by hand: a method added to a .proto is served and called over
// REST with no new code.

#ifndef CLOUDDESKTOP_INTERNAL_REST_HTTP_BINDING_H_
#define CLOUDDESKTOP_INTERNAL_REST_HTTP_BINDING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clouddesktop/internal/rest/path_template.h"
#include "clouddesktop/version.h"
#include "google/protobuf/descriptor.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

// One HTTP rule of a method (a method has one, plus any
// `additional_bindings`). A value; the descriptor is owned by its pool
// (the generated pool lives for the whole process).
struct HttpBinding {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string verb;  // "GET", "POST", "PATCH", "DELETE", "PUT", or custom
  PathTemplate path;
  // "": no body, every field not in the path is a query parameter; "*":
  // every field not in the path is in the body, no query parameters;
  // otherwise the name of the request field the body holds.
  std::string body;
  // `response_body`: "" (the whole response) or a response field.
  std::string response_body;
};

// The bindings of `method`: NOT_FOUND if it has no `google.api.http`
// option, INVALID_ARGUMENT (naming the method) for a malformed one (a bad
// template, a path or body field the request lacks).
absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const google::protobuf::MethodDescriptor& method);

// The bindings of every method of `service` that has the option.
absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const google::protobuf::ServiceDescriptor& service);

// The field `path` ("a.b", proto names) of `type`, each step a singular
// message field except the last: INVALID_ARGUMENT naming it otherwise.
absl::StatusOr<std::vector<const google::protobuf::FieldDescriptor*>>
ResolveFieldPath(const google::protobuf::Descriptor& type,
                 absl::string_view path);

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_HTTP_BINDING_H_
