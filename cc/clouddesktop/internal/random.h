// The random generator of the calling thread, for jitter and request ids.

#ifndef CLOUDDESKTOP_INTERNAL_RANDOM_H_
#define CLOUDDESKTOP_INTERNAL_RANDOM_H_

#include "absl/random/random.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// One generator per thread rather than per user: policies are cloned for
// every call and every wait, and an absl::BitGen is ~300 bytes that must be
// seeded. Not shared between threads, so no lock.
inline absl::BitGen& ThreadBitGen() {
  thread_local absl::BitGen gen;
  return gen;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_RANDOM_H_
