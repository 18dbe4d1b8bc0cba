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

// --- Pattern: the ASCII subset compiled to a DFA ---------------------------

using ByteSet = std::bitset<256>;

// Syntax tree of a pattern in the subset.
struct Node {
  enum class Kind { kEmpty, kSet, kConcat, kAlt, kRepeat };
  Kind kind = Kind::kEmpty;
  ByteSet set;             // kSet
  std::vector<Node> kids;  // kConcat, kAlt, kRepeat (one kid)
  int min = 0, max = 0;    // kRepeat; max < 0 means unbounded
};

// Parses the subset described at Pattern; returns nullopt for anything else,
// which then goes to RE2. Runs only on patterns RE2 has accepted.
class SubsetParser {
 public:
  explicit SubsetParser(absl::string_view text) : text_(text) {}

  std::optional<Node> Parse() {
    std::optional<Node> node = ParseAlt(0);
    if (!node || pos_ != text_.size()) return std::nullopt;
    return node;
  }

 private:
  static constexpr int kMaxDepth = 32;
  static constexpr int kMaxCount = 1000;  // RE2's own limit

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  std::optional<Node> ParseAlt(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    Node alt;
    alt.kind = Node::Kind::kAlt;
    while (true) {
      std::optional<Node> branch = ParseConcat(depth);
      if (!branch) return std::nullopt;
      alt.kids.push_back(*std::move(branch));
      if (AtEnd() || Peek() != '|') break;
      ++pos_;
    }
    if (alt.kids.size() == 1) return std::move(alt.kids[0]);
    return alt;
  }

