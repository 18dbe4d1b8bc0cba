#include "clouddesktop/cli/yc_config.h"

#include <sys/stat.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clouddesktop/cli/bounded_read.h"
#include "nlohmann/json.hpp"

namespace clouddesktop::cli {
namespace {

// Config files are a few KiB (a key is ~3 KiB); this bounds a mistake.
constexpr size_t kMaxConfigBytes = 1 << 20;

// One node of the subset: a scalar, or a mapping in file order. `line` is
// where it starts (1-based), for errors.
struct Node {
  bool is_map = false;
  bool is_sequence = false;  // skipped: nothing read here is a list
  std::string scalar;
  std::vector<std::pair<std::string, Node>> entries;
  int line = 0;

  const Node* Find(absl::string_view key) const {
    for (const auto& [k, v] : entries) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

struct Line {
  int number;  // 1-based
  int indent;
  std::string text;  // without the indent; comment lines are dropped
};

class Parser {
 public:
  Parser(std::string path, std::vector<Line> lines)
      : path_(std::move(path)), lines_(std::move(lines)) {}

  absl::StatusOr<Node> Document() {
    Node root;
    root.is_map = true;
    if (lines_.empty()) return root;
    absl::Status s = Mapping(lines_[0].indent, root);
    if (!s.ok()) return s;
    if (i_ < lines_.size()) return Error(lines_[i_], "unexpected indentation");
    return root;
  }

 private:
  absl::Status Error(const Line& line, absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat(path_, " line ", line.number, ": ", what,
                     " (only the YAML that yc config writes is read)"));
  }

  // Keys at exactly `indent` into `map`, until a line indented less.
  absl::Status Mapping(int indent, Node& map) {
    while (i_ < lines_.size() && lines_[i_].indent >= indent) {
      const Line& line = lines_[i_];
      if (line.indent > indent) return Error(line, "unexpected indentation");
      if (absl::StartsWith(line.text, "- ") || line.text == "-") {
        return Error(line, "a list where a key was expected");
      }
      size_t colon = KeyEnd(line.text);
      if (colon == std::string::npos) {
        return Error(line, "expected `key: value`");
      }
      std::string key = Unquote(line.text.substr(0, colon));
      std::string rest =
          std::string(absl::StripAsciiWhitespace(line.text.substr(colon + 1)));
      Node value;
      value.line = line.number;
      ++i_;
      if (rest.empty()) {
        if (i_ < lines_.size() && lines_[i_].indent > indent) {
          if (absl::StartsWith(lines_[i_].text, "-")) {
            SkipDeeperThan(indent);
            value.is_sequence = true;
          } else {
            value.is_map = true;
            absl::Status s = Mapping(lines_[i_].indent, value);
            if (!s.ok()) return s;
          }
        } else if (i_ < lines_.size() && lines_[i_].indent == indent &&
                   absl::StartsWith(lines_[i_].text, "- ")) {
          // `key:` with the list's dashes at the key's own indent.
          while (i_ < lines_.size() && lines_[i_].indent >= indent &&
                 (lines_[i_].indent > indent ||
                  absl::StartsWith(lines_[i_].text, "- "))) {
            ++i_;
          }
          value.is_sequence = true;
        }
      } else if (rest[0] == '|') {
        if (rest != "|" && rest != "|-" && rest != "|+") {
          return Error(line, absl::StrCat("block scalar header of ", key));
        }
        value.scalar = Block(indent, rest);
      } else if (rest[0] == '>' || rest[0] == '&' || rest[0] == '*' ||
                 rest[0] == '!') {
        return Error(line,
                     absl::StrCat("unsupported YAML in the value of ", key));
      } else if (rest[0] == '{' || rest[0] == '[') {
        if (rest == "{}") {
          value.is_map = true;
        } else if (rest == "[]") {
          value.is_sequence = true;
        } else {
          return Error(line,
                       absl::StrCat("flow collection in the value of ", key));
        }
      } else {
        absl::StatusOr<std::string> scalar = Scalar(rest);
        if (!scalar.ok()) {
          return Error(line, absl::StrCat("the value of ", key, ": ",
                                          scalar.status().message()));
        }
        value.scalar = *std::move(scalar);
      }
      map.entries.emplace_back(std::move(key), std::move(value));
    }
    return absl::OkStatus();
  }

  void SkipDeeperThan(int indent) {
    while (i_ < lines_.size() && lines_[i_].indent > indent) ++i_;
  }

  // The lines of a `|` block scalar under a key at `indent`.
  std::string Block(int indent, absl::string_view header) {
    std::string text;
    int block_indent = -1;
    while (i_ < lines_.size() && lines_[i_].indent > indent) {
      const Line& line = lines_[i_];
      if (block_indent < 0) block_indent = line.indent;
      absl::StrAppend(&text, std::string(line.indent - block_indent, ' '),
                      line.text, "\n");
      ++i_;
    }
    if (header == "|-") {
      while (!text.empty() && text.back() == '\n') text.pop_back();
    }
    return text;
  }

  // Where a key's `:` is: outside quotes, followed by a space or the end.
  static size_t KeyEnd(absl::string_view text) {
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if ((c == '"' || c == '\'') && i == 0) {
        quote = c;
      } else if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) {
        return i;
      }
    }
    return std::string::npos;
  }

