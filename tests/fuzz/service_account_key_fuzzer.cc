// Fuzz target: the service-account key parser
// (credentials/internal/service_account_key.h) on arbitrary file contents.
//
// Properties: the parser never crashes; it fails with INVALID_ARGUMENT
// naming the file, and never quotes the private key: neither the whole
// `private_key` value nor any line of its PEM body appears in an error
// because it is the key (text that is also there when the key is changed
// is the error's own, see QuotesTheKey).
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

namespace {

// Each letter and digit of `pem`'s lines moved one place on in its class
// (a->b, z->a, 9->0); the "-----" armour lines and everything else stay.
// The result has the same shape (a PEM stays a PEM, base64 stays base64)
// but none of the original's letters and digits in place.
std::string Rotate(const std::string& pem) {
  std::string out;
  bool first = true;
  for (absl::string_view line : absl::StrSplit(pem, '\n')) {
    if (!first) out += '\n';
    first = false;
    if (absl::StartsWith(line, "-----")) {
      out.append(line.data(), line.size());
      continue;
    }
    for (char c : line) {
      if (c >= 'a' && c <= 'z')
        c = c == 'z' ? 'a' : c + 1;
      else if (c >= 'A' && c <= 'Z')
        c = c == 'Z' ? 'A' : c + 1;
      else if (c >= '0' && c <= '9')
        c = c == '9' ? '0' : c + 1;
      out += c;
    }
  }
  return out;
}

// Whether `text`, found in `message`, is the private key's: the message of
// the same file with the key's letters and digits changed (Rotate) no
// longer holds it. Text that stays is the message's own words, or another
// field's value, and only coincides with the key (a "key" of
// "is not PEM (no -" is quoted by the fixed text of its own error).
bool QuotesTheKey(const nlohmann::json& file, const std::string& pem,
                  absl::string_view message, absl::string_view text) {
  if (!absl::StrContains(message, text)) return false;
  nlohmann::json changed = file;
  changed["private_key"] = Rotate(pem);
  const std::string other = changed.dump();
  auto key =
      clouddesktop::internal::ParseServiceAccountKey(other, "fuzz-key.json");
  return key.ok() || !absl::StrContains(key.status().message(), text);
}

}  // namespace

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
    FUZZ_CHECK(!QuotesTheKey(json, pem, status.message(), pem));
  }
  for (absl::string_view line : absl::StrSplit(pem, '\n')) {
    if (line.size() >= 16 && !absl::StartsWith(line, "-----")) {
      FUZZ_CHECK(!QuotesTheKey(json, pem, status.message(), line));
    }
  }
  return 0;
}
