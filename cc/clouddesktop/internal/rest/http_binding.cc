#include "clouddesktop/internal/rest/http_binding.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

namespace pb = ::google::protobuf;

absl::StatusOr<HttpBinding> FromRule(const pb::MethodDescriptor& method,
                                     const google::api::HttpRule& rule) {
  HttpBinding b;
  b.method = &method;
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      b.verb = "GET", path = rule.get();
      break;
    case google::api::HttpRule::kPut:
      b.verb = "PUT", path = rule.put();
      break;
    case google::api::HttpRule::kPost:
      b.verb = "POST", path = rule.post();
      break;
    case google::api::HttpRule::kDelete:
      b.verb = "DELETE", path = rule.delete_();
      break;
    case google::api::HttpRule::kPatch:
      b.verb = "PATCH", path = rule.patch();
      break;
    case google::api::HttpRule::kCustom:
      b.verb = rule.custom().kind(), path = rule.custom().path();
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          method.full_name(), ": google.api.http option has no pattern"));
  }
  absl::StatusOr<PathTemplate> t = PathTemplate::Parse(path);
  if (!t.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method.full_name(), ": ", t.status().message()));
  }
  b.path = *std::move(t);
  b.body = rule.body();
  b.response_body = rule.response_body();
  for (const std::string& field : b.path.FieldPaths()) {
    auto resolved = ResolveFieldPath(*method.input_type(), field);
    if (!resolved.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(method.full_name(),
                       ": path variable: ", resolved.status().message()));
    }
  }
  if (!b.body.empty() && b.body != "*" &&
      method.input_type()->FindFieldByName(b.body) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(method.full_name(), ": body field ", b.body,
                     " is not a "
                     "field of ",
                     method.input_type()->full_name()));
  }
  return b;
}

}  // namespace

absl::StatusOr<std::vector<const pb::FieldDescriptor*>> ResolveFieldPath(
    const pb::Descriptor& type, absl::string_view path) {
  std::vector<const pb::FieldDescriptor*> out;
  const pb::Descriptor* current = &type;
  for (absl::string_view name : absl::StrSplit(path, '.')) {
    if (current == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": ", out.back()->name(), " is not a message field"));
    }
    const pb::FieldDescriptor* field =
        current->FindFieldByName(std::string(name));
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": ", current->full_name(), " has no field ", name));
    }
    out.push_back(field);
    current = field->type() == pb::FieldDescriptor::TYPE_MESSAGE &&
                      !field->is_repeated()
                  ? field->message_type()
                  : nullptr;
  }
  return out;
}

absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const pb::MethodDescriptor& method) {
  if (!method.options().HasExtension(google::api::http)) {
    return absl::NotFoundError(
        absl::StrCat(method.full_name(),
                     " has no google.api.http option (is "
                     "google/api/annotations.proto linked in?)"));
  }
  const google::api::HttpRule& rule =
      method.options().GetExtension(google::api::http);
  std::vector<HttpBinding> out;
  absl::StatusOr<HttpBinding> main = FromRule(method, rule);
  if (!main.ok()) return main.status();
  out.push_back(*std::move(main));
  for (const google::api::HttpRule& extra : rule.additional_bindings()) {
    absl::StatusOr<HttpBinding> b = FromRule(method, extra);
    if (!b.ok()) return b.status();
    out.push_back(*std::move(b));
  }
  return out;
}

absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const pb::ServiceDescriptor& service) {
  std::vector<HttpBinding> out;
  for (int i = 0; i < service.method_count(); ++i) {
    absl::StatusOr<std::vector<HttpBinding>> b = BindingsOf(*service.method(i));
    if (absl::IsNotFound(b.status())) continue;
    if (!b.ok()) return b.status();
    for (HttpBinding& one : *b) out.push_back(std::move(one));
  }
  return out;
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
