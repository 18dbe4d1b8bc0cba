#include "clouddesktop/emulator/internal/jwt_verifier.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <optional>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clouddesktop/internal/mutex.h"
#include "nlohmann/json.hpp"

namespace clouddesktop::emulator::internal {
namespace {

using Json = nlohmann::json;

absl::Status Rejected(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("jwt rejected: ", why));
}

absl::Status Malformed(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("jwt is malformed: ", why));
}

// Parses one base64url part as a JSON object; discarded on any error
// (parse errors never throw: allow_exceptions = false).
Json DecodeJsonPart(absl::string_view part) {
  std::string text;
  if (!absl::WebSafeBase64Unescape(part, &text))
    return Json::value_t::discarded;
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return Json::value_t::discarded;
  return json;
}

bool VerifyPs256(EVP_PKEY* key, absl::string_view signed_part,
                 absl::string_view signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              EVP_MD_CTX_free);
  if (ctx == nullptr) return false;
  EVP_PKEY_CTX* pkey_ctx = nullptr;  // owned by ctx
  if (EVP_DigestVerifyInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) !=
          1 ||
      EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, 32) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(pkey_ctx, EVP_sha256()) != 1) {
    return false;
  }
  return EVP_DigestVerify(
             ctx.get(),
             reinterpret_cast<const unsigned char*>(signature.data()),
             signature.size(),
             reinterpret_cast<const unsigned char*>(signed_part.data()),
             signed_part.size()) == 1;
}

// A NumericDate claim as a time; nothing if it is not a finite number in
// the range absl::Time can hold (a cast of 1e300 to int64 would be UB).
std::optional<absl::Time> NumericDate(const Json& claims, const char* name) {
  if (!claims.contains(name) || !claims[name].is_number()) return std::nullopt;
  double seconds = claims[name].get<double>();
  constexpr double kLimit = 1e15;  // some 30 million years
  if (!(seconds > -kLimit && seconds < kLimit)) return std::nullopt;
  return absl::FromUnixSeconds(static_cast<int64_t>(seconds));
}

bool HasAudience(const Json& aud) {
  if (aud.is_string()) return aud.get<std::string>() == kIamAudience;
  if (aud.is_array()) {
    for (const Json& item : aud) {
      if (item.is_string() && item.get<std::string>() == kIamAudience) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

JwtVerifier::JwtVerifier() = default;
JwtVerifier::~JwtVerifier() = default;

absl::Status JwtVerifier::AddKey(absl::string_view service_account_id,
                                 absl::string_view key_id,
                                 absl::string_view public_key_pem) {
  if (service_account_id.empty() || key_id.empty()) {
    return absl::InvalidArgumentError(
        "service account id and key id must not be empty");
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_key_pem.data(),
                      static_cast<int>(public_key_pem.size())),
      BIO_free);
  EVP_PKEY* raw = bio == nullptr ? nullptr
                                 : PEM_read_bio_PUBKEY(bio.get(), nullptr,
                                                       nullptr, nullptr);
  if (raw == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "key ", key_id, ": not a PEM public key (BEGIN PUBLIC KEY)"));
  }
  std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
  if (EVP_PKEY_base_id(raw) != EVP_PKEY_RSA) {
    return absl::InvalidArgumentError(
        absl::StrCat("key ", key_id, ": not an RSA key (PS256 needs RSA)"));
  }
  clouddesktop::internal::MutexLock lock(&mu_);
  keys_[std::string(key_id)] = Key{std::string(service_account_id), key};
  return absl::OkStatus();
}

absl::StatusOr<std::string> JwtVerifier::Verify(absl::string_view jwt,
                                                absl::Time now) const {
  std::vector<absl::string_view> parts = absl::StrSplit(jwt, '.');
  if (parts.size() != 3) {
    return Malformed("expected three dot-separated parts");
  }
  Json header = DecodeJsonPart(parts[0]);
  Json claims = DecodeJsonPart(parts[1]);
  std::string signature;
  if (header.is_discarded()) return Malformed("header is not base64url JSON");
  if (claims.is_discarded()) return Malformed("claims are not base64url JSON");
  if (!absl::WebSafeBase64Unescape(parts[2], &signature)) {
    return Malformed("signature is not base64url");
  }

  if (!header.contains("alg") || !header["alg"].is_string() ||
      header["alg"].get<std::string>() != "PS256") {
    return Rejected("alg must be PS256");
  }
  if (!header.contains("kid") || !header["kid"].is_string()) {
    return Rejected("header has no kid");
  }
  std::string kid = header["kid"].get<std::string>();
  Key key;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    auto it = keys_.find(kid);
    if (it == keys_.end()) {
      return Rejected(absl::StrCat("unknown key id \"", kid, "\""));
    }
    key = it->second;
  }
  absl::string_view signed_part(parts[0].data(),
                                parts[0].size() + 1 + parts[1].size());
  if (!VerifyPs256(key.public_key.get(), signed_part, signature)) {
    return Rejected(
        absl::StrCat("signature does not verify with key \"", kid, "\""));
  }

  if (!claims.contains("iss") || !claims["iss"].is_string() ||
      claims["iss"].get<std::string>() != key.service_account_id) {
    return Rejected(absl::StrCat("iss must be ", key.service_account_id,
                                 ", the owner of key \"", kid, "\""));
  }
  if (!claims.contains("aud") || !HasAudience(claims["aud"])) {
    return Rejected(absl::StrCat("aud must be ", kIamAudience));
  }
  std::optional<absl::Time> exp = NumericDate(claims, "exp");
  if (!exp) return Rejected("exp is missing or not a time");
  if (*exp + kClockSkew <= now) return Rejected("token has expired (exp)");
  std::optional<absl::Time> iat = NumericDate(claims, "iat");
  if (!iat) return Rejected("iat is missing or not a time");
  if (*iat > now + kClockSkew) return Rejected("iat is in the future");
  return key.service_account_id;
}

}  // namespace clouddesktop::emulator::internal
