// The bound mini-language: every form, its edges, and malformed specs.

#include "clouddesktop/internal/validation_rules.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using ::testing::HasSubstr;

Bound MustParse(const std::string& spec) {
  absl::StatusOr<Bound> bound = Bound::Parse(spec);
  EXPECT_TRUE(bound.ok()) << spec << ": " << bound.status();
  return bound.ok() ? *bound : Bound();
}

TEST(BoundTest, AtMost) {
  const Bound b = MustParse("<=50");
  EXPECT_EQ(b.kind(), Bound::Kind::kAtMost);
  EXPECT_TRUE(b.Contains(int64_t{50}));
  EXPECT_TRUE(b.Contains(int64_t{0}));
  EXPECT_TRUE(b.Contains(int64_t{-7}));
  EXPECT_FALSE(b.Contains(int64_t{51}));
  EXPECT_FALSE(b.min().has_value());
  EXPECT_EQ(b.max()->integer, 50);
  EXPECT_EQ(b.Describe(), "<= 50");
}

TEST(BoundTest, AtLeast) {
  const Bound b = MustParse(">=1");
  EXPECT_EQ(b.kind(), Bound::Kind::kAtLeast);
  EXPECT_TRUE(b.Contains(int64_t{1}));
  EXPECT_TRUE(b.Contains(std::numeric_limits<int64_t>::max()));
  EXPECT_FALSE(b.Contains(int64_t{0}));
  EXPECT_EQ(b.Describe(), ">= 1");
}

TEST(BoundTest, Less) {
  const Bound b = MustParse("<5");
  EXPECT_EQ(b.kind(), Bound::Kind::kLess);
  EXPECT_TRUE(b.Contains(int64_t{4}));
  EXPECT_FALSE(b.Contains(int64_t{5}));
  EXPECT_FALSE(b.max_inclusive());
  EXPECT_EQ(b.Describe(), "< 5");
}

TEST(BoundTest, Greater) {
  const Bound b = MustParse(">0");
  EXPECT_EQ(b.kind(), Bound::Kind::kGreater);
  EXPECT_TRUE(b.Contains(int64_t{1}));
  EXPECT_FALSE(b.Contains(int64_t{0}));
  EXPECT_FALSE(b.Contains(int64_t{-1}));
  EXPECT_FALSE(b.min_inclusive());
  EXPECT_EQ(b.Describe(), "> 0");
}

TEST(BoundTest, RangeIsInclusive) {
  const Bound b = MustParse("1-63");
  EXPECT_EQ(b.kind(), Bound::Kind::kRange);
  EXPECT_FALSE(b.Contains(int64_t{0}));
  EXPECT_TRUE(b.Contains(int64_t{1}));
  EXPECT_TRUE(b.Contains(int64_t{63}));
  EXPECT_FALSE(b.Contains(int64_t{64}));
  EXPECT_EQ(b.Describe(), "between 1 and 63");
}

TEST(BoundTest, SingletonRange) {
  const Bound b = MustParse("0-0");
  EXPECT_TRUE(b.Contains(int64_t{0}));
  EXPECT_FALSE(b.Contains(int64_t{1}));
}

TEST(BoundTest, Exact) {
  const Bound b = MustParse("5");
  EXPECT_EQ(b.kind(), Bound::Kind::kExact);
  EXPECT_TRUE(b.Contains(int64_t{5}));
  EXPECT_FALSE(b.Contains(int64_t{4}));
  EXPECT_FALSE(b.Contains(int64_t{6}));
  EXPECT_EQ(b.Describe(), "5");
}

TEST(BoundTest, NegativeNumbers) {
  const Bound range = MustParse("-5--1");
  EXPECT_EQ(range.kind(), Bound::Kind::kRange);
  EXPECT_TRUE(range.Contains(int64_t{-5}));
  EXPECT_TRUE(range.Contains(int64_t{-1}));
  EXPECT_FALSE(range.Contains(int64_t{0}));
  EXPECT_FALSE(range.Contains(int64_t{-6}));

  const Bound mixed = MustParse("-10-10");
  EXPECT_TRUE(mixed.Contains(int64_t{-10}));
  EXPECT_TRUE(mixed.Contains(int64_t{10}));

  const Bound exact = MustParse("-3");
  EXPECT_EQ(exact.kind(), Bound::Kind::kExact);
  EXPECT_TRUE(exact.Contains(int64_t{-3}));

  EXPECT_TRUE(MustParse(">=-2").Contains(int64_t{-2}));
}

TEST(BoundTest, BlanksAreIgnored) {
  EXPECT_TRUE(MustParse(" <= 50 ").Contains(int64_t{50}));
  EXPECT_TRUE(MustParse("1 - 63").Contains(int64_t{63}));
}

