#include "emulator/internal/listen_address.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace emulator::internal {
namespace {

// Binds a TCP socket to host:port once and closes it. The port bound (the
// system's choice for port 0), or the errno of the first failing step.
struct BindResult {
  int port = 0;
  int error = 0;
};

BindResult TryBind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string service = absl::StrCat(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return {0, EADDRNOTAVAIL};
  }
  BindResult result{0, EADDRNOTAVAIL};
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) {
      result.error = errno;
      continue;
    }
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) {
      result.error = errno;
      close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    close(fd);
    result.error = 0;
    result.port =
        bound.ss_family == AF_INET6
            ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
            : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    break;
  }
  freeaddrinfo(found);
  return result;
}

std::string Describe(int error) {
  if (error == EADDRINUSE) return "address in use";
  return std::strerror(error);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ListenAddresses(
    const std::string& host, int port) {
  if (host != "localhost") return {{absl::StrCat(host, ":", port)}};
  if (port == 0) {
    // One port for both loopbacks: take a free one on 127.0.0.1. Another
    // process could take it before gRPC binds it; Start then fails with
    // "address in use", as it would for a fixed port.
    BindResult free = TryBind("127.0.0.1", 0);
    if (free.error != 0) {
      return absl::UnavailableError(absl::StrCat(
          "cannot listen on localhost:0: 127.0.0.1: ", Describe(free.error)));
    }
    port = free.port;
  }
  std::vector<std::string> out = {absl::StrCat("127.0.0.1:", port)};
  BindResult v6 = TryBind("::1", port);
  // No IPv6 loopback (a container without it): 127.0.0.1 alone. Any other
  // failure (::1 taken) is left for Start to report.
  if (v6.error != EADDRNOTAVAIL && v6.error != EAFNOSUPPORT) {
    out.push_back(absl::StrCat("[::1]:", port));
  }
  return out;
}

}  // namespace emulator::internal
