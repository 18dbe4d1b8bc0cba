// Counts the process's C++ heap allocations, for the tests and benchmarks
// that check how much a path allocates. Linking this library replaces the
// global operator new and delete of the whole binary; under
// AddressSanitizer or ThreadSanitizer (which own them) nothing is replaced,
// the count stays 0 and AllocationCountingEnabled() is false.

#ifndef TESTS_TESTING_UTIL_ALLOCATION_COUNTER_H_
#define TESTS_TESTING_UTIL_ALLOCATION_COUNTER_H_

namespace testing_util {

// Whether operator new is counted in this build.
bool AllocationCountingEnabled();

// Allocations through operator new since the process started, on every
// thread. Compare two readings around the code of interest.
long AllocationCount();

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_ALLOCATION_COUNTER_H_
