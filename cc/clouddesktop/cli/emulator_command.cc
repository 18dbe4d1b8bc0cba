#include "clouddesktop/cli/emulator_command.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/cli/interrupts.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/internal/command_line.h"
#include "clouddesktop/emulator/reflection_v1.h"

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
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;
  InterruptScope scope([&](int) {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
    cv.notify_all();
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
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return stop; });
  }
  (*emu)->Shutdown();
  return 0;
}

}  // namespace clouddesktop::cli
