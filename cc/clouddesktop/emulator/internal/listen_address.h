// Where the emulator listens: `localhost` as both loopbacks, and binding
// its TCP sockets.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_LISTEN_ADDRESS_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_LISTEN_ADDRESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace clouddesktop::emulator::internal {

// The addresses to hand gRPC for `host`:`port`. For `localhost`: both
// 127.0.0.1 and [::1] on one port (tools resolve localhost to either, and
// /etc/hosts often names only one of them), the port chosen here when it
// is 0; [::1] is left out where the machine has no IPv6 loopback. Any other
// host: `host:port` unchanged.
absl::StatusOr<std::vector<std::string>> ListenAddresses(
    const std::string& host, int port);

// A TCP socket bound to host:port (port 0: the system's choice), with
// SO_REUSEADDR (no SO_REUSEPORT), non-blocking and close-on-exec, and
// listening when `listen_backlog` > 0: the socket and the port bound, or
// fd -1 and the errno of the last step that failed.
struct BoundSocket {
  int fd = -1;
  int port = 0;
  int error = 0;
};
BoundSocket BindTcp(const std::string& host, int port, int listen_backlog);

// A bind error in plain words: "address in use", else strerror.
std::string DescribeSocketError(int error);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_LISTEN_ADDRESS_H_
