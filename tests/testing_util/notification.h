// absl::Notification on clouddesktop::internal::Mutex: ThreadSanitizer
// cannot see inside the (uninstrumented) system abseil, so tests hand off
// between threads with what it can see. Thread-safe.

#ifndef TESTS_TESTING_UTIL_NOTIFICATION_H_
#define TESTS_TESTING_UTIL_NOTIFICATION_H_

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"

namespace testing_util {

class Notification {
 public:
  void Notify() {
    clouddesktop::internal::MutexLock lock(&mu_);
    notified_ = true;
    cv_.SignalAll();
  }

  bool HasBeenNotified() const {
    clouddesktop::internal::MutexLock lock(&mu_);
    return notified_;
  }

  void WaitForNotification() {
    clouddesktop::internal::MutexLock lock(&mu_);
    while (!notified_) cv_.Wait(&mu_);
  }

  // False if `timeout` passed first.
  bool WaitForNotificationWithTimeout(absl::Duration timeout) {
    clouddesktop::internal::MutexLock lock(&mu_);
    const auto deadline =
        clouddesktop::internal::CondVar::SteadyDeadline(timeout);
    while (!notified_) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return notified_;
  }

 private:
  mutable clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar cv_;
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_NOTIFICATION_H_
