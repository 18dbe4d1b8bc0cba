// Happens-before edges that ThreadSanitizer cannot see on its own: those
// gRPC creates inside its (uninstrumented, system) library between the
// thread that starts a call and the thread that runs its callback. No-ops
// in other builds.

#ifndef CLOUDDESKTOP_INTERNAL_TSAN_H_
#define CLOUDDESKTOP_INTERNAL_TSAN_H_

// `--config=tsan` defines CLOUDDESKTOP_TSAN itself (it hides
// __SANITIZE_THREAD__ from the system libraries' headers: see .bazelrc).
#ifndef CLOUDDESKTOP_TSAN
#if defined(__SANITIZE_THREAD__)
#define CLOUDDESKTOP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CLOUDDESKTOP_TSAN 1
#endif
#endif
#endif

#ifdef CLOUDDESKTOP_TSAN
#include <sanitizer/tsan_interface.h>
#endif

#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

#ifdef CLOUDDESKTOP_TSAN
inline void TsanRelease(void* address) { __tsan_release(address); }
inline void TsanAcquire(void* address) { __tsan_acquire(address); }
#else
inline void TsanRelease(void*) {}
inline void TsanAcquire(void*) {}
#endif

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_TSAN_H_
