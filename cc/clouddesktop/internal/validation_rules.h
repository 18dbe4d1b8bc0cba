// The bound mini-language of the (yandex.cloud.length), (size), (value),
// (bytes) and (map_key) options: "<=N", ">=N", "<N", ">N", "N-M" (inclusive
// range) or "N" (exactly N). A spec is parsed once, when the validation plan
// of its message type is built, and then only evaluated.

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace clouddesktop {
namespace internal {

// A number written in a spec. Integers are kept exact so that int64 and
// uint64 field values compare without rounding; anything else is a double.
struct BoundNumber {
  bool is_integer = true;
  int64_t integer = 0;
  double real = 0;

  double AsDouble() const {
    return is_integer ? static_cast<double>(integer) : real;
  }
  std::string ToString() const;
};

// One parsed spec: an optional lower and an optional upper limit.
class Bound {
 public:
  enum class Kind { kAtMost, kAtLeast, kLess, kGreater, kRange, kExact };

  // Parses `spec`. Surrounding blanks are ignored; numbers may be negative
  // ("-5--1") or fractional (for `value` on floating-point fields). An empty
  // range ("5-1") and anything unparsable are errors, never crashes.
  static absl::StatusOr<Bound> Parse(absl::string_view spec);

  bool Contains(int64_t v) const;
  bool Contains(uint64_t v) const;
  // NaN is outside every bound.
  bool Contains(double v) const;

  // True if every number in the spec is an integer (required for counts and
  // lengths).
  bool IsIntegral() const;

  Kind kind() const { return kind_; }
  const std::optional<BoundNumber>& min() const { return min_; }
  const std::optional<BoundNumber>& max() const { return max_; }
  bool min_inclusive() const { return min_inclusive_; }
  bool max_inclusive() const { return max_inclusive_; }

  // "<= 50", ">= 1", "< 5", "> 0", "between 1 and 63", "5": reads after
  // "must be".
  std::string Describe() const;

 private:
  Kind kind_ = Kind::kExact;
  std::optional<BoundNumber> min_;
  std::optional<BoundNumber> max_;
  bool min_inclusive_ = true;
  bool max_inclusive_ = true;
};

// Length of `text` in characters: the number of UTF-8 code points, counted
// as bytes that are not continuation bytes (proto3 strings are valid UTF-8;
// for invalid input this is still a cheap, stable count).
size_t Utf8Length(absl::string_view text);

}  // namespace internal
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
