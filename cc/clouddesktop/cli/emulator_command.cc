#include "clouddesktop/cli/emulator_command.h"

#include <memory>
#include <mutex>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/cli/interrupts.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/internal/command_line.h"
#include "clouddesktop/emulator/reflection_v1.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::cli {

int RunEmulatorCommand(const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err) {
  const std::string program = "clouddesktop emulator";
  absl::StatusOr<emulator::internal::CommandLine> command_line =
      emulator::internal::ParseCommandLine(args);
  if (!command_line.ok()) {
    err << program << ": " << command_line.status().message() << "\n"
        << emulator::internal::Usage(program);
    return 2;
  }
  if (command_line->help) {
    out << emulator::internal::Usage(program);
    return 0;
  }

  // Signals are taken by the interrupt thread from here on, so that a
  // signal arriving while the emulator starts is not lost.
  internal::Mutex mu;
  internal::CondVar cv;
  bool stop = false;
  InterruptScope scope([&](int) {
    internal::MutexLock lock(&mu);
    stop = true;
    cv.SignalAll();
  });

  // As //:emulator: grpc.reflection.v1 beside gRPC's v1alpha.
  std::unique_ptr<emulator::ReflectionV1Service> reflection_v1 =
      emulator::MakeReflectionV1ForEmulator();
  command_line->options.extra_services.push_back(reflection_v1.get());
  absl::StatusOr<std::unique_ptr<emulator::Emulator>> emu =
      emulator::Emulator::Start(std::move(command_line->options));
  if (!emu.ok()) {
    err << program << ": " << emu.status().message() << "\n";
    return 1;
  }
  out << "listening on " << (*emu)->address() << "\n";
  if (!(*emu)->http_address().empty()) {
    out << "http listening on " << (*emu)->http_address() << "\n";
  }
  out.flush();
  {
    internal::MutexLock lock(&mu);
    while (!stop) cv.Wait(&mu);
  }
  (*emu)->Shutdown();
  return 0;
}

}  // namespace clouddesktop::cli
