// Fuzz target: the CLI's flag-to-request mapping (cli/request_flags.h), the
// part of `clouddesktop` that turns what a user typed into a request.
// Input: text lines. The first is the command (`desktops create`; if it
// names none, its first byte picks one); each further line is one flag as
// typed, `--name=value` or `--name` alone; values of the flags CLI11 splits
// at commas are split here the same way.
//
// Properties: ApplyRequestFlag never crashes and its errors are
// INVALID_ARGUMENT naming the flag; the request built is checked by
// Validate, and every violation maps back (FlagForFieldPath) to a flag the
// command has, so the CLI can always tell the user which flag to fix.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/cli/commands.h"
#include "clouddesktop/cli/request_flags.h"
#include "clouddesktop/validation.h"
#include "google/protobuf/message.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using ::clouddesktop::cli::CommandSpec;
using ::clouddesktop::cli::RequestFlag;

const CommandSpec& PickCommand(absl::string_view line) {
  const std::vector<CommandSpec>& commands = clouddesktop::cli::Commands();
  for (const CommandSpec& c : commands) {
    if (line == absl::StrCat(c.group, " ", c.name)) return c;
  }
  return commands[line.empty()
                      ? 0
                      : static_cast<uint8_t>(line[0]) % commands.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<absl::string_view> lines = absl::StrSplit(input, '\n');
  const CommandSpec& spec = PickCommand(lines[0]);
  const std::vector<RequestFlag> flags =
      clouddesktop::cli::RequestFlags(spec.request);
  std::set<std::string> flag_names;
  for (const RequestFlag& f : flags) flag_names.insert(f.name);

  // The values of each flag, in command-line order, as CLI11 hands them.
  std::map<size_t, std::vector<std::string>> values;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(lines[i], absl::MaxSplits('=', 1));
    for (size_t f = 0; f < flags.size(); ++f) {
      if (flags[f].name != kv.first) continue;
      if (flags[f].SplitsAtCommas()) {
        for (absl::string_view v : absl::StrSplit(kv.second, ',')) {
          values[f].emplace_back(v);
        }
      } else {
        values[f].emplace_back(kv.second);
      }
    }
  }

  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(spec.request)
          ->New());
  std::vector<std::string> given;
  for (const auto& [f, v] : values) {
    given.push_back(flags[f].FieldPath());
    absl::Status status =
        clouddesktop::cli::ApplyRequestFlag(flags[f], v, request.get());
    if (!status.ok()) {
      FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
      FUZZ_CHECK(absl::StrContains(status.message(), flags[f].name));
      return 0;
    }
  }
  clouddesktop::cli::DefaultUpdateMask(given, spec.id_field, request.get());

  absl::Status status = clouddesktop::Validate(*request);
  FUZZ_CHECK(status.ok() ||
             status.code() == absl::StatusCode::kInvalidArgument);
  for (const clouddesktop::FieldViolation& v :
       clouddesktop::ValidationViolations(status)) {
    std::string flag = clouddesktop::cli::FlagForFieldPath(v.field);
    if (flag_names.count(flag) == 0) {
      std::fprintf(stderr, "violation of %s maps to %s, not a flag of %s %s\n",
                   v.field.c_str(), flag.c_str(), spec.group.c_str(),
                   spec.name.c_str());
      FUZZ_CHECK(false && "a violation names no flag");
    }
  }
  return 0;
}
