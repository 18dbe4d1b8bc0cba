// Random (version 4) UUIDs for request ids and idempotency keys.

#ifndef CLOUDDESKTOP_INTERNAL_UUID_H_
#define CLOUDDESKTOP_INTERNAL_UUID_H_

#include <string>

#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, 122 random bits from a per-thread
// generator seeded from the OS. Thread-safe; no locks.
std::string MakeUuid();

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_UUID_H_
