// The monorepo's program: copies an emulator image into a new desktop image
// through @clouddesktop_cpp, and checks that everything underneath is the
// monorepo's: its protobuf, gRPC, abseil, RE2, BoringSSL, libcurl and JSON
// (marker defines, at compile time) and its google/rpc/status.proto (the
// option only its copy has, at run time, through the one google::rpc::Status
// linked into the binary).
#include <iostream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "google/rpc/status.pb.h"
#include "markers.h"

#ifndef MONOREPO_RE2
#error "@com_googlesource_code_re2 is not the monorepo's"
#endif
#ifndef MONOREPO_BORINGSSL
#error "@boringssl is not the monorepo's"
#endif
#ifndef MONOREPO_CURL
#error "@com_github_curl_curl is not the monorepo's"
#endif
#ifndef MONOREPO_JSON
#error "@com_github_nlohmann_json is not the monorepo's"
#endif

namespace cd = ::clouddesktop;

absl::StatusOr<std::string> CopyImage() {
  auto emu = clouddesktop::emulator::Emulator::Start(
      clouddesktop::emulator::EmulatorOptions{});
  if (!emu.ok()) return emu.status();
  cd::ConnectionOptions options;
  options.endpoint = options.operation_endpoint = (*emu)->address();
  options.insecure = true;
  auto auth = cd::MakeIamTokenAuth("t1.monorepo");  // links the credentials
  if (!auth.ok()) return auth.status();
  options.auth = *std::move(auth);
  cd::DesktopImageClient images(cd::MakeConnections(std::move(options)));

  cd::api::CopyDesktopImageRequest copy;
  copy.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  copy.set_name("monorepo-copy");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");  // a Compute Cloud image
  auto op = images.CopyDesktopImage(copy);
  if (!op.ok()) return op.status();
  auto image = op->Await();
  if (!image.ok()) return image.status();
  return image->name() + " " + image->id();
}

int main() {
  const std::string outer = google::rpc::Status::descriptor()
                                ->file()
                                ->options()
                                .java_outer_classname();
  if (outer != "MonorepoStatusProto") {
    std::cerr << "google.rpc.Status is not the monorepo's "
                 "(java_outer_classname \""
              << outer << "\")\n";
    return 1;
  }
  absl::StatusOr<std::string> copied = CopyImage();
  if (!copied.ok()) {
    std::cerr << "copy failed: " << copied.status() << "\n";
    return 1;
  }
  std::cout << "copied: " << *copied << "\n";
  return 0;
}
