// Credentials: a service-account key file, then the default chain.
//
//   credentials KEY_JSON PUBLIC_KEY_PEM
//
// KEY_JSON is an authorized key as `yc iam key create --output key.json`
// writes it (make_example_key.sh writes a throwaway one). The library signs
// a JWT with it and exchanges it with IamTokenService for an IAM token, then
// refreshes the token ahead of its expiry; every call carries it.
//
// An in-process emulator stands in for the cloud: for IamTokenService (it
// knows the key's public half, PUBLIC_KEY_PEM, as the cloud does once the
// key is created) and for the API, which it serves only to callers with a
// token it issued.
#include "clouddesktop/credentials/credentials.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"

namespace cd = ::clouddesktop;
namespace api = ::clouddesktop::api;

// Lists the images of a folder through connections that authenticate with
// `auth`; returns how many there are.
absl::StatusOr<int> CountImages(const std::string& endpoint,
                                std::shared_ptr<cd::AuthProvider> auth,
                                const std::string& folder_id) {
  cd::ConnectionOptions options;
  options.endpoint = options.operation_endpoint = endpoint;
  options.insecure = true;         // the emulator: no TLS
  options.auth = std::move(auth);  // null: no authorization header
  cd::DesktopImageClient images(cd::MakeConnections(std::move(options)));
  api::ListDesktopImagesRequest request;
  request.set_folder_id(folder_id);
  int count = 0;
  for (const auto& image : images.ListDesktopImages(request)) {
    if (!image.ok()) return image.status();
    ++count;
  }
  return count;
}

int Fail(const std::string& what, const absl::Status& status) {
  std::cerr << what << ": " << status << "\n";
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: credentials KEY_JSON PUBLIC_KEY_PEM\n";
    return 2;
  }
  const std::string key_file = argv[1];
  std::ifstream pem_file(argv[2]);
  std::stringstream public_key_pem;
  public_key_pem << pem_file.rdbuf();
  if (!pem_file) return Fail(argv[2], absl::NotFoundError("cannot read it"));

  // The stand-in cloud: requires tokens, knows the service account's key
  // (the ids make_example_key.sh writes into key.json).
  clouddesktop::emulator::EmulatorOptions emulator_options;
  emulator_options.require_token = true;
  emulator_options.service_account_keys.push_back(
      {"example-service-account", "example-key-id", public_key_pem.str()});
  auto emu = clouddesktop::emulator::Emulator::Start(emulator_options);
  if (!emu.ok()) return Fail("emulator", emu.status());
  const std::string endpoint = (*emu)->address();
  const std::string folder(clouddesktop::emulator::kDefaultFolderId);

  // Where the providers get tokens: IamTokenService. For the real cloud
  // leave the defaults (iam.api.cloud.yandex.net:443, TLS).
  cd::CredentialsOptions credentials_options;
  credentials_options.iam_endpoint = endpoint;
  credentials_options.iam_insecure = true;

  // Without credentials the service refuses: UNAUTHENTICATED.
  absl::StatusOr<int> anonymous = CountImages(endpoint, nullptr, folder);
  std::cout << "without a token: " << anonymous.status().code() << "\n";
  if (anonymous.status().code() != absl::StatusCode::kUnauthenticated) {
    return Fail("expected UNAUTHENTICATED", anonymous.status());
  }

  // 1. A service-account key file, named explicitly.
  auto key_auth = cd::MakeServiceAccountKeyAuth(key_file, credentials_options);
  if (!key_auth.ok()) return Fail("key file", key_auth.status());
  absl::StatusOr<int> count = CountImages(endpoint, *key_auth, folder);
  if (!count.ok()) return Fail("with the key file", count.status());
  std::cout << "with the key file: " << *count << " images\n";

  // 2. The default chain: $YC_IAM_TOKEN, $YC_SERVICE_ACCOUNT_KEY_FILE,
  // $YC_TOKEN, then the VM's metadata service. A deployment sets one of
  // them; this program sets the key file's for itself.
  unsetenv("YC_IAM_TOKEN");
  setenv("YC_SERVICE_ACCOUNT_KEY_FILE", key_file.c_str(), 1);
  auto chain_auth = cd::MakeDefaultAuth(credentials_options);
  if (!chain_auth.ok()) return Fail("default chain", chain_auth.status());
  count = CountImages(endpoint, *chain_auth, folder);
  if (!count.ok()) return Fail("with the default chain", count.status());
  std::cout << "with the default chain: " << *count << " images\n";
  return 0;
}
