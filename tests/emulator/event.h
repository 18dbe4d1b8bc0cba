// A one-shot event for tests, on clouddesktop::internal::Mutex so that
// ThreadSanitizer sees the hand-off (the system abseil, absl::Notification
// included, is not instrumented).

#ifndef TESTS_EMULATOR_EVENT_H_
#define TESTS_EMULATOR_EVENT_H_

#include <condition_variable>
#include <mutex>

#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"

namespace emulator_test {

// Thread-safe.
class Event {
 public:
  void Notify() {
    clouddesktop::internal::MutexLock lock(&mu_);
    set_ = true;
    cv_.SignalAll();
  }

  bool HasBeenNotified() const {
    clouddesktop::internal::MutexLock lock(&mu_);
    return set_;
  }

  // Whether the event happened within `timeout`.
  bool WaitFor(absl::Duration timeout) {
    clouddesktop::internal::MutexLock lock(&mu_);
    const auto deadline =
        clouddesktop::internal::CondVar::SteadyDeadline(timeout);
    while (!set_) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return set_;
  }

 private:
  mutable clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar cv_;
  bool set_ = false;
};

}  // namespace emulator_test

#endif  // TESTS_EMULATOR_EVENT_H_
