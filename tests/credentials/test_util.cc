#include "tests/credentials/test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clouddesktop/internal/mutex.h"

namespace credentials_test {
namespace {

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);  // NOLINT(runtime/int)
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

KeyPtr NewRsaKey(int bits) {
  return KeyPtr(EVP_RSA_gen(static_cast<unsigned int>(bits)), &EVP_PKEY_free);
}

KeyPtr SharedRsaKey() {
  static const KeyPtr* const key = new KeyPtr(NewRsaKey(2048));
  return *key;
}

KeyPtr NewEcKey() { return KeyPtr(EVP_EC_gen("P-256"), &EVP_PKEY_free); }

std::string PrivateKeyPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()),
                                                &BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr,
                           nullptr);
  return BioToString(bio.get());
}

std::string PublicKeyPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()),
                                                &BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key);
  return BioToString(bio.get());
}

std::string PemBody(absl::string_view pem) {
  std::string body;
  for (absl::string_view line : absl::StrSplit(pem, '\n')) {
    if (absl::StartsWith(line, "-----") || line.empty()) continue;
    absl::StrAppend(&body, line);
  }
  return body;
}

std::string KeyFileJson(EVP_PKEY* key, absl::string_view key_id,
                        absl::string_view service_account_id) {
  nlohmann::json json = {
      {"id", std::string(key_id)},
      {"service_account_id", std::string(service_account_id)},
      {"created_at", "2024-01-02T03:04:05.678901Z"},
      {"key_algorithm", "RSA_2048"},
      {"public_key", PublicKeyPem(key)},
      {"private_key",
       absl::StrCat("PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <",
                    key_id, ">\n", PrivateKeyPem(key))},
  };
  return json.dump(2);
}

std::string WriteTempFile(absl::string_view name, absl::string_view contents,
                          int mode) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name);
  unlink(path.c_str());
  {
    std::ofstream out(path, std::ios::binary);
    out << contents;
  }
  chmod(path.c_str(), static_cast<mode_t>(mode));
  return path;
}

clouddesktop::WarningSink Warnings::sink() {
  return [state = state_](absl::string_view message) {
    clouddesktop::internal::MutexLock lock(&state->mu);
    state->messages.emplace_back(message);
  };
}

std::vector<std::string> Warnings::all() const {
  clouddesktop::internal::MutexLock lock(&state_->mu);
  return state_->messages;
}

ScopedEnv::ScopedEnv(const char* name, const char* value) : name_(name) {
  const char* old = std::getenv(name);
  had_ = old != nullptr;
  if (had_) old_ = old;
  if (value != nullptr) {
    setenv(name, value, 1);
  } else {
    unsetenv(name);
  }
}

ScopedEnv::~ScopedEnv() {
  if (had_) {
    setenv(name_.c_str(), old_.c_str(), 1);
  } else {
    unsetenv(name_.c_str());
  }
}

ClosedPort::ClosedPort() {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

ClosedPort::~ClosedPort() { close(fd_); }

std::string ClosedPort::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

}  // namespace credentials_test
