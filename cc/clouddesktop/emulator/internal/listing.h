// One page of a List method: filter, sort, resume after the page token, cut
// to page_size and make the next token. The same rules for every list.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_LISTING_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_LISTING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace clouddesktop::emulator::internal {

inline constexpr int64_t kDefaultPageSize = 100;
inline constexpr int64_t kMaxPageSize = 1000;

struct ListQuery {
  // Full name of the request message, for error messages.
  std::string request_type;
  // What is listed, e.g. "desktops?folder_id=x"; binds page tokens.
  std::string scope;
  int64_t page_size = 0;
  std::string page_token;
  std::string filter;
  std::string order_by;
  // Fields `filter` may name; empty: the request has no filter.
  std::vector<std::string> filter_fields;
  // Fields `order_by` may name; empty: the request has no order_by.
  std::vector<std::string> order_fields;
  // Order when order_by is empty; empty: keep the input order.
  std::string default_order;
};

// Replaces `items` with the requested page and sets `next_page_token`
// (empty on the last page). Errors: INVALID_ARGUMENT naming page_size,
// page_token, filter or order_by. Cost: O(n log n) in the input size.
// Thread-compatible (no state besides `codec`, which is thread-safe).
absl::Status Paginate(const ListQuery& query, const PageTokenCodec& codec,
                      std::vector<const google::protobuf::Message*>* items,
                      std::string* next_page_token);

// The query of a resource list (images, desktops, groups): `filter` on name
// (the reference: "Currently you can use filtering only on [Desktop.name]
// field"); `order_by` name, created_at or status (the reference: "Sorting the
// list by [Desktop.name], [Desktop.created_at] and [Desktop.status]
// fields"); oldest first by default. `Request` has page_size, page_token,
// filter and order_by.
template <typename Request>
ListQuery ResourceListQuery(const Request& request, std::string scope) {
  return ListQuery{request.GetDescriptor()->full_name(),
                   std::move(scope),
                   request.page_size(),
                   request.page_token(),
                   request.filter(),
                   request.order_by(),
                   {"name"},
                   {"name", "created_at", "status"},
                   "created_at"};
}

// Paginate, then copies the page into `out` (the response's repeated field
// of `Item`, the type of every element of `items`) and sets the response's
// next_page_token.
template <typename Item, typename Response>
absl::Status PageInto(const ListQuery& query, const PageTokenCodec& codec,
                      std::vector<const google::protobuf::Message*> items,
                      google::protobuf::RepeatedPtrField<Item>* out,
                      Response* response) {
  std::string next;
  absl::Status status = Paginate(query, codec, &items, &next);
  if (!status.ok()) return status;
  for (const google::protobuf::Message* item : items) {
    *out->Add() = static_cast<const Item&>(*item);
  }
  response->set_next_page_token(std::move(next));
  return absl::OkStatus();
}

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_LISTING_H_
