// Must NOT compile under --config=thread_safety: Add calls AddLocked
// (ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_)) without the lock.
#include "tests/thread_safety/counter.h"

namespace thread_safety_test {

int Counter::Get() {
  clouddesktop::internal::MutexLock lock(&mu_);
  return count_;
}

void Counter::Add(int n) { AddLocked(n); }

void Counter::WaitForPositive() {
  clouddesktop::internal::MutexLock lock(&mu_);
  while (count_ <= 0) cv_.Wait(&mu_);
}

}  // namespace thread_safety_test
