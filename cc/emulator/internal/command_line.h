// The flags of the standalone emulator binary, parsed into EmulatorOptions.

#ifndef EMULATOR_INTERNAL_COMMAND_LINE_H_
#define EMULATOR_INTERNAL_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "emulator/emulator.h"

namespace emulator::internal {

// What the command line asks for.
struct CommandLine {
  EmulatorOptions options;
  bool help = false;
};

// Usage text for --help and usage errors.
std::string Usage(const std::string& program);

// Parses `args` (without the program name). Flags take their value as the
// next argument or after '=' (--listen=HOST:PORT). --sa-public-key reads the
// PEM file it names. INVALID_ARGUMENT for usage errors (unknown flag,
// missing or malformed value, unreadable key file, half a TLS pair),
// naming the flag.
absl::StatusOr<CommandLine> ParseCommandLine(
    const std::vector<std::string>& args);

}  // namespace emulator::internal

#endif  // EMULATOR_INTERNAL_COMMAND_LINE_H_
