// Fuzz target: the metadata service's token answer
// (credentials/internal/metadata_client.h ParseMetadataToken) on arbitrary
// HTTP bodies, as a compromised or broken metadata endpoint could send.
//
// Properties: never crashes; a token it accepts expires after it was issued
// (never "already expired"); an error names the source and never quotes the
// access_token.
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/internal/metadata_client.h"
#include "nlohmann/json.hpp"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view body(reinterpret_cast<const char*>(data), size);
  const absl::Time issued = absl::FromUnixSeconds(1700000000);
  auto token =
      clouddesktop::internal::ParseMetadataToken(body, issued, "fuzz-metadata");
  if (token.ok()) {
    FUZZ_CHECK(!token->value.empty());
    FUZZ_CHECK(token->issued_at == issued);
    FUZZ_CHECK(token->expires_at > issued);
    return 0;
  }
  const absl::Status& status = token.status();
  FUZZ_CHECK(absl::StartsWith(status.message(), "fuzz-metadata"));
  nlohmann::json json = nlohmann::json::parse(body.begin(), body.end(),
                                              /*cb=*/nullptr,
                                              /*allow_exceptions=*/false);
  if (!json.is_object()) return 0;
  auto secret = json.find("access_token");
  if (secret == json.end() || !secret->is_string()) return 0;
  const std::string token_text = secret->get_ref<const std::string&>();
  if (token_text.size() < 8 ||
      !absl::StrContains(status.message(), token_text)) {
    return 0;
  }
  // The message holds the token's text: a leak, unless that text is the
  // library's own words (a token that reads "the answer has no expires_in
  // number"). The same answer with another token must say it too.
  *secret = "Zq9-sentinel-token-Zq9";
  auto other = clouddesktop::internal::ParseMetadataToken(json.dump(), issued,
                                                          "fuzz-metadata");
  FUZZ_CHECK(!other.ok() &&
             absl::StrContains(other.status().message(), token_text));
  return 0;
}