  std::optional<Node> ParseConcat(int depth) {
    Node concat;
    concat.kind = Node::Kind::kConcat;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      std::optional<Node> atom = ParseAtom(depth);
      if (!atom) return std::nullopt;
      while (!AtEnd()) {
        int min = 0, max = 0;
        const char c = Peek();
        if (c == '*') {
          max = -1;
          ++pos_;
        } else if (c == '+') {
          min = 1;
          max = -1;
          ++pos_;
        } else if (c == '?') {
          max = 1;
          ++pos_;
        } else if (c == '{') {
          if (!ParseCount(&min, &max)) return std::nullopt;
        } else {
          break;
        }
        // Laziness changes which match is found, not whether there is one.
        if (!AtEnd() && Peek() == '?') ++pos_;
        Node repeat;
        repeat.kind = Node::Kind::kRepeat;
        repeat.min = min;
        repeat.max = max;
        repeat.kids.push_back(*std::move(atom));
        atom = std::move(repeat);
      }
      concat.kids.push_back(*std::move(atom));
    }
    if (concat.kids.empty()) return Node();
    if (concat.kids.size() == 1) return std::move(concat.kids[0]);
    return concat;
  }

  // "{n}", "{n,}" or "{n,m}" at pos_.
  bool ParseCount(int* min, int* max) {
    size_t p = pos_ + 1;
    auto number = [&](int* out) {
      const size_t begin = p;
      int value = 0;
      while (p < text_.size() &&
             absl::ascii_isdigit(static_cast<unsigned char>(text_[p]))) {
        value = value * 10 + (text_[p] - '0');
        if (value > kMaxCount) return false;
        ++p;
      }
      *out = value;
      return p > begin;
    };
    if (!number(min)) return false;
    *max = *min;
    if (p < text_.size() && text_[p] == ',') {
      ++p;
      if (p < text_.size() && text_[p] == '}') {
        *max = -1;
      } else if (!number(max) || *max < *min) {
        return false;
      }
    }
    if (p >= text_.size() || text_[p] != '}') return false;
    pos_ = p + 1;
    return true;
  }

  std::optional<Node> ParseAtom(int depth) {
    const char c = Peek();
    Node node;
    node.kind = Node::Kind::kSet;
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    switch (c) {
      case '(': {
        ++pos_;
        if (!AtEnd() && Peek() == '?') {
          if (text_.substr(pos_, 2) != "?:") return std::nullopt;
          pos_ += 2;
        }
        std::optional<Node> inner = ParseAlt(depth + 1);
        if (!inner || AtEnd() || Peek() != ')') return std::nullopt;
        ++pos_;
        return inner;
      }
      case '[':
        if (!ParseClass(&node.set)) return std::nullopt;
        return node;
      case '\\': {
        ++pos_;
        int single = -1;
        if (!ParseEscape(&single, &node.set)) return std::nullopt;
        if (single >= 0) node.set.set(single);
        return node;
      }
      case '.':
      case '^':
      case '$':
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '|':
        return std::nullopt;
      default:
        ++pos_;
        node.set.set(static_cast<unsigned char>(c));
        return node;
    }
  }

  // After a backslash: a single character (`*single`) or a class (`*set`).
  bool ParseEscape(int* single, ByteSet* set) {
    if (AtEnd()) return false;
    const char e = text_[pos_++];
    switch (e) {
      case 'd':
        for (char c = '0'; c <= '9'; ++c) set->set(c);
        return true;
      case 'w':
        for (char c = '0'; c <= '9'; ++c) set->set(c);
        for (char c = 'a'; c <= 'z'; ++c) set->set(c);
        for (char c = 'A'; c <= 'Z'; ++c) set->set(c);
        set->set('_');
        return true;
      case 's':  // RE2's \s: [\t\n\f\r ]
        for (char c : {'\t', '\n', '\f', '\r', ' '}) set->set(c);
        return true;
      case 'n':
        *single = '\n';
        return true;
      case 't':
        *single = '\t';
        return true;
      case 'r':
        *single = '\r';
        return true;
      case 'f':
        *single = '\f';
        return true;
      case 'v':
        *single = '\v';
        return true;
      default:
        if (static_cast<unsigned char>(e) < 0x80 &&
            absl::ascii_ispunct(static_cast<unsigned char>(e))) {
          *single = static_cast<unsigned char>(e);
          return true;
        }
        return false;
    }
  }

  // "[...]" at pos_, not negated.
  bool ParseClass(ByteSet* set) {
    ++pos_;
    if (AtEnd() || Peek() == '^') return false;
    for (bool first = true;; first = false) {
      if (AtEnd()) return false;
      const char c = Peek();
      if (c == ']' && !first) {
        ++pos_;
        return true;
      }
      if (c == '[' && pos_ + 1 < text_.size() && text_[pos_ + 1] == ':') {
        return false;  // [:alpha:]
      }
      int lo = -1;
      ByteSet escaped;
      if (!ParseClassItem(&lo, &escaped)) return false;
      const bool range = !AtEnd() && Peek() == '-' && pos_ + 1 < text_.size() &&
                         text_[pos_ + 1] != ']';
      if (lo < 0) {  // \d, \w, \s
        if (range) return false;
        *set |= escaped;
        continue;
      }
      int hi = lo;
      if (range) {
        ++pos_;
        ByteSet unused;
        if (!ParseClassItem(&hi, &unused) || hi < lo) return false;
      }
      for (int b = lo; b <= hi; ++b) set->set(b);
    }
  }

  bool ParseClassItem(int* single, ByteSet* set) {
    const char c = Peek();
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    ++pos_;
    if (c != '\\') {
      *single = static_cast<unsigned char>(c);
      return true;
    }
    return ParseEscape(single, set);
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

// Thompson NFA of a syntax tree.
struct NfaState {
  enum class Kind { kByte, kSplit, kMatch };
  Kind kind = Kind::kMatch;
  int set = -1;             // kByte: index into sets
  int out = -1, out1 = -1;  // kByte: out; kSplit: both
};

class NfaBuilder {
 public:
  static constexpr size_t kMaxStates = 4096;

  // Returns the start state of `node` followed by state `next`.
  int Build(const Node& node, int next) {
    if (overflow_) return next;
    switch (node.kind) {
      case Node::Kind::kEmpty:
        return next;
      case Node::Kind::kSet:
        return Add(NfaState{NfaState::Kind::kByte, Intern(node.set), next});
      case Node::Kind::kConcat:
        for (auto it = node.kids.rbegin(); it != node.kids.rend(); ++it) {
          next = Build(*it, next);
        }
        return next;
      case Node::Kind::kAlt: {
        int start = Build(node.kids.back(), next);
        for (int i = static_cast<int>(node.kids.size()) - 2; i >= 0; --i) {
          const int branch = Build(node.kids[i], next);
          start = Add(NfaState{NfaState::Kind::kSplit, -1, branch, start});
        }
        return start;
      }
      case Node::Kind::kRepeat: {
        const Node& kid = node.kids[0];
        int tail = next;
        if (node.max < 0) {
          const int loop = Add(NfaState{NfaState::Kind::kSplit, -1, -1, next});
          const int body = Build(kid, loop);
          if (!overflow_) states_[loop].out = body;
          tail = loop;
        } else {
          for (int i = 0; i < node.max - node.min; ++i) {
            const int body = Build(kid, tail);
            tail = Add(NfaState{NfaState::Kind::kSplit, -1, body, next});
          }
        }
        for (int i = 0; i < node.min; ++i) tail = Build(kid, tail);
        return tail;
      }
    }
    return next;
  }

  int Add(NfaState state) {
    if (states_.size() >= kMaxStates) {
      overflow_ = true;
      return 0;
    }
    states_.push_back(state);
    return static_cast<int>(states_.size()) - 1;
  }

  bool overflow() const { return overflow_; }
  const std::vector<NfaState>& states() const { return states_; }
  const std::vector<ByteSet>& sets() const { return sets_; }

 private:
  int Intern(const ByteSet& set) {
    for (size_t i = 0; i < sets_.size(); ++i) {
      if (sets_[i] == set) return static_cast<int>(i);
    }
    sets_.push_back(set);
    return static_cast<int>(sets_.size()) - 1;
  }

  std::vector<NfaState> states_;
  std::vector<ByteSet> sets_;
  bool overflow_ = false;
};

struct Dfa {
  std::array<uint8_t, 256> byte_class{};
  uint32_t num_classes = 0;
  uint32_t start = 0;
  std::vector<uint32_t> next;
  std::vector<bool> accepting;
};

// Subset construction; nullopt if the automaton would be large.
std::optional<Dfa> CompileDfa(const Node& tree) {
  constexpr size_t kMaxDfaStates = 1024;
  NfaBuilder nfa;
  const int match = nfa.Add(NfaState{});
  const int nfa_start = nfa.Build(tree, match);
  if (nfa.overflow()) return std::nullopt;
  const std::vector<NfaState>& states = nfa.states();
  const std::vector<ByteSet>& sets = nfa.sets();

  Dfa dfa;
  // Bytes that every set treats alike share a class.
  std::map<std::vector<bool>, uint8_t> classes;
  std::vector<int> representative;
  for (int b = 0; b < 256; ++b) {
    std::vector<bool> signature(sets.size());
    for (size_t i = 0; i < sets.size(); ++i) signature[i] = sets[i][b];
    auto [it, inserted] =
        classes.emplace(signature, static_cast<uint8_t>(classes.size()));
    if (inserted) representative.push_back(b);
    dfa.byte_class[b] = it->second;
  }
  dfa.num_classes = static_cast<uint32_t>(classes.size());

  // A DFA state is the sorted set of byte and match states reachable
  // through splits.
  auto closure = [&](const std::vector<int>& seeds) {
    std::vector<int> result;
    std::vector<bool> seen(states.size());
    std::vector<int> stack(seeds);
    while (!stack.empty()) {
      const int s = stack.back();
      stack.pop_back();
      if (s < 0 || seen[s]) continue;
      seen[s] = true;
      if (states[s].kind == NfaState::Kind::kSplit) {
        stack.push_back(states[s].out);
        stack.push_back(states[s].out1);
      } else {
        result.push_back(s);
      }
    }
    std::sort(result.begin(), result.end());
    return result;
  };

  std::map<std::vector<int>, uint32_t> ids;
  std::vector<std::vector<int>> dfa_states;
  auto intern = [&](std::vector<int> set) -> std::optional<uint32_t> {
    auto it = ids.find(set);
    if (it != ids.end()) return it->second;
    if (dfa_states.size() >= kMaxDfaStates) return std::nullopt;
    const uint32_t id = static_cast<uint32_t>(dfa_states.size());
    ids.emplace(set, id);
    dfa_states.push_back(std::move(set));
    return id;
  };
  intern({});  // Pattern::kDead
  const std::optional<uint32_t> start = intern(closure({nfa_start}));
  dfa.start = *start * dfa.num_classes;
  for (size_t id = 0; id < dfa_states.size(); ++id) {
    dfa.next.resize((id + 1) * dfa.num_classes);
    for (uint32_t c = 0; c < dfa.num_classes; ++c) {
      std::vector<int> targets;
      for (int s : dfa_states[id]) {
        if (states[s].kind == NfaState::Kind::kByte &&
            sets[states[s].set][representative[c]]) {
          targets.push_back(states[s].out);
        }
      }
      const std::optional<uint32_t> target = intern(closure(targets));
      if (!target) return std::nullopt;
      dfa.next[id * dfa.num_classes + c] = *target * dfa.num_classes;
    }
  }
  dfa.accepting.resize(dfa_states.size());
  for (size_t id = 0; id < dfa_states.size(); ++id) {
    for (int s : dfa_states[id]) {
      if (states[s].kind == NfaState::Kind::kMatch) dfa.accepting[id] = true;
    }
  }
  return dfa;
}

// --- Pattern: linear forms ------------------------------------------------

// One repeated character class of a sequence.
struct Item {
  ByteSet set;
  int min = 1, max = 1;  // max < 0: unbounded
};

// Appends the items of `node` to `items`; false unless `node` is a sequence
// of character classes, each repeated or not.
bool Flatten(const Node& node, std::vector<Item>* items) {
  switch (node.kind) {
    case Node::Kind::kEmpty:
      return true;
    case Node::Kind::kSet:
      items->push_back(Item{node.set});
      return true;
    case Node::Kind::kConcat:
      for (const Node& kid : node.kids) {
        if (!Flatten(kid, items)) return false;
      }
      return true;
    case Node::Kind::kRepeat:
      if (node.kids[0].kind != Node::Kind::kSet) return false;
      items->push_back(Item{node.kids[0].set, node.min, node.max});
      return true;
    case Node::Kind::kAlt:
      return false;
  }
  return false;
}

// The linear forms of `tree` (one per alternative), or nullopt if some
// alternative has more than one variable-length item, too many positions or
// too many distinct classes.
std::optional<std::vector<LinearForm>> CompileLinear(
    const Node& tree, std::array<uint8_t, 256>* member) {
  constexpr size_t kMaxPositions = 64;
  std::vector<ByteSet> sets;  // bit i of member[b]: b is in sets[i]
  auto bit_of = [&](const ByteSet& set) -> std::optional<uint8_t> {
    for (size_t i = 0; i < sets.size(); ++i) {
      if (sets[i] == set) return static_cast<uint8_t>(1u << i);
    }
    if (sets.size() == 8) return std::nullopt;
    sets.push_back(set);
    return static_cast<uint8_t>(1u << (sets.size() - 1));
  };
  const std::vector<Node> single = {tree};
  const std::vector<Node>& branches =
      tree.kind == Node::Kind::kAlt ? tree.kids : single;
  std::vector<LinearForm> forms;
  for (const Node& branch : branches) {
    std::vector<Item> items;
    if (!Flatten(branch, &items)) return std::nullopt;
    LinearForm form;
    bool seen_variable = false;
    for (const Item& item : items) {
      const std::optional<uint8_t> bit = bit_of(item.set);
      if (!bit) return std::nullopt;
      if (item.min != item.max) {
        if (seen_variable) return std::nullopt;
        seen_variable = true;
        form.middle = *bit;
        form.min_middle = static_cast<size_t>(item.min);
        form.max_middle = item.max < 0 ? std::numeric_limits<size_t>::max()
                                       : static_cast<size_t>(item.max);
        continue;
      }
      std::vector<uint8_t>& side = seen_variable ? form.tail : form.head;
      for (int k = 0; k < item.min; ++k) side.push_back(*bit);
      if (form.head.size() + form.tail.size() > kMaxPositions) {
        return std::nullopt;
      }
    }
    forms.push_back(std::move(form));
  }
  member->fill(0);
  for (int b = 0; b < 256; ++b) {
    for (size_t i = 0; i < sets.size(); ++i) {
      if (sets[i][b]) (*member)[b] |= static_cast<uint8_t>(1u << i);
    }
  }
  return forms;
}

}  // namespace

