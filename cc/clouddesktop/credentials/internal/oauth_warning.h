// The once-per-process deprecation warning of OAuth-token credentials.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_OAUTH_WARNING_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_OAUTH_WARNING_H_

#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr char kOAuthDeprecationWarning[] =
    "OAuth-token credentials ($YC_TOKEN, MakeOAuthTokenAuth) are deprecated "
    "by Yandex Cloud; use a service-account key "
    "($YC_SERVICE_ACCOUNT_KEY_FILE) or the VM's service account instead";

// The first call in the process gives the warning to `sink` (stderr when it
// is null); later calls do nothing. Thread-safe.
void WarnOAuthDeprecatedOnce(const WarningSink& sink);

// Lets the next WarnOAuthDeprecatedOnce warn again. Tests only.
void ResetOAuthWarningForTesting();

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_OAUTH_WARNING_H_
