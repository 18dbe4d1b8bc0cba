// The bound mini-language: every form, its edges, and malformed specs.

#include "clouddesktop/internal/validation_rules.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
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

// The patterns of the public API all take the fast path.
TEST(PatternTest, ApiPatternsUseTheDfa) {
  for (const char* text :
       {"[a-z]([-a-z0-9]{0,61}[a-z0-9])", "|[a-z]([-a-z0-9]{0,61}[a-z0-9])",
        "[a-z][-_0-9a-z]*", "[-_0-9a-z]*"}) {
    std::unique_ptr<Pattern> p = MustCompile(text);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->has_dfa()) << text;
    EXPECT_TRUE(p->has_linear()) << text;
    EXPECT_EQ(p->text(), text);
  }
}

// Which patterns take the linear form: alternatives of character classes
// with at most one repeated class each.
TEST(PatternTest, LinearForms) {
  for (const char* text :
       {"[a-z]{2,3}", "\\d{3}-\\d{2}", "[\\w.]+", "a|", "|", "()", "a{0}b",
        "[a-c]{2,4}|[b-d]{3}", "a+?b", "(a|b)", "x(y)*"}) {
    EXPECT_TRUE(MustCompile(text)->has_linear()) << text;
  }
  for (const char* text : {"(ab|a)*b", "x?y+z*", "(?:ab){2}c", "(a*)*b",
                           "\\w+\\s\\w+", "a(b|c)", "a{2}b{0,}c{1,}"}) {
    std::unique_ptr<Pattern> p = MustCompile(text);
    EXPECT_FALSE(p->has_linear()) << text;
    EXPECT_TRUE(p->has_dfa()) << text;
  }
  // More than 8 distinct classes: the DFA.
  EXPECT_FALSE(MustCompile("abcdefghi")->has_linear());
  EXPECT_TRUE(MustCompile("abcdefgh")->has_linear());
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

TEST(PatternTest, OtherSyntaxFallsBackToRe2) {
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
    EXPECT_FALSE(p->has_dfa()) << c.pattern;
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

// The DFA and the linear forms must agree with RE2 on every input: random
// strings over the characters each pattern mentions, plus a few others and
// non-ASCII bytes.
TEST(PatternTest, DfaAndLinearFormsAgreeWithRe2) {
  const std::vector<std::string> patterns = {
      "[a-z]([-a-z0-9]{0,61}[a-z0-9])",
      "|[a-z]([-a-z0-9]{0,61}[a-z0-9])",
      "[a-z][-_0-9a-z]*",
      "[-_0-9a-z]*",
      "a{2,3}",
      "a{2}b{0,}c{1,}",
      "(ab|a)*b",
      "(a|b)*abb",
      "x?y+z*",
      "[]a]+",
      "[a-]+",
      "[-a]+",
      "\\d{3}-\\d{2}",
      "\\w+\\s\\w+",
      "[\\w.]+",
      "\\.\\*\\+",
      "(?:ab){2}c",
      "a|",
      "|",
      "()",
      "(a*)*b",
      "(a|)+b",
      "a+?b",
      "a{0}b",
      "((a|b)(c|d)){1,3}",
      "[a-c]{2,4}|[b-d]{3}",
      "\\t\\n",
      "a b",
      "}]",
      "abcdefgh",
      "[a-c]+x[b-d]",
      "x(y)*",
  };
  std::mt19937 rng(12345);
  for (const std::string& text : patterns) {
    std::unique_ptr<Pattern> p = MustCompile(text);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->has_dfa()) << text;
    std::string alphabet = "abcdxyz-_.09 \t\n]}*+";
    alphabet += "\xd0\xb6\x80\xff";
    alphabet += text;
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 12);
    for (int i = 0; i < 4000; ++i) {
      std::string input;
      const int n = i < 100 ? i % 70 : length(rng);
      for (int k = 0; k < n; ++k) input.push_back(alphabet[pick(rng)]);
      ASSERT_EQ(p->FullMatch(input), p->FullMatchWithRe2(input))
          << "pattern " << text << " input \"" << input << "\"";
      ASSERT_EQ(p->FullMatchWithDfa(input), p->FullMatchWithRe2(input))
          << "pattern " << text << " input \"" << input << "\"";
    }
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
