// `clouddesktop emulator ...`: the standalone emulator, with exactly the
// flags and behaviour of //:emulator (its command line is parsed by the
// emulator's own //cc/clouddesktop/emulator:command_line).

#ifndef CLOUDDESKTOP_CLI_EMULATOR_COMMAND_H_
#define CLOUDDESKTOP_CLI_EMULATOR_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace clouddesktop::cli {

// Runs the emulator with `args` (the arguments after `emulator`): prints
// "listening on HOST:PORT" on `out` once it serves, and stops cleanly on
// SIGINT or SIGTERM (exit 0). --help prints the emulator's usage (exit 0);
// usage errors exit 2, start failures 1. Needs InstallInterruptHandling().
int RunEmulatorCommand(const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_EMULATOR_COMMAND_H_
