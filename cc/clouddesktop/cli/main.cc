// The `clouddesktop` command: every Cloud Desktop RPC through the client
// library, the standalone emulator, and the demo.
//   bazel run //:clouddesktop -- --help

#include <iostream>

#include "clouddesktop/cli/app.h"
#include "clouddesktop/cli/interrupts.h"
#include "grpc/health/v1/health.pb.h"

int main(int argc, char** argv) {
  // Before any thread exists: every thread inherits the blocked signals.
  clouddesktop::cli::InstallInterruptHandling();
  // Links the health service's descriptor into the generated pool, so that
  // `clouddesktop emulator` describes grpc.health.v1.Health over
  // reflection as //:emulator does.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  return clouddesktop::cli::RunCli(argc, argv, std::cin, std::cout, std::cerr);
}
