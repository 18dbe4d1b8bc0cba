// Fan-out: many operations at once. Starts six image copies and two desktop
// creations together, turns each into a Future<StatusOr<std::string>> with
// Then (start -> await -> the new resource's id), shows one progress line
// fed by AwaitOptions::on_poll, waits for all of them with WhenAll up to a
// deadline, and cancels the waits still running after it.
//
// Against an in-process emulator that keeps new desktops in HEALTH_CHECK for
// ten minutes: the two desktops are the stragglers.
#include <cstdint>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/future_combinators.h"

namespace cd = ::clouddesktop;
namespace api = ::clouddesktop::api;

using IdFuture = cd::Future<absl::StatusOr<std::string>>;

// Start -> Await -> id, as one future. `Op` is the typed operation handle.
template <typename Op>
IdFuture AwaitId(cd::Future<absl::StatusOr<Op>> started,
                 cd::AwaitOptions await) {
  return started.Then([await](absl::StatusOr<Op> op) -> IdFuture {
    if (!op.ok())
      return cd::MakeReadyFuture(absl::StatusOr<std::string>(op.status()));
    return op->AwaitAsync(await).Then(
        [](auto resource) -> absl::StatusOr<std::string> {
          if (!resource.ok()) return resource.status();
          return resource->id();
        });
  });
}

int Fail(const absl::Status& status) {
  std::cerr << "fan_out failed: " << status << "\n";
  return 1;
}

int Run(const cd::Connections& connections, const std::string& folder_id) {
  cd::DesktopImageClient images(connections);
  cd::DesktopGroupClient groups(connections);
  cd::DesktopClient desktops(connections);

  // Setup (blocking): a desktop group on one of the folder's images.
  api::CreateDesktopGroupRequest group_request;
  group_request.set_folder_id(folder_id);
  group_request.set_desktop_image_id("img-ubuntu-22-04");
  group_request.set_name("fan-out");
  group_request.mutable_resources_spec()->set_cores(2);
  group_request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
  group_request.mutable_resources_spec()->set_core_fraction(100);
  group_request.mutable_network_interface_spec()->set_network_id("net-1");
  group_request.mutable_network_interface_spec()->add_subnet_ids("subnet-a");
  auto group_op = groups.CreateDesktopGroup(group_request);
  if (!group_op.ok()) return Fail(group_op.status());
  absl::StatusOr<api::DesktopGroup> group = group_op->Await();
  if (!group.ok()) return Fail(group.status());

  // One progress line, updated by every poll of every operation. on_poll
  // runs on the connections' threads: keep it short, never block; it owns
  // (shares) what it touches.
  constexpr int kCopies = 6;
  constexpr int kDesktops = 2;
  struct Progress {
    std::mutex mu;
    int polls = 0;
    int done = 0;
  };
  auto progress = std::make_shared<Progress>();
  cd::AwaitOptions await;
  await.on_poll =
      [progress](const absl::StatusOr<cd::operation::Operation>& op) {
        std::lock_guard<std::mutex> lock(progress->mu);
        ++progress->polls;
        if (op.ok() && op->done()) ++progress->done;
        std::cout << "\r" << progress->done << "/" << kCopies + kDesktops
                  << " operations done, " << progress->polls << " polls"
                  << std::flush;
      };

  // Start everything at once; nothing blocks here.
  std::vector<IdFuture> work;
  for (int i = 0; i < kCopies; ++i) {
    api::CopyDesktopImageRequest copy;
    copy.set_folder_id(folder_id);
    copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");  // a Compute Cloud image id
    copy.set_name("copy-" + std::to_string(i));
    work.push_back(AwaitId(images.CopyDesktopImageAsync(copy), await));
  }
  for (int i = 0; i < kDesktops; ++i) {
    api::CreateDesktopRequest create;
    create.set_desktop_group_id(group->id());
    create.set_name("desktop-" + std::to_string(i));
    api::User* user = create.add_users();
    user->set_subject_id("user-" + std::to_string(i));
    user->set_subject_type("userAccount");
    work.push_back(AwaitId(desktops.CreateDesktopAsync(create), await));
  }

  // Wait for all of them, but no longer than the deadline; then cancel the
  // waits still running (each stops its polling; the operations themselves
  // go on in the cloud: their ids are in the errors).
  auto all = cd::WhenAll(std::move(work));
  if (!all.WaitFor(absl::Seconds(5))) all.Cancel();
  std::vector<absl::StatusOr<std::string>> results = all.Get();
  std::cout << "\n";

  int copied = 0;
  int cancelled = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++copied;
      std::cout << "done: " << *r << "\n";
    } else if (r.status().code() == absl::StatusCode::kCancelled) {
      ++cancelled;
      std::cout << "straggler, wait cancelled: operation "
                << cd::FromStatus(r.status()).operation_id << "\n";
    } else {
      std::cerr << "failed: " << r.status() << "\n";
    }
  }
  // What this run expects: the copies done, the desktops cut off.
  return copied == kCopies && cancelled == kDesktops ? 0 : 1;
}

int main() {
  clouddesktop::emulator::EmulatorOptions emulator_options;
  emulator_options.operation_delay = absl::Milliseconds(100);
  // New desktops wait in HEALTH_CHECK for 10 minutes: the stragglers.
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "DesktopService.Create:health_check=10m");
  if (!faults.ok()) return Fail(faults.status());
  emulator_options.faults = *std::move(faults);
  auto emu = clouddesktop::emulator::Emulator::Start(emulator_options);
  if (!emu.ok()) return Fail(emu.status());

  cd::ConnectionOptions options;
  options.endpoint = options.operation_endpoint = (*emu)->address();
  options.insecure = true;
  return Run(cd::MakeConnections(std::move(options)),
             std::string(clouddesktop::emulator::kDefaultFolderId));
}
