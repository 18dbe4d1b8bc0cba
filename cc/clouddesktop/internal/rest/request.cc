#include "clouddesktop/internal/rest/request.h"

#include <cmath>
#include <map>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clouddesktop/internal/rest/json.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

namespace pb = ::google::protobuf;

std::string JsonQuote(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

// Well-known message types whose JSON form is one string or number, so a
// query parameter can carry them.
bool IsScalarLikeMessage(const pb::Descriptor& type) {
  static const char* const kNames[] = {
      "google.protobuf.Timestamp",   "google.protobuf.Duration",
      "google.protobuf.FieldMask",   "google.protobuf.StringValue",
      "google.protobuf.BytesValue",  "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
      "google.protobuf.UInt32Value", "google.protobuf.DoubleValue",
      "google.protobuf.FloatValue",  "google.protobuf.BoolValue",
  };
  for (const char* name : kNames) {
    if (type.full_name() == name) return true;
  }
  return false;
}

bool IsBoolLike(const pb::FieldDescriptor& field) {
  return field.type() == pb::FieldDescriptor::TYPE_BOOL ||
         (field.type() == pb::FieldDescriptor::TYPE_MESSAGE &&
          field.message_type()->full_name() == "google.protobuf.BoolValue");
}

// One query value as a JSON value of `field`'s type (the parser then checks
// it): a string for most types (protobuf's JSON parser takes numbers, int64,
// enums and the well-known types as strings), a literal for bools and for
// enum numbers.
absl::StatusOr<std::string> QueryValueJson(const pb::FieldDescriptor& field,
                                           absl::string_view key,
                                           absl::string_view value) {
  if (IsBoolLike(field)) {
    if (value == "true" || value == "false") return std::string(value);
    return absl::InvalidArgumentError(absl::StrCat(
        "query parameter ", key, ": \"", value, "\" is not true or false"));
  }
  if (field.type() == pb::FieldDescriptor::TYPE_ENUM && !value.empty() &&
      std::all_of(value.begin(), value.end(),
                  [](char c) { return absl::ascii_isdigit(c); })) {
    return std::string(value);
  }
  return JsonQuote(value);
}

// A query key's fields, each step by JSON name or .proto name.
absl::StatusOr<std::vector<const pb::FieldDescriptor*>> ResolveQueryKey(
    const pb::Descriptor& type, absl::string_view key) {
  std::vector<const pb::FieldDescriptor*> out;
  const pb::Descriptor* current = &type;
  std::vector<absl::string_view> steps = absl::StrSplit(key, '.');
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string step(steps[i]);
    const pb::FieldDescriptor* field = current->FindFieldByName(step);
    if (field == nullptr) field = current->FindFieldByLowercaseName(step);
    if (field == nullptr) field = current->FindFieldByCamelcaseName(step);
    if (field == nullptr ||
        (field->json_name() != step && field->name() != step)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown query parameter ", key, ": ",
                       current->full_name(), " has no field ", step));
    }
    out.push_back(field);
    bool last = i + 1 == steps.size();
    bool message = field->type() == pb::FieldDescriptor::TYPE_MESSAGE;
    if (field->is_map() || (message && field->is_repeated()) ||
        (message && last && !IsScalarLikeMessage(*field->message_type())) ||
        (!last && (!message || field->is_repeated() ||
                   IsScalarLikeMessage(*field->message_type())))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", key, ": ", field->full_name(),
          " cannot be given as a query parameter; only scalar fields and "
          "lists of them, nested with '.', can"));
    }
    current = message ? field->message_type() : nullptr;
  }
  return out;
}

// {"a":{"b":VALUE}} for fields [a, b].
std::string Nest(const std::vector<const pb::FieldDescriptor*>& fields,
                 const std::string& value) {
  std::string out;
  for (const pb::FieldDescriptor* f : fields) {
    absl::StrAppend(&out, "{", JsonQuote(f->json_name()), ":");
  }
  absl::StrAppend(&out, value, std::string(fields.size(), '}'));
  return out;
}

// The value of a path field as URL text.
absl::StatusOr<std::string> PathValue(const pb::Message& request,
                                      absl::string_view field_path) {
  absl::StatusOr<std::vector<const pb::FieldDescriptor*>> fields =
      ResolveFieldPath(*request.GetDescriptor(), field_path);
  if (!fields.ok()) return fields.status();
  const pb::Message* m = &request;
  for (size_t i = 0; i + 1 < fields->size(); ++i) {
    m = &m->GetReflection()->GetMessage(*m, (*fields)[i]);
  }
  const pb::FieldDescriptor* f = fields->back();
  const pb::Reflection* r = m->GetReflection();
  if (f->is_repeated()) {
    return absl::InvalidArgumentError(
        absl::StrCat("path field ", field_path, " is a list"));
  }
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(*m, f);
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(r->GetInt32(*m, f));
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(r->GetInt64(*m, f));
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(r->GetUInt32(*m, f));
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(r->GetUInt64(*m, f));
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return std::string(r->GetBool(*m, f) ? "true" : "false");
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return r->GetEnum(*m, f)->name();
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "path field ", field_path, " is not a string, number or enum"));
  }
}