bool Pattern::MatchLinear(const LinearForm& form, absl::string_view s) const {
  const size_t n = s.size();
  const size_t fixed = form.head.size() + form.tail.size();
  if (n < fixed + form.min_middle || n - fixed > form.max_middle) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < form.head.size(); ++i) {
    if ((member_[p[i]] & form.head[i]) == 0) return false;
  }
  const size_t tail_start = n - form.tail.size();
  for (size_t i = 0; i < form.tail.size(); ++i) {
    if ((member_[p[tail_start + i]] & form.tail[i]) == 0) return false;
  }
  // No early exit: the characters are tested independently of each other.
  uint8_t all = 0xFF;
  for (size_t i = form.head.size(); i < tail_start; ++i) all &= member_[p[i]];
  return (all & form.middle) == form.middle;
}

absl::StatusOr<std::unique_ptr<Pattern>> Pattern::Compile(
    absl::string_view text) {
  RE2::Options options;
  // A bad expression becomes a status, not a line on stderr.
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(re2::StringPiece(text.data(), text.size()),
                                  options);
  if (!re->ok()) return absl::InvalidArgumentError(re->error());
  std::unique_ptr<Pattern> pattern(new Pattern);
  pattern->re2_ = std::move(re);
  const std::optional<Node> tree = SubsetParser(text).Parse();
  if (!tree) return pattern;
  if (std::optional<std::vector<LinearForm>> linear =
          CompileLinear(*tree, &pattern->member_)) {
    pattern->linear_ = *std::move(linear);
  }
  if (std::optional<Dfa> dfa = CompileDfa(*tree)) {
    pattern->byte_class_ = dfa->byte_class;
    pattern->num_classes_ = dfa->num_classes;
    pattern->start_ = dfa->start;
    pattern->next_ = std::move(dfa->next);
    pattern->accepting_ = std::move(dfa->accepting);
  }
  return pattern;
}

namespace {}  // namespace

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
