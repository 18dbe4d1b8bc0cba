// Verification of the JWTs that IamTokenService.Create exchanges for IAM
// tokens: PS256 (RSASSA-PSS, SHA-256, salt length 32) signatures by a
// registered service-account key, and the claims the real service checks.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_JWT_VERIFIER_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_JWT_VERIFIER_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace clouddesktop::emulator::internal {

// The audience every JWT must name.
inline constexpr absl::string_view kIamAudience =
    "https://iam.api.cloud.yandex.net/iam/v1/tokens";
// Tolerated clock difference for `iat` and `exp`.
inline constexpr absl::Duration kClockSkew = absl::Seconds(30);

// Thread-safe (one mutex around the key table). Cost of Verify: one RSA
// signature check (tens of microseconds for 2048-bit keys).
class JwtVerifier {
 public:
  JwtVerifier();
  ~JwtVerifier();

  // INVALID_ARGUMENT if `public_key_pem` is not a PEM RSA public key.
  // A key id registered again is replaced.
  absl::Status AddKey(absl::string_view service_account_id,
                      absl::string_view key_id,
                      absl::string_view public_key_pem);

  // The service account id the JWT authenticates. Errors never quote the
  // token: INVALID_ARGUMENT when it is not a JWT at all, UNAUTHENTICATED
  // naming the failed check (unknown kid, bad signature, iss, aud, exp,
  // iat) otherwise.
  absl::StatusOr<std::string> Verify(absl::string_view jwt,
                                     absl::Time now) const;

 private:
  struct Key {
    std::string service_account_id;
    std::shared_ptr<EVP_PKEY> public_key;
  };

  mutable clouddesktop::internal::Mutex mu_;
  absl::flat_hash_map<std::string, Key> keys_ ABSL_GUARDED_BY(mu_);
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_JWT_VERIFIER_H_
