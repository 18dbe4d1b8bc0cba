// The `clouddesktop` command line: CLI11 parsers and --help texts generated
// from the table of commands (commands.h) and the request messages'
// descriptors, plus `emulator` and `demo`.

#ifndef CLOUDDESKTOP_CLI_APP_H_
#define CLOUDDESKTOP_CLI_APP_H_

#include <istream>
#include <ostream>

namespace clouddesktop::cli {

// Parses `argv` and runs the command; returns the exit code (exit_codes.h).
// Reads stdin only for `--request-json -`. Call InstallInterruptHandling()
// first (main does).
int RunCli(int argc, const char* const* argv, std::istream& in,
           std::ostream& out, std::ostream& err);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_APP_H_
