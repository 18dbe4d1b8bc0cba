#include "tests/testing_util/allocation_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include "clouddesktop/internal/tsan.h"  // CLOUDDESKTOP_TSAN

// The sanitizers own operator new: under AddressSanitizer a replacement is
// refused, under ThreadSanitizer the libraries' calls bind to the runtime's.
#if defined(__SANITIZE_ADDRESS__) || defined(CLOUDDESKTOP_TSAN)
#define CLOUDDESKTOP_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLOUDDESKTOP_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef CLOUDDESKTOP_COUNT_ALLOCATIONS
#define CLOUDDESKTOP_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

namespace testing_util {

bool AllocationCountingEnabled() { return CLOUDDESKTOP_COUNT_ALLOCATIONS; }

long AllocationCount() { return g_allocations.load(); }

}  // namespace testing_util

#if CLOUDDESKTOP_COUNT_ALLOCATIONS
// GCC sees malloc/free inside replaced new/delete as a mismatch; they match.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif
