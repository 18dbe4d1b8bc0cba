#include "clouddesktop/emulator/internal/listen_address.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace clouddesktop::emulator::internal {

BoundSocket BindTcp(const std::string& host, int port, int listen_backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = absl::StrCat(port);
  const char* node = host.empty() ? nullptr : host.c_str();
  if (getaddrinfo(node, service.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return {-1, 0, EADDRNOTAVAIL};
  }
  BoundSocket result{-1, 0, EADDRNOTAVAIL};
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd =
        socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
               a->ai_protocol);
    if (fd < 0) {
      result.error = errno;
      continue;
    }
    // As gRPC's listener: a restart may reuse a port in TIME_WAIT, but no
    // SO_REUSEPORT, so a second emulator on a taken port is refused.
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 ||
        (listen_backlog > 0 && listen(fd, listen_backlog) != 0)) {
      result.error = errno;
      close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    result.fd = fd;
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

std::string DescribeSocketError(int error) {
  if (error == EADDRINUSE) return "address in use";
  return std::strerror(error);
}

namespace {

// Binds host:port once and closes the socket: the port bound (the system's
// choice for port 0), or the errno.
struct BindResult {
  int port = 0;
  int error = 0;
};

BindResult TryBind(const std::string& host, int port) {
  const BoundSocket bound = BindTcp(host, port, /*listen_backlog=*/0);
  if (bound.fd >= 0) close(bound.fd);
  return {bound.port, bound.error};
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
      return absl::UnavailableError(
          absl::StrCat("cannot listen on localhost:0: 127.0.0.1: ",
                       DescribeSocketError(free.error)));
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

}  // namespace clouddesktop::emulator::internal
