#include "clouddesktop/credentials/internal/jwt.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/internal/wipe.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

constexpr int kPssSaltLength = 32;  // = the SHA-256 digest size

absl::StatusOr<std::string> SignPs256(EVP_PKEY* key, absl::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pkey_ctx = nullptr;  // owned by ctx
  size_t size = 0;
  std::string signature;
  bool ok =
      ctx != nullptr &&
      EVP_DigestSignInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) ==
          1 &&
      EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, kPssSaltLength) == 1 &&
      EVP_PKEY_CTX_set_rsa_mgf1_md(pkey_ctx, EVP_sha256()) == 1 &&
      EVP_DigestSign(ctx.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) == 1;
  if (ok) {
    signature.resize(size);
    ok = EVP_DigestSign(
             ctx.get(), reinterpret_cast<unsigned char*>(signature.data()),
             &size, reinterpret_cast<const unsigned char*>(data.data()),
             data.size()) == 1;
    signature.resize(size);
  }
  if (!ok) {
    unsigned long error = ERR_get_error();  // NOLINT(runtime/int)
    ERR_clear_error();
    char text[256] = "unknown error";
    if (error != 0) ERR_error_string_n(error, text, sizeof(text));
    return absl::InternalError(
        absl::StrCat("signing the service-account JWT (PS256) failed: ", text));
  }
  return signature;
}

// Compact JSON; invalid UTF-8 (in an id) is replaced rather than thrown.
std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

absl::StatusOr<std::string> MakeServiceAccountJwt(const ServiceAccountKey& key,
                                                  absl::Time now) {
  const int64_t iat = absl::ToUnixSeconds(now);
  const nlohmann::json header = {
      {"typ", "JWT"},
      {"alg", "PS256"},
      {"kid", key.id},
  };
  const nlohmann::json claims = {
      {"iss", key.service_account_id},
      {"aud", kIamTokenAudience},
      {"iat", iat},
      {"exp", iat + absl::ToInt64Seconds(kJwtLifetime)},
  };
  std::string signed_part =
      absl::StrCat(absl::WebSafeBase64Escape(Dump(header)), ".",
                   absl::WebSafeBase64Escape(Dump(claims)));
  absl::StatusOr<std::string> signature =
      SignPs256(key.private_key.get(), signed_part);
  if (!signature.ok()) return signature.status();
  std::string encoded = absl::WebSafeBase64Escape(*signature);
  absl::StatusOr<std::string> jwt = absl::StrCat(signed_part, ".", encoded);
  // The signature makes the JWT a credential (for an hour): leave no copy
  // of it in freed memory, e.g. for a core dump to pick up.
  Wipe(*signature);
  Wipe(encoded);
  return jwt;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
