// Quickstart: the blocking calls, one step after another. Copies a Compute
// Cloud image into a desktop image, makes a desktop group from it, creates a
// desktop for a user, stops it and copies an image from it, reads that image
// back, then deletes everything it made.
//
// It runs against an in-process emulator. For the real service, drop the
// emulator and use the default ConnectionOptions with credentials (see
// credentials.cc) and your folder id.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"

namespace cd = ::clouddesktop;
namespace api = ::clouddesktop::api;

absl::Status Quickstart(const cd::Connections& connections,
                        const std::string& folder_id) {
  cd::DesktopImageClient images(connections);
  cd::DesktopGroupClient groups(connections);
  cd::DesktopClient desktops(connections);

  // 1. A desktop image from a Compute Cloud image. Every mutating call
  // returns an operation at once; Await() polls it to the end.
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id(folder_id);
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");  // a Compute Cloud image id
  copy.set_name("quickstart-base");
  auto copy_op = images.CopyDesktopImage(copy);
  if (!copy_op.ok()) return copy_op.status();
  absl::StatusOr<api::DesktopImage> base = copy_op->Await();
  if (!base.ok()) return base.status();
  std::cout << "image " << base->id() << " copied\n";

  // 2. A desktop group on that image.
  api::CreateDesktopGroupRequest group_request;
  group_request.set_folder_id(folder_id);
  group_request.set_desktop_image_id(base->id());
  group_request.set_name("quickstart-group");
  group_request.mutable_resources_spec()->set_cores(2);
  group_request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
  group_request.mutable_resources_spec()->set_core_fraction(100);
  group_request.mutable_network_interface_spec()->set_network_id("net-1");
  group_request.mutable_network_interface_spec()->add_subnet_ids("subnet-a");
  auto group_op = groups.CreateDesktopGroup(group_request);
  if (!group_op.ok()) return group_op.status();
  absl::StatusOr<api::DesktopGroup> group = group_op->Await();
  if (!group.ok()) return group.status();
  std::cout << "group " << group->id() << " created\n";

  // 3. A desktop in the group, for one user.
  api::CreateDesktopRequest desktop_request;
  desktop_request.set_desktop_group_id(group->id());
  desktop_request.set_name("quickstart-desktop");
  api::User* user = desktop_request.add_users();
  user->set_subject_id("user-1");
  user->set_subject_type("userAccount");
  auto desktop_op = desktops.CreateDesktop(desktop_request);
  if (!desktop_op.ok()) return desktop_op.status();
  absl::StatusOr<api::Desktop> desktop = desktop_op->Await();
  if (!desktop.ok()) return desktop.status();
  std::cout << "desktop " << desktop->id() << " "
            << api::Desktop::Status_Name(desktop->status()) << "\n";

  // 4. An image of the desktop: it must be stopped first.
  api::StopRequest stop;
  stop.set_desktop_id(desktop->id());
  auto stop_op = desktops.StopDesktop(stop);
  if (!stop_op.ok()) return stop_op.status();
  if (auto stopped = stop_op->Await(); !stopped.ok()) return stopped.status();

  api::CopyFromDesktopRequest snapshot;
  snapshot.set_desktop_id(desktop->id());
  snapshot.set_folder_id(folder_id);
  snapshot.set_name("quickstart-snapshot");
  auto snapshot_op = images.CopyFromDesktop(snapshot);
  if (!snapshot_op.ok()) return snapshot_op.status();
  absl::StatusOr<api::DesktopImage> copied = snapshot_op->Await();
  if (!copied.ok()) return copied.status();

  // 5. Read it back.
  api::GetDesktopImageRequest get;
  get.set_image_id(copied->id());
  absl::StatusOr<api::DesktopImage> image = images.GetDesktopImage(get);
  if (!image.ok()) return image.status();
  std::cout << "image " << image->id() << " \"" << image->name() << "\" "
            << api::DesktopImage::Status_Name(image->status()) << "\n";

  // 6. Clean up: the desktop, then its group, then both images.
  api::DeleteDesktopRequest delete_desktop;
  delete_desktop.set_desktop_id(desktop->id());
  auto op1 = desktops.DeleteDesktop(delete_desktop);
  if (!op1.ok()) return op1.status();
  if (auto done = op1->Await(); !done.ok()) return done.status();

  api::DeleteDesktopGroupRequest delete_group;
  delete_group.set_desktop_group_id(group->id());
  auto op2 = groups.DeleteDesktopGroup(delete_group);
  if (!op2.ok()) return op2.status();
  if (auto done = op2->Await(); !done.ok()) return done.status();

  for (const std::string& id : {image->id(), base->id()}) {
    api::DeleteDesktopImageRequest delete_image;
    delete_image.set_image_id(id);
    auto op = images.DeleteDesktopImage(delete_image);
    if (!op.ok()) return op.status();
    if (auto done = op->Await(); !done.ok()) return done.status();
  }
  std::cout << "cleaned up\n";
  return absl::OkStatus();
}

int main() {
  // The emulator stands in for the service (operations take 50 ms).
  clouddesktop::emulator::EmulatorOptions emulator_options;
  emulator_options.operation_delay = absl::Milliseconds(50);
  auto emu = clouddesktop::emulator::Emulator::Start(emulator_options);
  if (!emu.ok()) {
    std::cerr << "cannot start the emulator: " << emu.status() << "\n";
    return 1;
  }
  cd::ConnectionOptions options;
  options.endpoint = options.operation_endpoint = (*emu)->address();
  options.insecure = true;  // the emulator speaks plaintext

  absl::Status status =
      Quickstart(cd::MakeConnections(std::move(options)),
                 std::string(clouddesktop::emulator::kDefaultFolderId));
  if (!status.ok()) {
    std::cerr << "quickstart failed: " << status << "\n";
    return 1;
  }
  return 0;
}
