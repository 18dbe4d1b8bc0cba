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
