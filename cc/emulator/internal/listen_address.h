// Where the emulator listens: `localhost` as both loopbacks.

#ifndef EMULATOR_INTERNAL_LISTEN_ADDRESS_H_
#define EMULATOR_INTERNAL_LISTEN_ADDRESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace emulator::internal {

// The addresses to hand gRPC for `host`:`port`. For `localhost`: both
// 127.0.0.1 and [::1] on one port (tools resolve localhost to either, and
// /etc/hosts often names only one of them), the port chosen here when it
// is 0; [::1] is left out where the machine has no IPv6 loopback. Any other
// host: `host:port` unchanged.
absl::StatusOr<std::vector<std::string>> ListenAddresses(
    const std::string& host, int port);

}  // namespace emulator::internal

#endif  // EMULATOR_INTERNAL_LISTEN_ADDRESS_H_
