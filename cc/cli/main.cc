// The `clouddesktop` command: every Cloud Desktop RPC through the client
// library, the standalone emulator, and the demo.
//   bazel run //:clouddesktop -- --help

#include <iostream>

#include "cli/app.h"
#include "cli/interrupts.h"

int main(int argc, char** argv) {
  // Before any thread exists: every thread inherits the blocked signals.
  clouddesktop::cli::InstallInterruptHandling();
  return clouddesktop::cli::RunCli(argc, argv, std::cin, std::cout, std::cerr);
}
