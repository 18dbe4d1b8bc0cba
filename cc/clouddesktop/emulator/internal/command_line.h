// The flags of the standalone emulator binary, parsed into EmulatorOptions.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_COMMAND_LINE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clouddesktop/emulator/emulator.h"

namespace clouddesktop::emulator::internal {

// What the command line asks for.
struct CommandLine {
  EmulatorOptions options;
  bool help = false;
};

// The text of --help: every flag and the --faults grammar.
std::string Usage(const std::string& program);

// Two lines for usage errors, pointing at --help.
std::string ShortUsage(const std::string& program);

// Parses `args` (without the program name). Flags take their value as the
// next argument or after '=' (--listen=HOST:PORT). --sa-public-key and
// --sa-key read the files they name (--sa-key: the JSON of `yc iam key
// create`; only the public half of the key is kept). INVALID_ARGUMENT for
// usage errors (unknown flag, missing or malformed value, unreadable or
// malformed key file, half a TLS pair), naming the flag and never quoting
// a key file's contents.
absl::StatusOr<CommandLine> ParseCommandLine(
    const std::vector<std::string>& args);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_COMMAND_LINE_H_
