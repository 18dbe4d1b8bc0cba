#include "clouddesktop/internal/validation_rules.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace clouddesktop {
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

std::string BoundNumber::ToString() const {
  return is_integer ? absl::StrCat(integer) : absl::StrCat(real);
}

absl::StatusOr<Bound> Bound::Parse(absl::string_view spec) {
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

  // "N-M": the separator is the first '-' that follows a digit, so negative
  // numbers ("-5--1") still parse.
  size_t dash = absl::string_view::npos;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '-' && IsNumberChar(text[i - 1])) {
      dash = i;
      break;
    }
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

bool Bound::Contains(int64_t v) const {
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

size_t Utf8Length(absl::string_view text) {
  size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace internal
}  // namespace clouddesktop
