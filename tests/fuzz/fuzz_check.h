// FUZZ_CHECK(cond): the property a fuzz target asserts. On failure it
// prints the condition and aborts, which libFuzzer reports as a crash (and
// saves the input) and which fails the replay test under gcc. Unlike
// assert() it stays on in optimized builds.

#ifndef TESTS_FUZZ_FUZZ_CHECK_H_
#define TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                               \
  do {                                                                 \
    if (!(cond)) {                                                     \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                   \
      std::abort();                                                    \
    }                                                                  \
  } while (false)

#endif  // TESTS_FUZZ_FUZZ_CHECK_H_
