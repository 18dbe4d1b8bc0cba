// Opaque page tokens: where the next page starts (the id of the last item
// returned and its position), bound to the query that produced it with an
// HMAC-SHA256 under a per-emulator secret. A token from another query, from
// another emulator instance, or edited by hand fails to decode.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_PAGE_TOKEN_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace clouddesktop::emulator::internal {

// Immutable after construction; thread-safe. Cost: one HMAC per call.
class PageTokenCodec {
 public:
  struct Cursor {
    uint64_t offset = 0;  // position of the next item
    std::string last_id;  // id of the last item returned; may be empty
  };

  explicit PageTokenCodec(std::string secret);

  // URL-safe base64 text of at most 60 characters for ids of up to 20.
  // `query` identifies the list: its kind, parent, filter and order.
  std::string Encode(absl::string_view query, const Cursor& cursor) const;

  // INVALID_ARGUMENT (description only, for the caller to attach to the
  // page_token field) if `token` was not made by Encode for `query`.
  absl::StatusOr<Cursor> Decode(absl::string_view query,
                                absl::string_view token) const;

 private:
  std::string Mac(absl::string_view query, absl::string_view payload) const;

  std::string secret_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_PAGE_TOKEN_H_
