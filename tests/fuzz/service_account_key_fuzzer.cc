// Fuzz target: the service-account key parser
// (credentials/internal/service_account_key.h) on arbitrary file contents.
//
// Properties: the parser never crashes; it fails with INVALID_ARGUMENT
// naming the file, and never quotes the private key: neither the whole
// `private_key` value nor any line of its PEM body appears in an error.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/credentials/internal/service_account_key.h"
#include "nlohmann/json.hpp"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  auto key =
      clouddesktop::internal::ParseServiceAccountKey(input, "fuzz-key.json");
  if (key.ok()) {
    FUZZ_CHECK(!key->id.empty());
    FUZZ_CHECK(!key->service_account_id.empty());
    FUZZ_CHECK(key->private_key != nullptr);
    return 0;
  }
  const absl::Status& status = key.status();
  FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  FUZZ_CHECK(absl::StartsWith(status.message(), "fuzz-key.json"));

  nlohmann::json json = nlohmann::json::parse(input.begin(), input.end(),
                                              /*cb=*/nullptr,
                                              /*allow_exceptions=*/false);
  if (!json.is_object()) return 0;
  auto secret = json.find("private_key");
  if (secret == json.end() || !secret->is_string()) return 0;
  const std::string& pem = secret->get_ref<const std::string&>();
  // Short values may appear by coincidence (a field name, "RSA").
  if (pem.size() >= 16) {
    FUZZ_CHECK(!absl::StrContains(status.message(), pem));
  }
  for (absl::string_view line : absl::StrSplit(pem, '\n')) {
    if (line.size() >= 16 && !absl::StartsWith(line, "-----")) {
      FUZZ_CHECK(!absl::StrContains(status.message(), line));
    }
  }
  return 0;
}
