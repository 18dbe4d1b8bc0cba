// Compiles under --config=thread_safety: every access holds the lock.
#include "tests/thread_safety/counter.h"

namespace thread_safety_test {

int Counter::Get() {
  clouddesktop::internal::MutexLock lock(&mu_);
  return count_;
}

void Counter::Add(int n) {
  clouddesktop::internal::ReleasableMutexLock lock(&mu_);
  AddLocked(n);
  lock.Release();
  cv_.SignalAll();
}

void Counter::WaitForPositive() {
  clouddesktop::internal::MutexLock lock(&mu_);
  while (count_ <= 0) cv_.Wait(&mu_);
}

}  // namespace thread_safety_test
