// Where the providers' warnings go.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_WARNING_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_WARNING_H_

#include "absl/strings/string_view.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Gives `message` (never a secret) to `sink`, or writes it to stderr as one
// line when `sink` is null.
void Warn(const WarningSink& sink, absl::string_view message);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_WARNING_H_
