// Tells ThreadSanitizer about a hand-over it cannot see: an object passed
// from our thread to a gRPC callback thread through the uninstrumented
// system libgrpc. Without it, every first touch of our state in the
// callback looks like a race; with it, our code stays fully checked (no
// suppression covers it). No-ops unless built with -fsanitize=thread.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_TSAN_HANDOFF_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_TSAN_HANDOFF_H_

// GCC says __SANITIZE_THREAD__, clang __has_feature(thread_sanitizer).
#if defined(__SANITIZE_THREAD__)
#define CLOUDDESKTOP_CREDENTIALS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CLOUDDESKTOP_CREDENTIALS_TSAN 1
#endif
#endif

#if defined(CLOUDDESKTOP_CREDENTIALS_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Everything this thread did before HandOff(p) happens before everything
// the thread calling TakeOver(p) does after it.
inline void HandOff(void* p) {
#if defined(CLOUDDESKTOP_CREDENTIALS_TSAN)
  __tsan_release(p);
#else
  (void)p;
#endif
}

inline void TakeOver(void* p) {
#if defined(CLOUDDESKTOP_CREDENTIALS_TSAN)
  __tsan_acquire(p);
#else
  (void)p;
#endif
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_TSAN_HANDOFF_H_
