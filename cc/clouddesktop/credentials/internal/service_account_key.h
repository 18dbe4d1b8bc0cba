// Service-account authorized keys: the JSON file `yc iam key create` writes.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_SERVICE_ACCOUNT_KEY_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_SERVICE_ACCOUNT_KEY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/version.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// A parsed, checked key. Immutable; shareable between threads.
struct ServiceAccountKey {
  std::string id;                         // the JWT's `kid`
  std::string service_account_id;         // the JWT's `iss`
  std::string created_at;                 // as written, may be empty
  std::string key_algorithm;              // as written, may be empty
  std::shared_ptr<EVP_PKEY> private_key;  // RSA, at least 2048 bits
};

// Parses a key file's contents. Required: `id`, `service_account_id`,
// `private_key` (PEM; text before its BEGIN line, like the "PLEASE DO NOT
// REMOVE THIS LINE!" line yc writes, is skipped). Checked when present:
// `created_at` (a string), `key_algorithm` (RSA_*), `public_key` (PEM, the
// private key's public half). Errors are INVALID_ARGUMENT, start with
// `source` and name one problem; they never quote the key or the file.
absl::StatusOr<ServiceAccountKey> ParseServiceAccountKey(
    absl::string_view json, absl::string_view source);

// Reads and parses the key file at `path`; errors name it (NOT_FOUND,
// PERMISSION_DENIED when unreadable). A file readable by group or others
// gets a warning through `warn`. The file's bytes are wiped from memory
// after parsing.
absl::StatusOr<ServiceAccountKey> ReadServiceAccountKeyFile(
    absl::string_view path, const WarningSink& warn);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_SERVICE_ACCOUNT_KEY_H_
