#include "clouddesktop/credentials/internal/warning.h"

#include <cstdio>

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

void Warn(const WarningSink& sink, absl::string_view message) {
  if (sink) {
    sink(message);
    return;
  }
  std::fprintf(stderr, "clouddesktop: warning: %.*s\n",
               static_cast<int>(message.size()), message.data());
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
