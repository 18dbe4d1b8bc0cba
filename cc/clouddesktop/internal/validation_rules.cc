#include "clouddesktop/internal/validation_rules.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

absl::Status BadSpec(absl::string_view spec, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("bad bound \"", spec, "\": ", why));
}

bool IsNumberChar(char c) {
  return absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.';
}

absl::StatusOr<BoundNumber> ParseNumber(absl::string_view spec,
                                        absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return BadSpec(spec, "missing number");
  // SimpleAtod also takes "inf", "nan" and hex floats; the mini-language only
  // has plain decimal numbers.
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool sign = i == 0 && (c == '-' || c == '+');
    if (!sign && !IsNumberChar(c) && c != 'e' && c != 'E') {
      return BadSpec(spec, absl::StrCat("\"", text, "\" is not a number"));
    }
  }
  BoundNumber number;
  if (absl::SimpleAtoi(text, &number.integer)) return number;
  number.is_integer = false;
  if (!absl::SimpleAtod(text, &number.real) || !std::isfinite(number.real)) {
    return BadSpec(spec, absl::StrCat("\"", text, "\" is not a number"));
  }
  return number;
}

// Three-way comparison of a field value with a spec number.
int Compare(int64_t v, const BoundNumber& n) {
  if (n.is_integer) return v < n.integer ? -1 : (v > n.integer ? 1 : 0);
  const double d = static_cast<double>(v);
  return d < n.real ? -1 : (d > n.real ? 1 : 0);
}

int Compare(uint64_t v, const BoundNumber& n) {
  if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    // Larger than every integer spec; fractional specs compare as doubles.
    if (n.is_integer) return 1;
    const double d = static_cast<double>(v);
    return d < n.real ? -1 : (d > n.real ? 1 : 0);
  }
  return Compare(static_cast<int64_t>(v), n);
}

int Compare(double v, const BoundNumber& n) {
  const double d = n.AsDouble();
  return v < d ? -1 : (v > d ? 1 : 0);
}

