// Fuzz target: the emulator's List `filter` and `order_by` parsers
// (emulator/internal/filter.h, ordering.h) on arbitrary text, as they get
// it from any client. Input: the filter; after the first newline (if any),
// the order_by. A parse error must be INVALID_ARGUMENT with a description;
// a filter that parses must be usable on every message kind.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clouddesktop/emulator/internal/filter.h"
#include "clouddesktop/emulator/internal/ordering.h"
#include "tests/fuzz/fuzz_check.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::clouddesktop::emulator::internal::Filter;
using ::clouddesktop::emulator::internal::Ordering;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  absl::string_view filter_text = input;
  absl::string_view order_text;
  if (size_t nl = input.find('\n'); nl != absl::string_view::npos) {
    filter_text = input.substr(0, nl);
    order_text = input.substr(nl + 1);
  }
  // The fields the emulator's lists allow (listing.h, resource_operations).
  const std::vector<std::string> filter_fields = {"name", "status", "done"};
  const std::vector<std::string> order_fields = {"name", "created_at",
                                                 "status"};

  api::Desktop a;
  a.set_id("e3v0000000000000001");
  a.set_name(std::string(filter_text.substr(0, 16)));
  a.set_status(api::Desktop::ACTIVE);
  api::Desktop b;
  b.set_id("e3v0000000000000002");
  b.set_name("desktop-b");

  absl::StatusOr<Filter> filter = Filter::Parse(filter_text, filter_fields);
  if (filter.ok()) {
    filter->Matches(a);
    filter->Matches(b);
  } else {
    FUZZ_CHECK(filter.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(!filter.status().message().empty());
  }

  absl::StatusOr<Ordering> ordering = Ordering::Parse(order_text, order_fields);
  if (ordering.ok()) {
    // A strict weak order with ties broken by id: exactly one of a<b, b<a.
    FUZZ_CHECK(ordering->Less(a, b) != ordering->Less(b, a));
    FUZZ_CHECK(!ordering->Less(a, a));
  } else {
    FUZZ_CHECK(ordering.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(!ordering.status().message().empty());
  }
  return 0;
}
