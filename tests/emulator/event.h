// A one-shot event for tests, on std::mutex so that ThreadSanitizer sees the
// hand-off (the system abseil, absl::Notification included, is not
// instrumented).

#ifndef TESTS_EMULATOR_EVENT_H_
#define TESTS_EMULATOR_EVENT_H_

#include <condition_variable>
#include <mutex>

#include "absl/time/time.h"

namespace emulator_test {

// Thread-safe.
class Event {
 public:
  void Notify() {
    std::lock_guard<std::mutex> lock(mu_);
    set_ = true;
    cv_.notify_all();
  }

  bool HasBeenNotified() const {
    std::lock_guard<std::mutex> lock(mu_);
    return set_;
  }

  // Whether the event happened within `timeout`.
  bool WaitFor(absl::Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, absl::ToChronoNanoseconds(timeout),
                        [this] { return set_; });
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

}  // namespace emulator_test

#endif  // TESTS_EMULATOR_EVENT_H_