bool LessOrEqual(const BoundNumber& a, const BoundNumber& b) {
  if (a.is_integer && b.is_integer) return a.integer <= b.integer;
  return a.AsDouble() <= b.AsDouble();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Pattern>> Pattern::Compile(
    absl::string_view text) {
  RE2::Options options;
  // A bad expression becomes a status, not a line on stderr.
  options.set_log_errors(false);
  std::unique_ptr<Pattern> pattern(new Pattern(text, options));
  if (!pattern->re2_.ok()) {
    return absl::InvalidArgumentError(pattern->re2_.error());
  }
  return pattern;
}

std::string BoundNumber::ToString() const {
  return is_integer ? absl::StrCat(integer) : absl::StrCat(real);
}

namespace {

// Precomputes the inclusive count range of `bound`, for ContainsCount.
void SetCountRange(const std::optional<BoundNumber>& min, bool min_inclusive,
                   const std::optional<BoundNumber>& max, bool max_inclusive,
                   size_t* count_min, size_t* count_max) {
  double lo = 0;
  double hi = static_cast<double>(std::numeric_limits<size_t>::max());
  if (min)
    lo = std::max(lo, min_inclusive ? std::ceil(min->AsDouble())
                                    : std::floor(min->AsDouble()) + 1);
  if (max)
    hi = std::min(hi, max_inclusive ? std::floor(max->AsDouble())
                                    : std::ceil(max->AsDouble()) - 1);
  if (hi < lo) {  // nothing admitted: an empty range
    *count_min = 1;
    *count_max = 0;
    return;
  }
  *count_min = static_cast<size_t>(lo);
  *count_max = hi >= static_cast<double>(std::numeric_limits<size_t>::max())
                   ? std::numeric_limits<size_t>::max()
                   : static_cast<size_t>(hi);
}

// Precomputes the inclusive int64 range of an integral bound, for Contains.
void SetIntRange(const std::optional<BoundNumber>& min, bool min_inclusive,
                 const std::optional<BoundNumber>& max, bool max_inclusive,
                 int64_t* int_min, int64_t* int_max) {
  constexpr int64_t kLowest = std::numeric_limits<int64_t>::min();
  constexpr int64_t kHighest = std::numeric_limits<int64_t>::max();
  int64_t lo = kLowest;
  int64_t hi = kHighest;
  bool empty = false;
  if (min) {
    lo = min->integer;
    if (!min_inclusive) {
      if (lo == kHighest)
        empty = true;
      else
        ++lo;
    }
  }
  if (max) {
    hi = max->integer;
    if (!max_inclusive) {
      if (hi == kLowest)
        empty = true;
      else
        --hi;
    }
  }
  if (empty || lo > hi) {
    lo = kHighest;
    hi = kLowest;
  }
  *int_min = lo;
  *int_max = hi;
}

}  // namespace

absl::StatusOr<Bound> Bound::Parse(absl::string_view spec) {
  absl::StatusOr<Bound> bound = ParseUncounted(spec);
  if (bound.ok()) {
    SetCountRange(bound->min_, bound->min_inclusive_, bound->max_,
                  bound->max_inclusive_, &bound->count_min_,
                  &bound->count_max_);
    bound->integral_ = bound->IsIntegral();
    if (bound->integral_) {
      SetIntRange(bound->min_, bound->min_inclusive_, bound->max_,
                  bound->max_inclusive_, &bound->int_min_, &bound->int_max_);
    }
  }
  return bound;
}

absl::StatusOr<Bound> Bound::ParseUncounted(absl::string_view spec) {
  const absl::string_view text = absl::StripAsciiWhitespace(spec);
  if (text.empty()) return BadSpec(spec, "empty");
  Bound bound;
  auto one_sided = [&](size_t op_len, Kind kind) -> absl::StatusOr<Bound> {
    absl::StatusOr<BoundNumber> n = ParseNumber(spec, text.substr(op_len));
    if (!n.ok()) return n.status();
    bound.kind_ = kind;
    const bool upper = kind == Kind::kAtMost || kind == Kind::kLess;
    const bool inclusive = kind == Kind::kAtMost || kind == Kind::kAtLeast;
    if (upper) {
      bound.max_ = *n;
      bound.max_inclusive_ = inclusive;
    } else {
      bound.min_ = *n;
      bound.min_inclusive_ = inclusive;
    }
    return bound;
  };
  if (absl::StartsWith(text, "<=")) return one_sided(2, Kind::kAtMost);
  if (absl::StartsWith(text, ">=")) return one_sided(2, Kind::kAtLeast);
  if (absl::StartsWith(text, "<")) return one_sided(1, Kind::kLess);
  if (absl::StartsWith(text, ">")) return one_sided(1, Kind::kGreater);

  // "N-M": the separator is the first '-' that follows a digit (blanks
  // between allowed), so negative numbers ("-5--1") still parse.
  size_t dash = absl::string_view::npos;
  for (size_t i = 1; i < text.size() && dash == absl::string_view::npos; ++i) {
    if (text[i] != '-') continue;
    size_t j = i;
    while (j > 0 && text[j - 1] == ' ') --j;
    if (j > 0 && IsNumberChar(text[j - 1])) dash = i;
  }
  if (dash == absl::string_view::npos) {
    absl::StatusOr<BoundNumber> n = ParseNumber(spec, text);
    if (!n.ok()) return n.status();
    bound.kind_ = Kind::kExact;
    bound.min_ = *n;
    bound.max_ = *n;
    return bound;
  }
  absl::StatusOr<BoundNumber> lo = ParseNumber(spec, text.substr(0, dash));
  if (!lo.ok()) return lo.status();
  absl::StatusOr<BoundNumber> hi = ParseNumber(spec, text.substr(dash + 1));
  if (!hi.ok()) return hi.status();
  if (!LessOrEqual(*lo, *hi)) return BadSpec(spec, "empty range");
  bound.kind_ = Kind::kRange;
  bound.min_ = *lo;
  bound.max_ = *hi;
  return bound;
}

bool Bound::ContainsAsDouble(int64_t v) const {
  if (min_) {
    const int c = Compare(v, *min_);
    if (c < 0 || (c == 0 && !min_inclusive_)) return false;
  }
  if (max_) {
    const int c = Compare(v, *max_);
    if (c > 0 || (c == 0 && !max_inclusive_)) return false;
  }
  return true;
}

bool Bound::Contains(uint64_t v) const {
  if (min_) {
    const int c = Compare(v, *min_);
    if (c < 0 || (c == 0 && !min_inclusive_)) return false;
  }
  if (max_) {
    const int c = Compare(v, *max_);
    if (c > 0 || (c == 0 && !max_inclusive_)) return false;
  }
  return true;
}

bool Bound::Contains(double v) const {
  if (std::isnan(v)) return false;
  if (min_) {
    const int c = Compare(v, *min_);
    if (c < 0 || (c == 0 && !min_inclusive_)) return false;
  }
  if (max_) {
    const int c = Compare(v, *max_);
    if (c > 0 || (c == 0 && !max_inclusive_)) return false;
  }
  return true;
}

bool Bound::IsIntegral() const {
  return (!min_ || min_->is_integer) && (!max_ || max_->is_integer);
}

std::string Bound::Describe() const {
  switch (kind_) {
    case Kind::kAtMost:
      return absl::StrCat("<= ", max_->ToString());
    case Kind::kAtLeast:
      return absl::StrCat(">= ", min_->ToString());
    case Kind::kLess:
      return absl::StrCat("< ", max_->ToString());
    case Kind::kGreater:
      return absl::StrCat("> ", min_->ToString());
    case Kind::kRange:
      return absl::StrCat("between ", min_->ToString(), " and ",
                          max_->ToString());
    case Kind::kExact:
      return min_->ToString();
  }
  return "";
}

size_t FirstInvalidUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII runs are the common case: step over them a byte at a time
    // without the table below.
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    // RFC 3629, section 4: the lead byte fixes the length and the range of
    // the second byte (which excludes overlong forms, surrogates and code
    // points above U+10FFFF); later bytes are 80..BF.
    size_t length;
    unsigned char lo = 0x80, hi = 0xBF;
    const unsigned char c = p[i];
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (n - i < length || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < length; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return absl::string_view::npos;
}

size_t Utf8Length(absl::string_view text) {
  size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
