// The IAM tokens an emulator has issued: what `authorization: Bearer` must
// carry when tokens are required.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_TOKEN_REGISTRY_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_TOKEN_REGISTRY_H_

#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/emulator/internal/id_generator.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {

struct IssuedToken {
  std::string token;
  absl::Time expires_at;
};

// Thread-safe (one mutex). Cost: a hash lookup per check. Tokens are kept
// until revoked or found expired.
class TokenRegistry {
 public:
  TokenRegistry(IdGenerator* ids, absl::Duration lifetime);

  // A new token for `subject`, valid for the registry's lifetime.
  IssuedToken Issue(absl::string_view subject);

  // The subject of a valid (issued, unexpired, unrevoked) token.
  std::optional<std::string> Check(absl::string_view token);

  // Forgets `token`; returns its subject, or nothing if it was unknown.
  std::optional<std::string> Revoke(absl::string_view token);

 private:
  struct Entry {
    std::string subject;
    absl::Time expires_at;
  };

  IdGenerator* ids_;
  absl::Duration lifetime_;
  clouddesktop::internal::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> tokens_ ABSL_GUARDED_BY(mu_);
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_TOKEN_REGISTRY_H_
