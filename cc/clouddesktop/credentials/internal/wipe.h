// Cleansing secrets (tokens, keys, JWTs) from memory once they are used.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_WIPE_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_WIPE_H_

#include <openssl/crypto.h>

#include <string>

#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Overwrites the characters of `s` (OPENSSL_cleanse: not optimized away)
// and empties it.
inline void Wipe(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_WIPE_H_
