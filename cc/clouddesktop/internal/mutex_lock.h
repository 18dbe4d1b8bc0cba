// absl::MutexLock that ThreadSanitizer can see. Debian's abseil is built
// without TSan, so the acquire and release inside absl::Mutex are invisible
// to it and state guarded by one looks racy; annotations on the mutex's
// address stand in for them (no-ops outside TSan builds).

#ifndef CLOUDDESKTOP_INTERNAL_MUTEX_LOCK_H_
#define CLOUDDESKTOP_INTERNAL_MUTEX_LOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

class ABSL_SCOPED_LOCKABLE VisibleMutexLock {
 public:
  explicit VisibleMutexLock(absl::Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->Lock();
    TsanAcquire(mu_);
  }
  ~VisibleMutexLock() ABSL_UNLOCK_FUNCTION() {
    TsanRelease(mu_);
    mu_->Unlock();
  }
  VisibleMutexLock(const VisibleMutexLock&) = delete;
  VisibleMutexLock& operator=(const VisibleMutexLock&) = delete;

 private:
  absl::Mutex* const mu_;
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_MUTEX_LOCK_H_
