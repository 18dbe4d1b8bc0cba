// Shared pieces of the credentials tests: a fake clock, keys made at run
// time with OpenSSL (no private key is checked in), key-file JSON, temporary
// files and a warning collector.

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

using KeyPtr = std::shared_ptr<EVP_PKEY>;

// A fresh RSA key of `bits`.
KeyPtr NewRsaKey(int bits = 2048);
// One 2048-bit RSA key made on first use and shared by the tests of a
// binary (key generation is slow under the sanitizers).
KeyPtr SharedRsaKey();
// A fresh P-256 key.
KeyPtr NewEcKey();

std::string PrivateKeyPem(EVP_PKEY* key);  // PKCS#8 "BEGIN PRIVATE KEY"
std::string PublicKeyPem(EVP_PKEY* key);   // "BEGIN PUBLIC KEY"

// The base64 body of a PEM, without the BEGIN/END lines and newlines: what
// must never show up in an error.
std::string PemBody(absl::string_view pem);

// A key file as `yc iam key create` writes it (with the "PLEASE DO NOT
// REMOVE THIS LINE!" line before the private key), for `key`.
std::string KeyFileJson(EVP_PKEY* key, absl::string_view key_id = "key-id-1",
                        absl::string_view service_account_id = "sa-id-1");

// Writes a file under $TEST_TMPDIR with `mode`; returns its path.
std::string WriteTempFile(absl::string_view name, absl::string_view contents,
                          int mode = 0600);

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
