#include "clouddesktop/emulator/internal/page_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace clouddesktop::emulator::internal {
namespace {

constexpr char kVersion = 1;
constexpr size_t kMacSize = 12;  // truncated HMAC-SHA256: 96 bits

}  // namespace

PageTokenCodec::PageTokenCodec(std::string secret)
    : secret_(std::move(secret)) {}

std::string PageTokenCodec::Mac(absl::string_view query,
                                absl::string_view payload) const {
  std::string input = absl::StrCat(query, absl::string_view("\0", 1), payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac,
       &mac_size);
  return std::string(reinterpret_cast<const char*>(mac), kMacSize);
}

std::string PageTokenCodec::Encode(absl::string_view query,
                                   const Cursor& cursor) const {
  std::string payload(1, kVersion);
  for (int shift = 24; shift >= 0; shift -= 8) {
    payload.push_back(static_cast<char>((cursor.offset >> shift) & 0xFF));
  }
  payload += cursor.last_id;
  return absl::WebSafeBase64Escape(payload + Mac(query, payload));
}

absl::StatusOr<PageTokenCodec::Cursor> PageTokenCodec::Decode(
    absl::string_view query, absl::string_view token) const {
  std::string raw;
  // Only the exact text Encode makes: base64 leaves spare bits in the last
  // character, so an edited last character may decode to the same bytes.
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      absl::WebSafeBase64Escape(raw) != token ||
      raw.size() < 1 + 4 + kMacSize || raw[0] != kVersion) {
    return absl::InvalidArgumentError("malformed page token");
  }
  absl::string_view payload(raw.data(), raw.size() - kMacSize);
  std::string expected = Mac(query, payload);
  if (CRYPTO_memcmp(expected.data(), raw.data() + payload.size(), kMacSize) !=
      0) {
    return absl::InvalidArgumentError(
        "page token was not issued for this query (same filter, order and "
        "parent are required)");
  }
  Cursor cursor;
  for (int i = 1; i <= 4; ++i) {
    cursor.offset = (cursor.offset << 8) | static_cast<uint8_t>(payload[i]);
  }
  cursor.last_id = std::string(payload.substr(5));
  return cursor;
}

}  // namespace clouddesktop::emulator::internal
