// The `order_by` of List requests: `key [asc|desc] *( "," key [asc|desc] )`,
// keys among the fields a list allows (name, created_at, status). Ties are
// broken by `id`, so every order is total and paging is stable.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_ORDERING_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_ORDERING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/message.h"

namespace clouddesktop::emulator::internal {

// An immutable parsed order; thread-compatible.
class Ordering {
 public:
  // Errors are INVALID_ARGUMENT with a description naming the bad token.
  static absl::StatusOr<Ordering> Parse(absl::string_view text,
                                        absl::Span<const std::string> fields);

  // Strict weak order: strings by bytes, enums by number (life-cycle
  // order), timestamps by time; then by id.
  bool Less(const google::protobuf::Message& a,
            const google::protobuf::Message& b) const;

 private:
  struct Key {
    std::string field;
    bool descending = false;
  };
  std::vector<Key> keys_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_ORDERING_H_
