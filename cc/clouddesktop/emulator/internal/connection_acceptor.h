// The emulator's own TCP listener: it accepts connections and hands each to
// the gRPC server through gRPC's external-connection API.
//
// Why not gRPC's listener: gRPC 1.51 stops accepting on a port for good
// after one accept4() failure other than EAGAIN, EINTR (its
// tcp_server_posix.cc: "Failed accept4", then the listener closes), so one
// moment out of file descriptors (EMFILE) leaves a long-running debugging
// server alive but deaf, with clients timing out and sockets piling up in
// CLOSE-WAIT. This loop never stops accepting:
//  - out of descriptors, it refuses the waiting connection (a reserve
//    descriptor is freed to accept and close it, so the client sees a closed
//    connection at once rather than a hang), says so on stderr at most once
//    every few seconds, and accepts again as soon as descriptors free up;
//  - it bounds connections below the soft descriptor limit: a connection
//    whose descriptor would be within kDescriptorHeadroom of the limit is
//    closed at once (descriptors are allocated lowest-first, so the number
//    is the count in use), keeping descriptors for the server's own work.
//
// Thread safety: Listen, Start and Stop from one thread (the emulator's
// owner); the accept loop runs on a thread of its own.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_CONNECTION_ACCEPTOR_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_CONNECTION_ACCEPTOR_H_

#include <grpcpp/server_builder.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace clouddesktop::emulator::internal {

class ConnectionAcceptor {
 public:
  // Descriptors kept free below the soft limit for the server itself.
  static constexpr int kDescriptorHeadroom = 16;

  // Binds and listens on every address (HOST:PORT as ListenAddresses gives
  // them). A port 0 is chosen by the system on the first address and used
  // for the rest. UNAVAILABLE "HOST:PORT: address in use" (or the system's
  // reason) if one cannot be bound.
  static absl::StatusOr<std::unique_ptr<ConnectionAcceptor>> Listen(
      const std::vector<std::string>& addresses);

  ~ConnectionAcceptor();
  ConnectionAcceptor(const ConnectionAcceptor&) = delete;
  ConnectionAcceptor& operator=(const ConnectionAcceptor&) = delete;

  int port() const { return port_; }

  // Starts accepting, handing connections to `sink` (from
  // ServerBuilder::experimental().AddExternalConnectionAcceptor, once the
  // server is started).
  void Start(
      std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> sink);
  // Stops accepting and closes the listening sockets; connections already
  // handed over stay with the server. Idempotent.
  void Stop();

  // Connections refused so far (out of descriptors, or over the bound).
  int64_t refused() const { return refused_.load(); }

 private:
  ConnectionAcceptor() = default;

  void Loop();
  // Accepts until the backlog of `listener` is empty; false to back off.
  bool AcceptAll(int listener);
  void Refuse(const char* why);
  // Waits up to `timeout` for Stop; true if stopping.
  bool StopRequested(absl::Duration timeout);

  std::vector<int> listeners_;
  int port_ = 0;
  int wake_read_ = -1;
  int wake_write_ = -1;
  int reserve_ = -1;  // /dev/null, given up to refuse one connection
  int soft_limit_ = 0;
  std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> sink_;
  std::thread thread_;
  std::atomic<int64_t> refused_{0};
  absl::Time last_notice_ = absl::InfinitePast();  // loop thread only
};

// Raises this process's soft open-file limit to its hard limit (what a
// long-running server should have); returns the new soft limit.
int RaiseOpenFileLimit();

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_CONNECTION_ACCEPTOR_H_
