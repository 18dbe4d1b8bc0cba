// The class every snippet of //tests/thread_safety uses: a counter whose
// state internal::Mutex guards.

#ifndef TESTS_THREAD_SAFETY_COUNTER_H_
#define TESTS_THREAD_SAFETY_COUNTER_H_

#include "absl/base/thread_annotations.h"
#include "clouddesktop/internal/mutex.h"

namespace thread_safety_test {

class Counter {
 public:
  int Get();
  void Add(int n);
  void WaitForPositive();

 private:
  void AddLocked(int n) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { count_ += n; }

  clouddesktop::internal::Mutex mu_;
  clouddesktop::internal::CondVar cv_;
  int count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace thread_safety_test

#endif  // TESTS_THREAD_SAFETY_COUNTER_H_
