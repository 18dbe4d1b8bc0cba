// Fuzz target: the emulator's page tokens (emulator/internal/page_token.h)
// and the listing that resumes from them (listing.h). Input: a page token
// as a client might send it. Also, read as a cursor (4 bytes of offset, the
// rest an id), it is encoded into a genuine token, so that resuming from any
// position and any last id (one deleted since, one never listed) is
// exercised too.
//
// Properties: a token not made by Encode for this query is INVALID_ARGUMENT
// naming page_token; Decode inverts Encode and only for the same query; a
// genuine token never makes a page that repeats an item of the page before.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/emulator/internal/listing.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "tests/fuzz/fuzz_check.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::clouddesktop::emulator::internal::ListQuery;
using ::clouddesktop::emulator::internal::PageTokenCodec;
using ::clouddesktop::emulator::internal::Paginate;

ListQuery Query(std::string token) {
  ListQuery q;
  q.request_type = "yandex.cloud.clouddesktop.v1.api.ListDesktopsRequest";
  q.scope = "desktops?folder_id=f1";
  q.page_size = 2;
  q.page_token = std::move(token);
  q.filter_fields = {"name"};
  q.order_fields = {"name", "created_at", "status"};
  q.default_order = "name";
  return q;
}

const std::vector<api::Desktop>& Desktops() {
  static const auto* const kDesktops = [] {
    auto* desktops = new std::vector<api::Desktop>;
    for (int i = 0; i < 5; ++i) {
      api::Desktop d;
      d.set_id(absl::StrCat("e3v000000000000000", i));
      d.set_name(absl::StrCat("desktop-", i));
      desktops->push_back(d);
    }
    return desktops;
  }();
  return *kDesktops;
}

absl::Status List(const PageTokenCodec& codec, std::string token,
                  std::vector<const google::protobuf::Message*>* page,
                  std::string* next) {
  page->clear();
  for (const api::Desktop& d : Desktops()) page->push_back(&d);
  return Paginate(Query(std::move(token)), codec, page, next);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  PageTokenCodec codec("fuzz-secret");
  std::vector<const google::protobuf::Message*> page;
  std::string next;

  // The input as a token. Empty is the first page.
  absl::Status status = List(codec, std::string(input), &page, &next);
  if (input.empty()) {
    FUZZ_CHECK(status.ok());
  } else {
    FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(absl::StrContains(status.message(), "page_token"));
  }

  // The input as a cursor, in a genuine token.
  PageTokenCodec::Cursor cursor;
  for (size_t i = 0; i < 4 && i < size; ++i) {
    cursor.offset = (cursor.offset << 8) | data[i];
  }
  if (size > 4) cursor.last_id = std::string(input.substr(4, 20));
  // What Paginate binds the token to: scope, filter, order.
  std::string query = "desktops?folder_id=f1\n\nname";
  std::string token = codec.Encode(query, cursor);
  absl::StatusOr<PageTokenCodec::Cursor> decoded = codec.Decode(query, token);
  FUZZ_CHECK(decoded.ok());
  FUZZ_CHECK(decoded->offset == cursor.offset);
  FUZZ_CHECK(decoded->last_id == cursor.last_id);
  FUZZ_CHECK(!codec.Decode(query + "x", token).ok());
  FUZZ_CHECK(!PageTokenCodec("another-secret").Decode(query, token).ok());

  status = List(codec, token, &page, &next);
  if (!status.ok()) {
    FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(page.size() <= 2);
  // Walk the rest of the list: pages strictly advance and end.
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    for (const auto* item : page) {
      const std::string& id = static_cast<const api::Desktop*>(item)->id();
      for (const std::string& s : seen) FUZZ_CHECK(s != id);
      seen.push_back(id);
    }
    if (next.empty()) return 0;
    std::string token_next = next;
    FUZZ_CHECK(List(codec, token_next, &page, &next).ok());
  }
  FUZZ_CHECK(false && "paging did not end");
  return 0;
}
