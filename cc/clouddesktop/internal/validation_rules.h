// The rule forms of the (yandex.cloud.*) options, parsed once when the
// validation plan of a message type is built and then only evaluated:
//  - Bound: the mini-language of length, size, value, bytes and map_key:
//    "<=N", ">=N", "<N", ">N", "N-M" (inclusive range) or "N" (exactly N);
//  - Pattern: a regular expression that must match the whole value.

#ifndef CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
#define CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_

#include <array>
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

// One alternative of a pattern in linear form: fixed positions, each with
// its character class, around at most one class repeated between
// min_middle and max_middle times. Classes are bits of Pattern's member
// table.
struct LinearForm {
  std::vector<uint8_t> head;
  std::vector<uint8_t> tail;
  uint8_t middle = 0;  // 0: no repeated class
  size_t min_middle = 0;
  size_t max_middle = 0;
};

// A full-match regular expression. RE2 defines the syntax and semantics and
// checks every pattern. Patterns in the plain ASCII subset that the API uses
// (literals, escapes of punctuation, \d \w \s, non-negated classes, groups,
// alternation, * + ? {n} {n,} {n,m}) are also compiled to a small byte DFA:
// matching a label costs a few nanoseconds instead of RE2's ~50. Those whose
// alternatives are each a run of classes with at most one repeated class
// (all the API's: [a-z][-_0-9a-z]*, [a-z]([-a-z0-9]{0,61}[a-z0-9]), ...) are
// matched in linear form instead: one table test per character, with no
// dependence between characters, a few times faster again than stepping the
// DFA. That is what keeps validation well under serialising a request.
// Anything else (., anchors, negated classes, flags, non-ASCII) is matched by
// RE2.
class Pattern {
 public:
  // Fails with RE2's message for a bad expression.
  static absl::StatusOr<std::unique_ptr<Pattern>> Compile(
      absl::string_view text);

  bool FullMatch(absl::string_view s) const {
    if (!linear_.empty()) {
      for (const LinearForm& form : linear_) {
        if (MatchLinear(form, s)) return true;
      }
      return false;
    }
    return FullMatchWithDfa(s);
  }

  // The option text, as written in the .proto.
  const std::string& text() const { return re2_->pattern(); }
  // Whether the DFA is built (for tests).
  bool has_dfa() const { return !next_.empty(); }
  // Whether the linear form is used (for tests).
  bool has_linear() const { return !linear_.empty(); }
  // Matches with the DFA if there is one, else RE2 (for tests: the linear
  // form must agree).
  bool FullMatchWithDfa(absl::string_view s) const {
    if (next_.empty()) {
      return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *re2_);
    }
    uint32_t row = start_;
    for (const char c : s) {
      row = next_[row + byte_class_[static_cast<unsigned char>(c)]];
      if (row == kDead) return false;
    }
    return accepting_[row / num_classes_];
  }
  // Matches with RE2 alone (for tests: the reference).
  bool FullMatchWithRe2(absl::string_view s) const {
    return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *re2_);
  }

 private:
  static constexpr uint32_t kDead = 0;

  Pattern() = default;

  bool MatchLinear(const LinearForm& form, absl::string_view s) const;

  std::unique_ptr<RE2> re2_;
  // The linear forms (any one matching is a match); empty if not linear.
  std::vector<LinearForm> linear_;
  // Bit i of member_[b]: byte b is in the i-th class of the linear forms.
  std::array<uint8_t, 256> member_{};
  // DFA over byte classes (bytes no character set tells apart share a
  // class). States are named by their row offset (state * num_classes_), so
  // a step is two loads; row kDead rejects everything. Empty when RE2 is
  // used instead.
  std::array<uint8_t, 256> byte_class_{};
  uint32_t num_classes_ = 0;
  uint32_t start_ = 0;           // row of the start state
  std::vector<uint32_t> next_;   // [row + class] -> row
  std::vector<bool> accepting_;  // [state]
};

// Length of `text` in characters: the number of UTF-8 code points, counted
// as bytes that are not continuation bytes (proto3 strings are valid UTF-8;
// for invalid input this is still a cheap, stable count).
size_t Utf8Length(absl::string_view text);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_VALIDATION_RULES_H_
