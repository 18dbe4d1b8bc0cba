#include "clouddesktop/emulator/internal/filter.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"

namespace clouddesktop::emulator::internal {
namespace {

enum class Kind { kWord, kString, kEq, kNe, kOpen, kClose, kComma, kEnd };

struct Token {
  Kind kind;
  std::string text;
  int position;  // 1-based
};

bool IsWordChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
}

absl::Status SyntaxError(int position, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("syntax error at position ", position, ": ", what));
}

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    int position = static_cast<int>(i) + 1;
    if (absl::ascii_isspace(c)) {
      ++i;
    } else if (c == '=') {
      tokens.push_back({Kind::kEq, "=", position});
      ++i;
    } else if (c == '!' && i + 1 < text.size() && text[i + 1] == '=') {
      tokens.push_back({Kind::kNe, "!=", position});
      i += 2;
    } else if (c == '(') {
      tokens.push_back({Kind::kOpen, "(", position});
      ++i;
    } else if (c == ')') {
      tokens.push_back({Kind::kClose, ")", position});
      ++i;
    } else if (c == ',') {
      tokens.push_back({Kind::kComma, ",", position});
      ++i;
    } else if (c == '"' || c == '\'') {
      std::string value;
      size_t j = i + 1;
      bool closed = false;
      while (j < text.size()) {
        if (text[j] == '\\' && j + 1 < text.size()) {
          value.push_back(text[j + 1]);
          j += 2;
        } else if (text[j] == c) {
          closed = true;
          ++j;
          break;
        } else {
          value.push_back(text[j++]);
        }
      }
      if (!closed) {
        return SyntaxError(position, "unterminated string");
      }
      tokens.push_back({Kind::kString, std::move(value), position});
      i = j;
    } else if (IsWordChar(c)) {
      size_t j = i;
      while (j < text.size() && IsWordChar(text[j])) ++j;
      tokens.push_back(
          {Kind::kWord, std::string(text.substr(i, j - i)), position});
      i = j;
    } else {
      return SyntaxError(position,
                         absl::StrCat("unexpected character '",
                                      absl::string_view(&text[i], 1), "'"));
    }
  }
  tokens.push_back({Kind::kEnd, "", static_cast<int>(text.size()) + 1});
  return tokens;
}

std::string Describe(const Token& token) {
  if (token.kind == Kind::kEnd) return "end of filter";
  if (token.kind == Kind::kString) return absl::StrCat("\"", token.text, "\"");
  return absl::StrCat("'", token.text, "'");
}

bool IsKeyword(const Token& token, absl::string_view keyword) {
  return token.kind == Kind::kWord &&
         absl::EqualsIgnoreCase(token.text, keyword);
}

}  // namespace

std::string FieldText(const google::protobuf::Message& message,
                      absl::string_view field) {
  const google::protobuf::FieldDescriptor* descriptor =
      message.GetDescriptor()->FindFieldByName(std::string(field));
  if (descriptor == nullptr || descriptor->is_repeated()) return "";
  const google::protobuf::Reflection* reflection = message.GetReflection();
  switch (descriptor->cpp_type()) {
    case google::protobuf::FieldDescriptor::CPPTYPE_STRING:
      return reflection->GetString(message, descriptor);
    case google::protobuf::FieldDescriptor::CPPTYPE_ENUM:
      return reflection->GetEnum(message, descriptor)->name();
    case google::protobuf::FieldDescriptor::CPPTYPE_BOOL:
      return reflection->GetBool(message, descriptor) ? "true" : "false";
    default:
      return "";
  }
}

absl::StatusOr<Filter> Filter::Parse(absl::string_view text,
                                     absl::Span<const std::string> fields) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  Filter filter;
  size_t i = 0;
  auto peek = [&]() -> const Token& { return (*tokens)[i]; };
  auto expect_value = [&](std::vector<std::string>* values) -> absl::Status {
    const Token& token = peek();
    if (token.kind != Kind::kString && token.kind != Kind::kWord) {
      return SyntaxError(
          token.position,
          absl::StrCat("expected a value, found ", Describe(token)));
    }
    values->push_back(token.text);
    ++i;
    return absl::OkStatus();
  };
  if (peek().kind == Kind::kEnd) return filter;
  while (true) {
    const Token& field = peek();
    if (field.kind != Kind::kWord) {
      return SyntaxError(
          field.position,
          absl::StrCat("expected a field name, found ", Describe(field)));
    }
    bool known = false;
    for (const std::string& f : fields) known = known || f == field.text;
    if (!known) {
      return SyntaxError(field.position,
                         absl::StrCat("filtering on '", field.text,
                                      "' is not supported (filterable: ",
                                      absl::StrJoin(fields, ", "), ")"));
    }
    Term term;
    term.field = field.text;
    ++i;
    const Token& op = peek();
    if (op.kind == Kind::kEq || op.kind == Kind::kNe) {
      term.negate = op.kind == Kind::kNe;
      ++i;
      if (absl::Status s = expect_value(&term.values); !s.ok()) return s;
    } else if (IsKeyword(op, "IN") || IsKeyword(op, "NOT")) {
      if (IsKeyword(op, "NOT")) {
        term.negate = true;
        ++i;
        if (!IsKeyword(peek(), "IN")) {
          return SyntaxError(
              peek().position,
              absl::StrCat("expected IN after NOT, found ", Describe(peek())));
        }
      }
      ++i;
      if (peek().kind != Kind::kOpen) {
        return SyntaxError(peek().position, absl::StrCat("expected '(', found ",
                                                         Describe(peek())));
      }
      ++i;
      while (true) {
        if (absl::Status s = expect_value(&term.values); !s.ok()) return s;
        if (peek().kind == Kind::kComma) {
          ++i;
          continue;
        }
        if (peek().kind == Kind::kClose) {
          ++i;
          break;
        }
        return SyntaxError(
            peek().position,
            absl::StrCat("expected ',' or ')', found ", Describe(peek())));
      }
    } else {
      return SyntaxError(
          op.position,
          absl::StrCat("expected =, !=, IN or NOT IN, found ", Describe(op)));
    }
    filter.terms_.push_back(std::move(term));
    if (peek().kind == Kind::kEnd) break;
    if (IsKeyword(peek(), "AND") || IsKeyword(peek(), "OR")) {
      return SyntaxError(
          peek().position,
          absl::StrCat(absl::AsciiStrToUpper(peek().text),
                       " is not supported: the filter is one condition "
                       "(field, operator, value or list)"));
    }
    return SyntaxError(
        peek().position,
        absl::StrCat("expected end of filter, found ", Describe(peek())));
  }
  return filter;
}

bool Filter::Matches(const google::protobuf::Message& message) const {
  for (const Term& term : terms_) {
    const google::protobuf::FieldDescriptor* descriptor =
        message.GetDescriptor()->FindFieldByName(term.field);
    bool is_enum = descriptor != nullptr &&
                   descriptor->cpp_type() ==
                       google::protobuf::FieldDescriptor::CPPTYPE_ENUM;
    std::string actual = FieldText(message, term.field);
    bool found = false;
    for (const std::string& value : term.values) {
      if (is_enum ? absl::EqualsIgnoreCase(actual, value) : actual == value) {
        found = true;
        break;
      }
    }
    if (found == term.negate) return false;
  }
  return true;
}

}  // namespace clouddesktop::emulator::internal
