#include "clouddesktop/emulator/internal/listing.h"

#include <algorithm>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/filter.h"
#include "clouddesktop/emulator/internal/ordering.h"

namespace clouddesktop::emulator::internal {

absl::Status Paginate(const ListQuery& query, const PageTokenCodec& codec,
                      std::vector<const google::protobuf::Message*>* items,
                      std::string* next_page_token) {
  next_page_token->clear();
  if (query.page_size < 0) {
    return InvalidField(query.request_type, "page_size", "must be >= 0",
                        "value");
  }
  int64_t page_size = query.page_size == 0
                          ? kDefaultPageSize
                          : std::min(query.page_size, kMaxPageSize);

  absl::StatusOr<Filter> filter =
      Filter::Parse(query.filter, query.filter_fields);
  if (!filter.ok()) {
    return InvalidField(query.request_type, "filter", filter.status().message(),
                        "filter");
  }
  std::string order_text =
      query.order_by.empty() ? query.default_order : query.order_by;
  absl::StatusOr<Ordering> ordering = Ordering::Parse(
      order_text, query.order_by.empty() ? std::vector<std::string>{order_text}
                                         : query.order_fields);
  if (!ordering.ok()) {
    return InvalidField(query.request_type, "order_by",
                        ordering.status().message(), "order_by");
  }

  // Everything that decides the sequence binds the token.
  std::string token_query =
      absl::StrCat(query.scope, "\n", query.filter, "\n", order_text);
  size_t start = 0;
  std::string last_id;
  if (!query.page_token.empty()) {
    absl::StatusOr<PageTokenCodec::Cursor> cursor =
        codec.Decode(token_query, query.page_token);
    if (!cursor.ok()) {
      return InvalidField(query.request_type, "page_token",
                          cursor.status().message(), "page_token");
    }
    start = cursor->offset;
    last_id = cursor->last_id;
  }

  std::vector<const google::protobuf::Message*> matched;
  matched.reserve(items->size());
  for (const google::protobuf::Message* item : *items) {
    if (filter->Matches(*item)) matched.push_back(item);
  }
  if (!order_text.empty()) {
    std::stable_sort(matched.begin(), matched.end(),
                     [&](const google::protobuf::Message* a,
                         const google::protobuf::Message* b) {
                       return ordering->Less(*a, *b);
                     });
  }
  // Resume right after the last item returned if it still exists, so items
  // added or removed before it do not shift the page; else at the offset.
  if (!last_id.empty()) {
    for (size_t i = 0; i < matched.size(); ++i) {
      if (FieldText(*matched[i], "id") == last_id) {
        start = i + 1;
        break;
      }
    }
  }
  start = std::min(start, matched.size());
  size_t end = std::min(matched.size(), start + static_cast<size_t>(page_size));
  items->assign(matched.begin() + start, matched.begin() + end);
  if (end < matched.size()) {
    PageTokenCodec::Cursor cursor;
    cursor.offset = end;
    if (end > start) cursor.last_id = FieldText(*matched[end - 1], "id");
    *next_page_token = codec.Encode(token_query, cursor);
  }
  return absl::OkStatus();
}

}  // namespace clouddesktop::emulator::internal
