// A user's program: start the in-process emulator, copy one of its compute
// images into a new desktop image, wait for the operation, print the result.
#include <iostream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"

namespace cd = ::clouddesktop;

absl::StatusOr<std::string> CopyImage() {
  auto emu = clouddesktop::emulator::Emulator::Start(
      clouddesktop::emulator::EmulatorOptions{});
  if (!emu.ok()) return emu.status();
  cd::ConnectionOptions options;
  options.endpoint = options.operation_endpoint = (*emu)->address();
  options.insecure = true;
  cd::DesktopImageClient images(cd::MakeConnections(std::move(options)));

  cd::api::CopyDesktopImageRequest copy;
  copy.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  copy.set_name("consumer-copy");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");  // a Compute Cloud image
  auto op = images.CopyDesktopImage(copy);
  if (!op.ok()) return op.status();
  auto image = op->Await();
  if (!image.ok()) return image.status();
  return image->name() + " " + image->id();
}

int main() {
  absl::StatusOr<std::string> copied = CopyImage();
  if (!copied.ok()) {
    std::cerr << "copy failed: " << copied.status() << "\n";
    return 1;
  }
  std::cout << "copied: " << *copied << "\n";
  return 0;
}
