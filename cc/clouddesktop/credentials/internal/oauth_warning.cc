#include "clouddesktop/credentials/internal/oauth_warning.h"

#include <atomic>

#include "clouddesktop/credentials/internal/warning.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

std::atomic<bool> warned{false};

}  // namespace

void WarnOAuthDeprecatedOnce(const WarningSink& sink) {
  if (warned.exchange(true)) return;
  Warn(sink, kOAuthDeprecationWarning);
}

void ResetOAuthWarningForTesting() { warned.store(false); }

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
