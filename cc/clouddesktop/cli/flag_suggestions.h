// "Did you mean": the nearest flag to an unknown one, as yc suggests.

#ifndef CLOUDDESKTOP_CLI_FLAG_SUGGESTIONS_H_
#define CLOUDDESKTOP_CLI_FLAG_SUGGESTIONS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace clouddesktop::cli {

// The candidate closest to `flag` by edit distance (both with their
// dashes), if close enough to be a typo: at most 2 edits, or a third of
// the flag's length for long ones; ties go to the first candidate. Empty:
// none. Pure.
std::string NearestFlag(absl::string_view flag,
                        const std::vector<std::string>& candidates);

// For a parse that left `extras` over on `command` (CLI11's remaining
// arguments): "unknown flag --foldr-id; did you mean --folder-id?" for the
// first unknown flag, looking at the flags of `command` and of the groups
// above it; "unknown flag --x" when nothing is close; empty when no extra
// argument is a flag.
std::string SuggestFlags(const CLI::App& command,
                         const std::vector<std::string>& extras);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_FLAG_SUGGESTIONS_H_
