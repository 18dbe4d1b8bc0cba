#include "clouddesktop/emulator/internal/ordering.h"

#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"

namespace clouddesktop::emulator::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// -1, 0, 1 as a < b, a == b, a > b on one field.
int Compare(const Message& a, const Message& b, const std::string& field) {
  const FieldDescriptor* descriptor = a.GetDescriptor()->FindFieldByName(field);
  if (descriptor == nullptr || descriptor->is_repeated()) return 0;
  const google::protobuf::Reflection* ra = a.GetReflection();
  const google::protobuf::Reflection* rb = b.GetReflection();
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (descriptor->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return sign(ra->GetString(a, descriptor), rb->GetString(b, descriptor));
    case FieldDescriptor::CPPTYPE_ENUM:
      return sign(ra->GetEnumValue(a, descriptor),
                  rb->GetEnumValue(b, descriptor));
    case FieldDescriptor::CPPTYPE_BOOL:
      return sign(ra->GetBool(a, descriptor), rb->GetBool(b, descriptor));
    case FieldDescriptor::CPPTYPE_INT64:
      return sign(ra->GetInt64(a, descriptor), rb->GetInt64(b, descriptor));
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (descriptor->message_type()->full_name() !=
          google::protobuf::Timestamp::descriptor()->full_name()) {
        return 0;
      }
      google::protobuf::Timestamp ta, tb;
      ta.CopyFrom(ra->GetMessage(a, descriptor));
      tb.CopyFrom(rb->GetMessage(b, descriptor));
      return sign(std::make_pair(ta.seconds(), ta.nanos()),
                  std::make_pair(tb.seconds(), tb.nanos()));
    }
    default:
      return 0;
  }
}

}  // namespace

absl::StatusOr<Ordering> Ordering::Parse(absl::string_view text,
                                         absl::Span<const std::string> fields) {
  Ordering ordering;
  if (absl::StripAsciiWhitespace(text).empty()) return ordering;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::vector<absl::string_view> words =
        absl::StrSplit(part, ' ', absl::SkipWhitespace());
    if (words.empty()) {
      return absl::InvalidArgumentError("empty sort key");
    }
    if (words.size() > 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected '", words[2], "' after '", words[0], " ", words[1], "'"));
    }
    Key key;
    key.field = std::string(words[0]);
    bool known = false;
    for (const std::string& f : fields) known = known || f == key.field;
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot sort by '", key.field,
                       "' (sortable: ", absl::StrJoin(fields, ", "), ")"));
    }
    if (words.size() == 2) {
      if (absl::EqualsIgnoreCase(words[1], "desc")) {
        key.descending = true;
      } else if (!absl::EqualsIgnoreCase(words[1], "asc")) {
        return absl::InvalidArgumentError(
            absl::StrCat("expected asc or desc after '", key.field,
                         "', found '", words[1], "'"));
      }
    }
    ordering.keys_.push_back(std::move(key));
  }
  return ordering;
}

bool Ordering::Less(const Message& a, const Message& b) const {
  for (const Key& key : keys_) {
    int c = Compare(a, b, key.field);
    if (c != 0) return key.descending ? c > 0 : c < 0;
  }
  return Compare(a, b, "id") < 0;
}

}  // namespace clouddesktop::emulator::internal
