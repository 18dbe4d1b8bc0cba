// Random (version 4) UUIDs for request ids and idempotency keys.

#ifndef CLOUDDESKTOP_INTERNAL_UUID_H_
#define CLOUDDESKTOP_INTERNAL_UUID_H_

#include <string>

namespace clouddesktop {
namespace internal {

// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, 122 random bits from a per-thread
// generator seeded from the OS. Thread-safe; no locks.
std::string MakeUuid();

}  // namespace internal
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_UUID_H_