  static std::string Unquote(absl::string_view key) {
    key = absl::StripAsciiWhitespace(key);
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
        key.back() == key.front()) {
      return std::string(key.substr(1, key.size() - 2));
    }
    return std::string(key);
  }

  // A plain, 'single' or "double" quoted scalar.
  static absl::StatusOr<std::string> Scalar(absl::string_view text) {
    if (text[0] == '\'') {
      std::string out;
      for (size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') {
            out += '\'';
            ++i;
            continue;
          }
          return out;  // anything after is a comment
        }
        out += text[i];
      }
      return absl::InvalidArgumentError("unterminated quote");
    }
    if (text[0] == '"') {
      std::string out;
      for (size_t i = 1; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') return out;
        if (c != '\\') {
          out += c;
          continue;
        }
        if (++i == text.size()) break;
        switch (text[i]) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          default:
            return absl::InvalidArgumentError("unsupported escape");
        }
      }
      return absl::InvalidArgumentError("unterminated quote");
    }
    // Plain: up to a comment.
    size_t comment = text.find(" #");
    return std::string(
        absl::StripTrailingAsciiWhitespace(text.substr(0, comment)));
  }

  std::string path_;
  std::vector<Line> lines_;
  size_t i_ = 0;
};

std::vector<Line> SplitLines(absl::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    absl::ConsumeSuffix(&raw, "\r");
    size_t indent = raw.find_first_not_of(' ');
    if (indent == absl::string_view::npos) continue;  // blank
    absl::string_view rest = raw.substr(indent);
    if (absl::StartsWith(rest, "#") || rest == "---") continue;
    lines.push_back({number, static_cast<int>(indent), std::string(rest)});
  }
  return lines;
}

// A profile's key that must be a scalar.
absl::StatusOr<std::string> ScalarKey(const Node& profile,
                                      absl::string_view key,
                                      const std::string& where) {
  const Node* node = profile.Find(key);
  if (node == nullptr) return std::string();
  if (node->is_map || node->is_sequence) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, " line ", node->line, ": ", key, " is not a single value"));
  }
  return node->scalar;
}

}  // namespace

std::string DefaultYcConfigPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return absl::StrCat(home, "/.config/yandex-cloud/config.yaml");
}

absl::StatusOr<std::optional<YcProfile>> LoadYcProfile(
    const std::string& path, const std::string& name) {
  struct stat st;
  if (path.empty() || stat(path.c_str(), &st) != 0) {
    if (name.empty()) return std::nullopt;
    return absl::InvalidArgumentError(absl::StrCat(
        "--profile ", name, ": no yc configuration file at ",
        path.empty() ? "$HOME/.config/yandex-cloud/config.yaml ($HOME unset)"
                     : path));
  }
  absl::StatusOr<std::string> text =
      ReadBoundedFile("yc configuration", path, kMaxConfigBytes);
  if (!text.ok()) return text.status();
  absl::StatusOr<Node> root = Parser(path, SplitLines(*text)).Document();
  if (!root.ok()) return root.status();

  std::string profile_name = name;
  if (profile_name.empty()) {
    const Node* current = root->Find("current");
    if (current == nullptr || current->scalar.empty()) return std::nullopt;
    profile_name = current->scalar;
  }
  const Node* profiles = root->Find("profiles");
  const Node* profile =
      profiles == nullptr ? nullptr : profiles->Find(profile_name);
  if (profile == nullptr || !profile->is_map) {
    std::vector<std::string> names;
    if (profiles != nullptr) {
      for (const auto& [k, v] : profiles->entries) names.push_back(k);
    }
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": no profile \"", profile_name, "\"",
        name.empty() ? " (the file's current profile)" : "",
        names.empty()
            ? ""
            : absl::StrCat("; profiles: ", absl::StrJoin(names, ", "))));
  }

  std::string where = absl::StrCat(path, " (profile ", profile_name, ")");
  YcProfile out;
  out.config_path = path;
  out.name = profile_name;
  for (auto [key, field] : std::initializer_list<
           std::pair<absl::string_view, std::string YcProfile::*>>{
           {"folder-id", &YcProfile::folder_id},
           {"cloud-id", &YcProfile::cloud_id},
           {"endpoint", &YcProfile::endpoint},
           {"token", &YcProfile::token}}) {
    absl::StatusOr<std::string> value = ScalarKey(*profile, key, where);
    if (!value.ok()) return value.status();
    out.*field = *std::move(value);
  }
  if (const Node* key = profile->Find("service-account-key")) {
    if (!key->is_map) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, " line ", key->line,
                       ": service-account-key is not a mapping of the key's "
                       "fields (id, service_account_id, private_key, ...)"));
    }
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [k, v] : key->entries) {
      if (v.is_map || v.is_sequence) continue;
      json[k] = v.scalar;
    }
    out.service_account_key_json = json.dump();
  }
  out.federated = profile->Find("federation-id") != nullptr;
  absl::StatusOr<std::string> instance =
      ScalarKey(*profile, "instance-service-account", where);
  if (!instance.ok()) return instance.status();
  out.instance_service_account = absl::AsciiStrToLower(*instance) == "true";
  return out;
}

}  // namespace clouddesktop::cli
