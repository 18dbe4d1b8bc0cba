#include "clouddesktop/credentials/internal/oauth_warning.h"

#include <atomic>

#include "clouddesktop/credentials/internal/warning.h"

namespace clouddesktop {
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
}  // namespace clouddesktop
