// Shared pieces of the credentials tests: a fake clock, key-file JSON, a
// warning collector, scoped environment variables and a closed port; keys
// and temporary files come from tests/testing_util.

#ifndef TESTS_CREDENTIALS_TEST_UTIL_H_
#define TESTS_CREDENTIALS_TEST_UTIL_H_

#include <openssl/evp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/credentials/credentials.h"
#include "clouddesktop/internal/mutex.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/temp_file.h"

namespace credentials_test {

// Time moves only when told to. Thread-safe.
class FakeClock final : public clouddesktop::Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1700000000))
      : now_(start) {}
  absl::Time Now() const override {
    clouddesktop::internal::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    clouddesktop::internal::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable clouddesktop::internal::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

// One copy of the key and file helpers for every test area
// (tests/testing_util), named here as the credentials tests use them.
using ::testing_util::KeyPtr;
using ::testing_util::NewEcKey;
using ::testing_util::NewRsaKey;
using ::testing_util::PemBody;
using ::testing_util::PrivateKeyPem;
using ::testing_util::PublicKeyPem;
using ::testing_util::SharedRsaKey;
using ::testing_util::WriteTempFile;

// A key file as `yc iam key create` writes it (with the "PLEASE DO NOT
// REMOVE THIS LINE!" line before the private key), for `key`.
std::string KeyFileJson(EVP_PKEY* key, absl::string_view key_id = "key-id-1",
                        absl::string_view service_account_id = "sa-id-1");

// Collects warnings; thread-safe.
class Warnings {
 public:
  clouddesktop::WarningSink sink();
  std::vector<std::string> all() const;

 private:
  struct State {
    mutable clouddesktop::internal::Mutex mu;
    std::vector<std::string> messages ABSL_GUARDED_BY(mu);
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// Sets (or, with nullptr, unsets) an environment variable for the scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

// A loopback port with nothing listening (bound, never listened on), so a
// connection is refused at once. Holds the port while alive.
class ClosedPort {
 public:
  ClosedPort();
  ~ClosedPort();
  int port() const { return port_; }
  std::string address() const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace credentials_test

#endif  // TESTS_CREDENTIALS_TEST_UTIL_H_
