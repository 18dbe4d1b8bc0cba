// Must NOT compile under --config=thread_safety: Get reads count_ without
// holding mu_.
#include "tests/thread_safety/counter.h"

namespace thread_safety_test {

int Counter::Get() { return count_; }

void Counter::Add(int n) {
  clouddesktop::internal::MutexLock lock(&mu_);
  AddLocked(n);
}

void Counter::WaitForPositive() {
  clouddesktop::internal::MutexLock lock(&mu_);
  while (count_ <= 0) cv_.Wait(&mu_);
}

}  // namespace thread_safety_test
