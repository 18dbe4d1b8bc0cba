#include "clouddesktop/internal/rest/path_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {
namespace {

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("path template \"", text, "\": ", why));
}

bool IsIdent(absl::string_view s) {
  if (s.empty() || !(absl::ascii_isalpha(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(absl::ascii_isalnum(c) || c == '_')) return false;
  }
  return true;
}

// Characters a literal segment may hold: no template syntax, no separators.
bool IsLiteral(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == '{' || c == '}' || c == '*' || c == '/' || c == '=' || c == ':' ||
        c == '?' || c == '#') {
      return false;
    }
  }
  return true;
}

bool IsUnreserved(char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string PercentEncode(absl::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(c);
    } else {
      auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    }
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  if (!absl::StartsWith(text, "/")) return Bad(text, "does not start with /");
  // The verb: a ':' outside braces after the last '/' outside braces.
  int depth = 0;
  size_t last_slash = 0;
  size_t verb_colon = absl::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{') {
      if (++depth > 1) return Bad(text, "nested '{'");
    } else if (c == '}') {
      if (--depth < 0) return Bad(text, "'}' without '{'");
    } else if (depth == 0 && c == '/') {
      last_slash = i;
      verb_colon = absl::string_view::npos;
    } else if (depth == 0 && c == ':' &&
               verb_colon == absl::string_view::npos) {
      verb_colon = i;
    }
  }
  if (depth != 0) return Bad(text, "'{' without '}'");
  (void)last_slash;
  PathTemplate t;
  t.text_ = std::string(text);
  absl::string_view body = text.substr(1);
  if (verb_colon != absl::string_view::npos) {
    t.verb_ = std::string(text.substr(verb_colon + 1));
    if (!IsLiteral(t.verb_)) return Bad(text, "bad verb after ':'");
    body = text.substr(1, verb_colon - 1);
  }
  // Split on '/' outside braces.
  std::vector<absl::string_view> tokens;
  size_t start = 0;
  depth = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i == body.size() || (depth == 0 && body[i] == '/')) {
      tokens.push_back(body.substr(start, i - start));
      start = i + 1;
    } else if (body[i] == '{') {
      ++depth;
    } else if (body[i] == '}') {
      --depth;
    }
  }
  auto add_plain = [&](absl::string_view token) -> absl::Status {
    Segment s;
    if (token == "*") {
      s.kind = Segment::kStar;
    } else if (token == "**") {
      s.kind = Segment::kDoubleStar;
    } else if (IsLiteral(token)) {
      s.literal = std::string(token);
    } else {
      return Bad(text, absl::StrCat("bad segment \"", token, "\""));
    }
    t.segments_.push_back(std::move(s));
    return absl::OkStatus();
  };
  for (absl::string_view token : tokens) {
    if (!absl::StartsWith(token, "{")) {
      if (absl::Status s = add_plain(token); !s.ok()) return s;
      continue;
    }
    if (!absl::EndsWith(token, "}")) {
      return Bad(text, absl::StrCat("bad segment \"", token, "\""));
    }
    absl::string_view inner = token.substr(1, token.size() - 2);
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(inner, absl::MaxSplits('=', 1));
    Variable v;
    v.field_path = std::string(parts.first);
    for (absl::string_view ident : absl::StrSplit(parts.first, '.')) {
      if (!IsIdent(ident)) {
        return Bad(text, absl::StrCat("bad field path \"", parts.first, "\""));
      }
    }
    v.first = t.segments_.size();
    if (inner.find('=') == absl::string_view::npos) {
      t.segments_.push_back(Segment{Segment::kStar, ""});
    } else {
      for (absl::string_view sub : absl::StrSplit(parts.second, '/')) {
        if (absl::Status s = add_plain(sub); !s.ok()) return s;
      }
    }
    v.end = t.segments_.size();
    t.variables_.push_back(std::move(v));
  }
  for (size_t i = 0; i < t.segments_.size(); ++i) {
    if (t.segments_[i].kind == Segment::kDoubleStar &&
        i + 1 != t.segments_.size()) {
      return Bad(text, "'**' must be the last segment");
    }
  }
  return t;
}

std::optional<PathTemplate::Bindings> PathTemplate::Match(
    absl::string_view path) const {
  if (!absl::StartsWith(path, "/")) return std::nullopt;
  path.remove_prefix(1);
  if (!verb_.empty()) {
    std::string suffix = absl::StrCat(":", verb_);
    if (!absl::EndsWith(path, suffix)) return std::nullopt;
    path.remove_suffix(suffix.size());
  }
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  // Where each template segment's match starts in `parts`.
  std::vector<size_t> begin(segments_.size() + 1, 0);
  size_t j = 0;
  for (size_t i = 0; i < segments_.size(); ++i) {
    begin[i] = j;
    const Segment& s = segments_[i];
    if (s.kind == Segment::kDoubleStar) {
      j = parts.size();
      continue;
    }
    if (j >= parts.size() || parts[j].empty()) return std::nullopt;
    if (s.kind == Segment::kLiteral && parts[j] != s.literal) {
      return std::nullopt;
    }
    // A verb belongs to the last segment only; a ':' elsewhere is data, but
    // a template without a verb must not swallow one ("/x/{id}" against
    // "/x/abc:cancel").
    if (verb_.empty() && j + 1 == parts.size() && s.kind != Segment::kLiteral &&
        parts[j].find(':') != absl::string_view::npos) {
      return std::nullopt;
    }
    ++j;
  }
  begin[segments_.size()] = j;
  if (j != parts.size()) return std::nullopt;
  Bindings out;
  for (const Variable& v : variables_) {
    std::vector<absl::string_view> value(parts.begin() + begin[v.first],
                                         parts.begin() + begin[v.end]);
    std::string joined = absl::StrJoin(value, "/");
    if (joined.empty()) return std::nullopt;
    out.emplace_back(v.field_path, std::move(joined));
  }
  return out;
}

absl::StatusOr<std::string> PathTemplate::Expand(
    const absl::flat_hash_map<std::string, std::string>& values) const {
  std::string out;
  size_t next_variable = 0;
  for (size_t i = 0; i < segments_.size();) {
    out.push_back('/');
    if (next_variable < variables_.size() &&
        variables_[next_variable].first == i) {
      const Variable& v = variables_[next_variable++];
      auto it = values.find(v.field_path);
      if (it == values.end() || it->second.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("field ", v.field_path,
                         " is required: it is part of "
                         "the URL path ",
                         text_));
      }
      bool one_segment =
          v.end - v.first == 1 && segments_[v.first].kind == Segment::kStar;
      absl::StrAppend(&out, PercentEncode(it->second, !one_segment));
      i = v.end;
      continue;
    }
    if (segments_[i].kind != Segment::kLiteral) {
      return absl::InvalidArgumentError(absl::StrCat(
          "path template ", text_, " has a wildcard outside a variable"));
    }
    absl::StrAppend(&out, segments_[i].literal);
    ++i;
  }
  if (!verb_.empty()) absl::StrAppend(&out, ":", verb_);
  return out;
}

std::vector<std::string> PathTemplate::FieldPaths() const {
  std::vector<std::string> out;
  for (const Variable& v : variables_) out.push_back(v.field_path);
  return out;
}

int PathTemplate::literal_count() const {
  int n = 0;
  for (const Segment& s : segments_) n += s.kind == Segment::kLiteral;
  return n + (verb_.empty() ? 0 : 1);
}

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
