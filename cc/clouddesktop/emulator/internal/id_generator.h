// Random identifiers: resource and operation ids shaped like the real
// service's, request/trace ids, IAM tokens, passwords.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_ID_GENERATOR_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_ID_GENERATOR_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {

// Id prefixes of each kind of resource (3 characters each).
inline constexpr absl::string_view kImagePrefix = "dim";
inline constexpr absl::string_view kGroupPrefix = "dgr";
inline constexpr absl::string_view kDesktopPrefix = "dsk";
inline constexpr absl::string_view kOperationPrefix = "dop";

// Thread-safe (one mutex around an OS-seeded generator). Cost: a lock and a
// few dozen random draws per id.
class IdGenerator {
 public:
  // `prefix` followed by random [a-z0-9], 20 characters in all.
  std::string ResourceId(absl::string_view prefix);
  // A random (version 4) UUID, e.g. "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
  std::string Uuid();
  // "t1." followed by 80 random URL-safe characters.
  std::string IamToken();
  // 16 characters mixing upper and lower case letters, digits and symbols.
  std::string Password();
  // 32 random bytes, for keys that must not be guessable.
  std::string SecretBytes();

 private:
  std::string Draw(absl::string_view alphabet, int count);

  clouddesktop::internal::Mutex mu_;
  absl::BitGen gen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_ID_GENERATOR_H_
