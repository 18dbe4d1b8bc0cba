// The exit codes of the `clouddesktop` command.

#ifndef CLOUDDESKTOP_CLI_EXIT_CODES_H_
#define CLOUDDESKTOP_CLI_EXIT_CODES_H_

namespace clouddesktop::cli {

enum ExitCode : int {
  kExitOk = 0,
  // The API (or the connection to it) answered with an error.
  kExitApiError = 1,
  // The command line is wrong: unknown command or flag, a malformed value,
  // a request that fails the API's validation rules before it is sent,
  // unusable credentials settings.
  kExitUsage = 2,
  // A waited operation finished with an error (or was cancelled).
  kExitOperationFailed = 3,
  // Ctrl-C (SIGINT): stopped waiting, or cancelled the operation with
  // --cancel-on-interrupt.
  kExitInterrupted = 130,
};

// For --help: one line per code.
inline constexpr char kExitCodesHelp[] =
    "Exit codes:\n"
    "  0    success\n"
    "  1    API error (the message names the method, the status code, the\n"
    "       request id and, for INVALID_ARGUMENT, the field)\n"
    "  2    usage error (unknown command or flag, malformed value, a request\n"
    "       that breaks the API's validation rules, unusable credentials)\n"
    "  3    a waited operation failed or was cancelled\n"
    "  130  interrupted (Ctrl-C) while waiting";

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_EXIT_CODES_H_
