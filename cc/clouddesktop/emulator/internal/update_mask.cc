#include "clouddesktop/emulator/internal/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/field_mask_util.h"

namespace clouddesktop::emulator::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void CopyField(const Message& from, const FieldDescriptor* from_field,
               Message* to, const FieldDescriptor* to_field);

// Copies every field of `from` onto `to`, matched by name: for messages of
// the same shape but different types (the LabelsEntry of a request and of a
// resource are distinct types).
void CopyByName(const Message& from, Message* to) {
  if (from.GetDescriptor() == to->GetDescriptor()) {
    to->CopyFrom(from);
    return;
  }
  to->Clear();
  const Descriptor* to_type = to->GetDescriptor();
  for (int i = 0; i < to_type->field_count(); ++i) {
    const FieldDescriptor* to_field = to_type->field(i);
    const FieldDescriptor* from_field =
        from.GetDescriptor()->FindFieldByName(to_field->name());
    if (from_field != nullptr) CopyField(from, from_field, to, to_field);
  }
}

bool SameShape(const FieldDescriptor* a, const FieldDescriptor* b) {
  return a->cpp_type() == b->cpp_type() && a->is_repeated() == b->is_repeated();
}

void CopyField(const Message& from, const FieldDescriptor* from_field,
               Message* to, const FieldDescriptor* to_field) {
  if (!SameShape(from_field, to_field)) return;
  const Reflection* rf = from.GetReflection();
  const Reflection* rt = to->GetReflection();
  if (to_field->is_repeated()) {
    rt->ClearField(to, to_field);
    int n = rf->FieldSize(from, from_field);
    for (int i = 0; i < n; ++i) {
      switch (from_field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          rt->AddString(to, to_field,
                        rf->GetRepeatedString(from, from_field, i));
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          rt->AddInt64(to, to_field, rf->GetRepeatedInt64(from, from_field, i));
          break;
        case FieldDescriptor::CPPTYPE_INT32:
          rt->AddInt32(to, to_field, rf->GetRepeatedInt32(from, from_field, i));
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          rt->AddBool(to, to_field, rf->GetRepeatedBool(from, from_field, i));
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          rt->AddEnumValue(to, to_field,
                           rf->GetRepeatedEnumValue(from, from_field, i));
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
          CopyByName(rf->GetRepeatedMessage(from, from_field, i),
                     rt->AddMessage(to, to_field));
          break;
        default:
          break;
      }
    }
    return;
  }
  switch (from_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      rt->SetString(to, to_field, rf->GetString(from, from_field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      rt->SetInt64(to, to_field, rf->GetInt64(from, from_field));
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      rt->SetInt32(to, to_field, rf->GetInt32(from, from_field));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      rt->SetBool(to, to_field, rf->GetBool(from, from_field));
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      rt->SetEnumValue(to, to_field, rf->GetEnumValue(from, from_field));
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (rf->HasField(from, from_field)) {
        CopyByName(rf->GetMessage(from, from_field),
                   rt->MutableMessage(to, to_field));
      } else {
        rt->ClearField(to, to_field);
      }
      break;
    default:
      break;
  }
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ResolveUpdatePaths(
    const Message& request, const google::protobuf::FieldMask& mask,
    absl::Span<const absl::string_view> updatable) {
  const Descriptor* type = request.GetDescriptor();
  auto is_updatable = [&](absl::string_view name) {
    return std::find(updatable.begin(), updatable.end(), name) !=
           updatable.end();
  };
  std::vector<std::string> paths;
  if (mask.paths().empty()) {
    for (absl::string_view name : updatable) paths.emplace_back(name);
    return paths;
  }
  for (const std::string& path : mask.paths()) {
    std::pair<absl::string_view, absl::string_view> split =
        absl::StrSplit(path, absl::MaxSplits('.', 1));
    const FieldDescriptor* field =
        is_updatable(split.first)
            ? type->FindFieldByName(std::string(split.first))
            : nullptr;
    bool ok = field != nullptr;
    if (ok && !split.second.empty()) {
      ok = !field->is_repeated() &&
           field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
           google::protobuf::util::FieldMaskUtil::GetFieldDescriptors(
               field->message_type(), std::string(split.second), nullptr);
    }
    if (!ok) {
      return InvalidField(
          type->full_name(), "update_mask",
          absl::StrCat("unknown or not updatable field \"", path, "\""),
          "update_mask");
    }
    paths.push_back(path);
  }
  return paths;
}

void ApplyUpdatePaths(const Message& request,
                      absl::Span<const std::string> paths, Message* resource) {
  for (const std::string& path : paths) {
    std::pair<absl::string_view, absl::string_view> split =
        absl::StrSplit(path, absl::MaxSplits('.', 1));
    const FieldDescriptor* from_field =
        request.GetDescriptor()->FindFieldByName(std::string(split.first));
    const FieldDescriptor* to_field =
        resource->GetDescriptor()->FindFieldByName(std::string(split.first));
    if (from_field == nullptr || to_field == nullptr) continue;
    if (split.second.empty()) {
      CopyField(request, from_field, resource, to_field);
      continue;
    }
    if (from_field->message_type() != to_field->message_type()) continue;
    google::protobuf::FieldMask sub_mask;
    sub_mask.add_paths(std::string(split.second));
    google::protobuf::util::FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    google::protobuf::util::FieldMaskUtil::MergeMessageTo(
        request.GetReflection()->GetMessage(request, from_field), sub_mask,
        options, resource->GetReflection()->MutableMessage(resource, to_field));
  }
}

}  // namespace clouddesktop::emulator::internal
