// The JWT a service account signs to get an IAM token (PS256).

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_JWT_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_JWT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/internal/service_account_key.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr char kIamTokenAudience[] =
    "https://iam.api.cloud.yandex.net/iam/v1/tokens";
inline constexpr absl::Duration kJwtLifetime = absl::Hours(1);

// header.claims.signature, each part base64url without padding:
//   header {"alg":"PS256","kid":<key.id>,"typ":"JWT"}
//   claims {"aud":kIamTokenAudience,"exp":iat+3600,"iat":<now, seconds>,
//           "iss":<key.service_account_id>}
//   signature RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32.
// The result is a credential: never log it. INTERNAL if OpenSSL fails.
// Cost: one RSA signature (about a millisecond for 2048 bits).
absl::StatusOr<std::string> MakeServiceAccountJwt(const ServiceAccountKey& key,
                                                  absl::Time now);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_JWT_H_
