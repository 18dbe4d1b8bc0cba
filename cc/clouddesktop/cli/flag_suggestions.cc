#include "clouddesktop/cli/flag_suggestions.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace clouddesktop::cli {
namespace {

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string NearestFlag(absl::string_view flag,
                        const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(2, flag.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    size_t d = EditDistance(flag, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string SuggestFlags(const CLI::App& command,
                         const std::vector<std::string>& extras) {
  std::string unknown;
  for (const std::string& arg : extras) {
    if (absl::StartsWith(arg, "-") && arg != "-") {
      unknown = arg.substr(0, arg.find('='));
      break;
    }
  }
  if (unknown.empty()) return "";
  std::vector<std::string> candidates;
  for (const CLI::App* app = &command; app != nullptr;
       app = app->get_parent()) {
    for (const CLI::Option* option :
         app->get_options([](const CLI::Option*) { return true; })) {
      for (const std::string& name : option->get_lnames()) {
        candidates.push_back(absl::StrCat("--", name));
      }
    }
  }
  std::string nearest = NearestFlag(unknown, candidates);
  if (nearest.empty()) return absl::StrCat("unknown flag ", unknown);
  return absl::StrCat("unknown flag ", unknown, "; did you mean ", nearest,
                      "?");
}

}  // namespace clouddesktop::cli