void ClearFieldPath(pb::Message* request, absl::string_view field_path) {
  absl::StatusOr<std::vector<const pb::FieldDescriptor*>> fields =
      ResolveFieldPath(*request->GetDescriptor(), field_path);
  if (!fields.ok()) return;
  pb::Message* m = request;
  for (size_t i = 0; i + 1 < fields->size(); ++i) {
    if (!m->GetReflection()->HasField(*m, (*fields)[i])) return;
    m = m->GetReflection()->MutableMessage(m, (*fields)[i]);
  }
  m->GetReflection()->ClearField(m, fields->back());
}

std::string NumberText(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    return absl::StrFormat("%.0f", v);
  }
  return absl::StrFormat("%.17g", v);
}

// Flattens a JSON object (as google.protobuf.Struct) into query parameters.
absl::Status Flatten(const pb::Struct& object, const std::string& prefix,
                     QueryParams* out) {
  // Struct's map has no order: sort the keys for a stable URL.
  std::map<std::string, const pb::Value*> sorted;
  for (const auto& [k, v] : object.fields()) sorted[k] = &v;
  for (const auto& [k, v] : sorted) {
    std::string key = prefix.empty() ? k : absl::StrCat(prefix, ".", k);
    auto scalar = [&](const pb::Value& value) -> absl::StatusOr<std::string> {
      switch (value.kind_case()) {
        case pb::Value::kStringValue:
          return value.string_value();
        case pb::Value::kNumberValue:
          return NumberText(value.number_value());
        case pb::Value::kBoolValue:
          return std::string(value.bool_value() ? "true" : "false");
        default:
          return absl::InvalidArgumentError(
              absl::StrCat("field ", key,
                           " cannot be sent as a query parameter (a list "
                           "of messages or a map)"));
      }
    };
    switch (v->kind_case()) {
      case pb::Value::kNullValue:
        break;
      case pb::Value::kStructValue:
        if (absl::Status s = Flatten(v->struct_value(), key, out); !s.ok()) {
          return s;
        }
        break;
      case pb::Value::kListValue:
        for (const pb::Value& item : v->list_value().values()) {
          absl::StatusOr<std::string> text = scalar(item);
          if (!text.ok()) return text.status();
          out->emplace_back(key, *std::move(text));
        }
        break;
      default: {
        absl::StatusOr<std::string> text = scalar(*v);
        if (!text.ok()) return text.status();
        out->emplace_back(key, *std::move(text));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MergeHttpRequest(const HttpBinding& binding,
                              const PathTemplate::Bindings& path_values,
                              const QueryParams& query, absl::string_view body,
                              pb::Message* request) {
  const std::string route =
      absl::StrCat(binding.verb, " ", binding.path.text());
  if (!absl::StripAsciiWhitespace(body).empty()) {
    if (binding.body.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(route,
                       " takes no request body: give the fields as query "
                       "parameters"));
    }
    if (binding.body == "*") {
      if (absl::Status s = MergeRestJson(body, request); !s.ok()) return s;
    } else {
      const pb::FieldDescriptor* field =
          request->GetDescriptor()->FindFieldByName(binding.body);
      std::string wrapped =
          absl::StrCat("{", JsonQuote(field->json_name()), ":", body, "}");
      if (absl::Status s = MergeRestJson(wrapped, request); !s.ok()) return s;
    }
  }
  if (binding.body == "*" && !query.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query parameter ", query.front().first, ": ", route,
                     " takes every field in the JSON body"));
  }
  // Group repeated keys, keeping first-seen order.
  std::vector<std::string> keys;
  absl::flat_hash_map<std::string, std::vector<std::string>> values;
  for (const auto& [k, v] : query) {
    auto [it, inserted] = values.try_emplace(k);
    if (inserted) keys.push_back(k);
    it->second.push_back(v);
  }
  for (const std::string& key : keys) {
    auto fields = ResolveQueryKey(*request->GetDescriptor(), key);
    if (!fields.ok()) return fields.status();
    const pb::FieldDescriptor* leaf = fields->back();
    const std::vector<std::string>& vs = values[key];
    if (!leaf->is_repeated() && vs.size() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter ", key, " is given ", vs.size(),
                       " times; it is not a list"));
    }
    std::vector<std::string> items;
    for (const std::string& v : vs) {
      absl::StatusOr<std::string> item = QueryValueJson(*leaf, key, v);
      if (!item.ok()) return item.status();
      items.push_back(*std::move(item));
    }
    std::string value = leaf->is_repeated()
                            ? absl::StrCat("[", absl::StrJoin(items, ","), "]")
                            : items.front();
    absl::Status s = MergeRestJson(Nest(*fields, value), request);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter ", key, ": ", s.message()));
    }
  }
  for (const auto& [field_path, value] : path_values) {
    auto fields = ResolveFieldPath(*request->GetDescriptor(), field_path);
    if (!fields.ok()) return fields.status();
    absl::StatusOr<std::string> json =
        QueryValueJson(*fields->back(), field_path, value);
    if (!json.ok()) return json.status();
    // Clear first: a path value replaces one the body gave.
    ClearFieldPath(request, field_path);
    absl::Status s = MergeRestJson(Nest(*fields, *json), request);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("path field ", field_path, ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<HttpRequestParts> ToHttpRequest(const HttpBinding& binding,
                                               const pb::Message& request) {
  HttpRequestParts parts;
  parts.verb = binding.verb;
  absl::flat_hash_map<std::string, std::string> path_values;
  std::unique_ptr<pb::Message> rest(request.New());
  rest->CopyFrom(request);
  for (const std::string& field_path : binding.path.FieldPaths()) {
    absl::StatusOr<std::string> v = PathValue(request, field_path);
    if (!v.ok()) return v.status();
    path_values[field_path] = *std::move(v);
    ClearFieldPath(rest.get(), field_path);
  }
  absl::StatusOr<std::string> path = binding.path.Expand(path_values);
  if (!path.ok()) return path.status();
  parts.path = *std::move(path);
  if (binding.body == "*") {
    absl::StatusOr<std::string> body = ToRestJson(*rest);
    if (!body.ok()) return body.status();
    parts.body = *std::move(body);
    return parts;
  }
  if (!binding.body.empty()) {
    const pb::FieldDescriptor* field =
        rest->GetDescriptor()->FindFieldByName(binding.body);
    if (field->type() != pb::FieldDescriptor::TYPE_MESSAGE ||
        field->is_repeated()) {
      return absl::UnimplementedError(absl::StrCat(
          "body field ", binding.body, " is not a message: not supported"));
    }
    absl::StatusOr<std::string> body =
        ToRestJson(rest->GetReflection()->GetMessage(*rest, field));
    if (!body.ok()) return body.status();
    parts.body = *std::move(body);
    rest->GetReflection()->ClearField(rest.get(), field);
  }
  absl::StatusOr<std::string> json = ToRestJson(*rest);
  if (!json.ok()) return json.status();
  pb::Struct object;
  if (auto s = pb::util::JsonStringToMessage(*json, &object); !s.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot re-read ", *json, ": ", s.message().ToString()));
  }
  if (absl::Status s = Flatten(object, "", &parts.query); !s.ok()) return s;
  return parts;
}

std::string EncodeQuery(const QueryParams& query) {
  std::vector<std::string> items;
  for (const auto& [k, v] : query) {
    items.push_back(
        absl::StrCat(PercentEncode(k, false), "=", PercentEncode(v, false)));
  }
  return absl::StrJoin(items, "&");
}

absl::StatusOr<QueryParams> ParseQuery(absl::string_view query) {
  auto decode = [](absl::string_view in) -> absl::StatusOr<std::string> {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '+') {
        out.push_back(' ');
      } else if (in[i] != '%') {
        out.push_back(in[i]);
      } else {
        int value = 0;
        if (i + 2 >= in.size()) {
          return absl::InvalidArgumentError(absl::StrCat(
              "bad %-escape in query string at \"", in.substr(i), "\""));
        }
        for (int k = 1; k <= 2; ++k) {
          char c = in[i + k];
          int digit = absl::ascii_isdigit(c) ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
          if (digit < 0) {
            return absl::InvalidArgumentError(absl::StrCat(
                "bad %-escape in query string at \"", in.substr(i, 3), "\""));
          }
          value = value * 16 + digit;
        }
        out.push_back(static_cast<char>(value));
        i += 2;
      }
    }
    return out;
  };
  QueryParams out;
  for (absl::string_view item : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    absl::StatusOr<std::string> k = decode(kv.first);
    if (!k.ok()) return k.status();
    absl::StatusOr<std::string> v = decode(kv.second);
    if (!v.ok()) return v.status();
    out.emplace_back(*std::move(k), *std::move(v));
  }
  return out;
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