TEST(BoundTest, FractionalBoundsOnDoubles) {
  const Bound b = MustParse("0.5-1.5");
  EXPECT_FALSE(b.IsIntegral());
  EXPECT_TRUE(b.Contains(0.5));
  EXPECT_TRUE(b.Contains(1.5));
  EXPECT_FALSE(b.Contains(1.5000001));
  EXPECT_TRUE(b.Contains(int64_t{1}));
  EXPECT_FALSE(b.Contains(int64_t{2}));
  EXPECT_EQ(b.Describe(), "between 0.5 and 1.5");
}

TEST(BoundTest, IntegerBoundsOnDoubles) {
  const Bound b = MustParse("0-100");
  EXPECT_TRUE(b.IsIntegral());
  EXPECT_TRUE(b.Contains(99.9));
  EXPECT_FALSE(b.Contains(100.1));
  EXPECT_FALSE(b.Contains(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(b.Contains(std::numeric_limits<double>::infinity()));
}

TEST(BoundTest, UnsignedValuesCompareExactly) {
  const Bound b = MustParse("<=9223372036854775807");
  EXPECT_TRUE(b.Contains(uint64_t{9223372036854775807u}));
  EXPECT_FALSE(b.Contains(uint64_t{9223372036854775808u}));
  EXPECT_FALSE(b.Contains(std::numeric_limits<uint64_t>::max()));
  EXPECT_TRUE(MustParse(">=0").Contains(std::numeric_limits<uint64_t>::max()));
}

TEST(BoundTest, LargeIntegersCompareExactly) {
  // 2^53 + 1 is not representable as a double; the comparison must not round.
  const Bound b = MustParse("<=9007199254740992");
  EXPECT_TRUE(b.Contains(int64_t{9007199254740992}));
  EXPECT_FALSE(b.Contains(int64_t{9007199254740993}));
}

TEST(BoundTest, BadSpecsAreErrorsNotCrashes) {
  for (const char* spec :
       {"",     "   ",    "<=", ">=",    "<",   ">",      "abc", "<=abc",
        "1-",   "-",      "--", "1-2-3", "5-1", "<=1x",   "inf", "<=nan",
        "0x10", "1..2-3", "=5", "<==5",  "1-a", ">=1e999"}) {
    absl::StatusOr<Bound> bound = Bound::Parse(spec);
    EXPECT_FALSE(bound.ok()) << "\"" << spec << "\" parsed";
    if (!bound.ok()) {
      EXPECT_EQ(bound.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_THAT(bound.status().message(),
                  HasSubstr(absl::StrCat("\"", spec, "\"")));
    }
  }
}

TEST(BoundTest, EmptyRangeSaysSo) {
  absl::StatusOr<Bound> bound = Bound::Parse("63-1");
  ASSERT_FALSE(bound.ok());
  EXPECT_THAT(bound.status().message(), HasSubstr("empty range"));
}

TEST(BoundTest, ContainsCountAgreesWithContains) {
  for (const char* spec :
       {"<=50", ">=1", "<5", ">0", "1-63", "5", "0-0", "<0", ">-5", "-3-2",
        "1.5-3.5", "<2.5", ">2.5", "<=9223372036854775807", ">=1000"}) {
    const Bound b = MustParse(spec);
    for (size_t n = 0; n < 1100; ++n) {
      EXPECT_EQ(b.ContainsCount(n), b.Contains(static_cast<int64_t>(n)))
          << spec << " " << n;
    }
  }
}

std::unique_ptr<Pattern> MustCompile(const std::string& text) {
  absl::StatusOr<std::unique_ptr<Pattern>> pattern = Pattern::Compile(text);
  EXPECT_TRUE(pattern.ok()) << text << ": " << pattern.status();
  return pattern.ok() ? *std::move(pattern) : nullptr;
}

TEST(PatternTest, KeepsItsText) {
  for (const char* text :
       {"[a-z]([-a-z0-9]{0,61}[a-z0-9])", "|[a-z]([-a-z0-9]{0,61}[a-z0-9])",
        "[a-z][-_0-9a-z]*", "[-_0-9a-z]*"}) {
    std::unique_ptr<Pattern> p = MustCompile(text);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->text(), text);
  }
}

TEST(PatternTest, MatchesTheWholeValue) {
  std::unique_ptr<Pattern> name = MustCompile("[a-z]([-a-z0-9]{0,61}[a-z0-9])");
  EXPECT_TRUE(name->FullMatch("ab"));
  EXPECT_TRUE(name->FullMatch("dev-desktop-1"));
  EXPECT_TRUE(name->FullMatch(std::string(63, 'a')));
  EXPECT_FALSE(name->FullMatch(std::string(64, 'a')));
  EXPECT_FALSE(name->FullMatch(""));
  EXPECT_FALSE(name->FullMatch("a"));
  EXPECT_FALSE(name->FullMatch("ab-"));
  EXPECT_FALSE(name->FullMatch("1ab"));
  EXPECT_FALSE(name->FullMatch("ab cd"));
  EXPECT_FALSE(name->FullMatch("Ab"));
  EXPECT_FALSE(name->FullMatch("a\xd0\xb6"));

  std::unique_ptr<Pattern> optional_name =
      MustCompile("|[a-z]([-a-z0-9]{0,61}[a-z0-9])");
  EXPECT_TRUE(optional_name->FullMatch(""));
  EXPECT_TRUE(optional_name->FullMatch("ab"));
  EXPECT_FALSE(optional_name->FullMatch("a"));
}

TEST(PatternTest, Re2SyntaxOnUtf8Input) {
  struct Case {
    const char* pattern;
    const char* matching;
    const char* other;
  };
  for (const Case& c : std::vector<Case>{
           {"^a$", "a", "b"},
           {"a.c",
            "a\xd0\xb6"
            "c",
            "ac"},
           {"[^a]", "\xd0\xb6", "a"},
           {"(?i)abc", "ABC", "abd"},
           {"\\pL+", "\xd0\xb6\xd0\xb6", "1"},
           {"\xd0\xb6+", "\xd0\xb6\xd0\xb6", "a"},
           {"a{,2}", "a{,2}", "aa"},
           {"[[:alpha:]]+", "abc", "1"},
           {"\\bx", "x", "ax"},
       }) {
    std::unique_ptr<Pattern> p = MustCompile(c.pattern);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->FullMatch(c.matching)) << c.pattern;
    EXPECT_FALSE(p->FullMatch(c.other)) << c.pattern;
  }
}

TEST(PatternTest, BadPatternsAreErrors) {
  for (const char* text :
       {"([a-z]", "[a-", "a{2,1}", "*a", "a{1001}", "(?P<"}) {
    absl::StatusOr<std::unique_ptr<Pattern>> p = Pattern::Compile(text);
    EXPECT_FALSE(p.ok()) << text;
    if (!p.ok()) {
      EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
}

TEST(FirstInvalidUtf8Test, AcceptsWellFormedText) {
  constexpr size_t kValid = absl::string_view::npos;
  EXPECT_EQ(FirstInvalidUtf8(""), kValid);
  EXPECT_EQ(FirstInvalidUtf8("dev-desktop-1"), kValid);
  EXPECT_EQ(FirstInvalidUtf8("\xd0\xbf\xd1\x80\xd0\xb8"), kValid);  // "при"
  EXPECT_EQ(FirstInvalidUtf8("\xe2\x82\xac"), kValid);              // U+20AC
  EXPECT_EQ(FirstInvalidUtf8("\xf0\x9f\x98\x80"), kValid);          // U+1F600
  EXPECT_EQ(FirstInvalidUtf8("\xef\xbf\xbf"), kValid);              // U+FFFF
  EXPECT_EQ(FirstInvalidUtf8("\xf4\x8f\xbf\xbf"), kValid);          // U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8(std::string("a\0b", 3)), kValid);
}

// RFC 3629's ill-formed sequences, each reported at the byte that starts it.
TEST(FirstInvalidUtf8Test, RejectsIllFormedSequences) {
  struct Case {
    std::string text;
    size_t offset;
  };
  for (const Case& c : std::vector<Case>{
           {"\xff", 0},              // never in UTF-8
           {"ab\x80", 2},            // lone continuation byte
           {"\xc0\xaf", 0},          // overlong "/"
           {"\xc1\xbf", 0},          // overlong
           {"\xe0\x80\xaf", 0},      // overlong, three bytes
           {"\xf0\x80\x80\xaf", 0},  // overlong, four bytes
           {"\xed\xa0\x80", 0},      // surrogate U+D800
           {"\xf4\x90\x80\x80", 0},  // above U+10FFFF
           {"\xf5\x80\x80\x80", 0},  // lead byte past F4
           {"x\xd0", 1},             // truncated at the end
           {"\xe2\x82", 0},          // truncated three-byte sequence
           {"\xe2\x28\xa1", 0},      // bad second byte
           {"\xf0\x9f\x98\x28", 0},  // bad fourth byte
           {"ok \xd0\xb6 \xfe", 6},  // after valid multibyte text
       }) {
    EXPECT_EQ(FirstInvalidUtf8(c.text), c.offset) << absl::CEscape(c.text);
  }
}

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("\xd0\xbf\xd1\x80\xd0\xb8"), 3u);  // "при"
  EXPECT_EQ(Utf8Length("\xe2\x82\xac"), 1u);              // euro sign
  EXPECT_EQ(Utf8Length("\xf0\x9f\x98\x80!"), 2u);         // emoji + '!'
}

}  // namespace
}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
