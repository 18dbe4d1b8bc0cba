// The standalone emulator: `bazel run //:emulator -- --listen
// 127.0.0.1:50051`. Prints "listening on HOST:PORT" once ready and stops
// cleanly on SIGINT or SIGTERM (exit 0). Usage errors exit 2, start
// failures 1.

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/internal/command_line.h"
#include "clouddesktop/emulator/internal/connection_acceptor.h"
#include "clouddesktop/emulator/reflection_v1.h"
#include "grpc/health/v1/health.pb.h"

int main(int argc, char** argv) {
  // Block the stop signals before any thread exists, so every thread
  // (gRPC's included) inherits the mask and only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Links the health service's descriptor into the generated pool, so that
  // reflection can describe grpc.health.v1.Health (gRPC's own health
  // service does not use protobuf's generated code).
  (void)grpc::health::v1::HealthCheckRequest::descriptor();

  std::string program = argc > 0 ? argv[0] : "emulator";
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  absl::StatusOr<clouddesktop::emulator::internal::CommandLine> command_line =
      clouddesktop::emulator::internal::ParseCommandLine(args);
  if (!command_line.ok()) {
    std::cerr << program << ": " << command_line.status().message() << "\n"
              << clouddesktop::emulator::internal::ShortUsage(program);
    return 2;
  }
  if (command_line->help) {
    std::cout << clouddesktop::emulator::internal::Usage(program);
    return 0;
  }

  // A long-running server should have every descriptor its hard limit
  // allows (a library leaves its host process's limits alone: the in-process
  // emulator does not do this).
  clouddesktop::emulator::internal::RaiseOpenFileLimit();

  // Newer tools ask for grpc.reflection.v1 first; gRPC 1.51 serves v1alpha.
  std::unique_ptr<clouddesktop::emulator::ReflectionV1Service> reflection_v1 =
      clouddesktop::emulator::MakeReflectionV1ForEmulator();
  command_line->options.extra_services.push_back(reflection_v1.get());
  absl::StatusOr<std::unique_ptr<clouddesktop::emulator::Emulator>> emu =
      clouddesktop::emulator::Emulator::Start(std::move(command_line->options));
  if (!emu.ok()) {
    std::cerr << program << ": " << emu.status().message() << "\n";
    return 1;
  }
  std::printf("listening on %s\n", (*emu)->address().c_str());
  if (!(*emu)->http_address().empty()) {
    std::printf("http listening on %s\n", (*emu)->http_address().c_str());
  }
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*emu)->Shutdown();
  return 0;
}
