// Must NOT compile under --config=thread_safety: WaitForPositive waits on
// the CondVar (which needs mu_ held) after dropping the lock.
#include "tests/thread_safety/counter.h"

namespace thread_safety_test {

int Counter::Get() {
  clouddesktop::internal::MutexLock lock(&mu_);
  return count_;
}

void Counter::Add(int n) {
  clouddesktop::internal::MutexLock lock(&mu_);
  AddLocked(n);
}

void Counter::WaitForPositive() {
  clouddesktop::internal::ReleasableMutexLock lock(&mu_);
  if (count_ > 0) return;
  lock.Release();
  cv_.Wait(&mu_);
}

}  // namespace thread_safety_test
