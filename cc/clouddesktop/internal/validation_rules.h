// The rule forms of the (yandex.cloud.*) options, parsed once when the
// validation plan of a message type is built and then only evaluated:
//  - Bound: the mini-language of length, size, value, bytes and map_key:
//    "<=N", ">=N", "<N", ">N", "N-M" (inclusive range) or "N" (exactly N);
//  - Pattern: a regular expression that must match the whole value;
// and the UTF-8 check that every string value gets.

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "re2/re2.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
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

  // Inline for integral bounds (the walk calls it for every number it
  // checks); fractional bounds compare as doubles.
  bool Contains(int64_t v) const {
    if (integral_) return v >= int_min_ && v <= int_max_;
    return ContainsAsDouble(v);
  }
  // Contains() for counts and lengths, inline: the walk calls it for every
  // string it checks.
  bool ContainsCount(size_t n) const {
    return n >= count_min_ && n <= count_max_;
  }
  // The admitted counts as an inclusive range (empty if count_min() >
  // count_max()).
  size_t count_min() const { return count_min_; }
  size_t count_max() const { return count_max_; }
  // For an integral bound (IsIntegral()), the admitted int64 values as an
  // inclusive range (empty if int_min() > int_max()).
  int64_t int_min() const { return int_min_; }
  int64_t int_max() const { return int_max_; }
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
  static absl::StatusOr<Bound> ParseUncounted(absl::string_view spec);
  bool ContainsAsDouble(int64_t v) const;

  Kind kind_ = Kind::kExact;
  std::optional<BoundNumber> min_;
  std::optional<BoundNumber> max_;
  bool min_inclusive_ = true;
  bool max_inclusive_ = true;
  // The admitted counts as an inclusive range (empty if none).
  size_t count_min_ = 0;
  size_t count_max_ = 0;
  // For integral bounds, the admitted int64 values as an inclusive range
  // (empty if int_min_ > int_max_).
  bool integral_ = false;
  int64_t int_min_ = 0;
  int64_t int_max_ = 0;
};

// A full-match regular expression, in RE2's syntax and with its semantics
// (UTF-8 input). Compiled once when a plan is built; matching is RE2's and
// allocates nothing once RE2 has cached the states an input needs.
class Pattern {
 public:
  // Fails with RE2's message for a bad expression.
  static absl::StatusOr<std::unique_ptr<Pattern>> Compile(
      absl::string_view text);

  bool FullMatch(absl::string_view s) const {
    return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re2_);
  }

  // The option text, as written in the .proto.
  const std::string& text() const { return re2_.pattern(); }

 private:
  Pattern(absl::string_view text, const RE2::Options& options)
      : re2_(re2::StringPiece(text.data(), text.size()), options) {}

  RE2 re2_;
};

// The offset of the first byte of `text` that does not start a well-formed
// UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), or npos if `text` is valid UTF-8.
size_t FirstInvalidUtf8(absl::string_view text);

// Length of `text` in characters: the number of UTF-8 code points, counted
// as bytes that are not continuation bytes (for valid UTF-8, which the walk
// checks first).
size_t Utf8Length(absl::string_view text);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
