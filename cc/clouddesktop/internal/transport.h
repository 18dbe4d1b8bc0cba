// What the four connections made by one MakeConnections call share: the
// options, the executor, the channels (gRPC) or the HTTP client (REST, held
// by the Stubs), and the decorated Stubs.

#ifndef CLOUDDESKTOP_INTERNAL_TRANSPORT_H_
#define CLOUDDESKTOP_INTERNAL_TRANSPORT_H_

#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/executor.h"
#include "clouddesktop/internal/rpc_limiter.h"
#include "clouddesktop/internal/stub_factory.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Immutable after construction; thread-safe. Destroying it shuts the
// executor down (joining its threads). Held by the connections and by every
// call in flight.
class Transport {
 public:
  explicit Transport(ConnectionOptions options);
  // Over an existing channel, for every service (benchmarks and tests that
  // compare the facade with raw stubs on the very same channel).
  Transport(ConnectionOptions options, std::shared_ptr<grpc::Channel> channel);
  // Over another transport's Stubs (undecorated; the options' decorators
  // are stacked on them): no channel. A test's fake transport; with no
  // Stubs, the executor and limiter of the credentials' IAM exchange, which
  // holds its own stub.
  Transport(ConnectionOptions options, Stubs transport_stubs);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  const ConnectionOptions& options() const { return options_; }
  // Not OK when the options cannot work whatever the server does (custom
  // TLS roots that hold no certificate): every call then fails with it at
  // once, naming the option, instead of retrying gRPC's "empty address
  // list".
  const absl::Status& config_status() const { return config_status_; }
  const std::shared_ptr<Executor>& executor() const { return executor_; }
  // The options' clock (SystemClock() by default); never null.
  const Clock& clock() const { return *executor_->clock(); }
  // Null over REST.
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  // The bound on RPCs in flight over both channels, or over the HTTP
  // client (thread-safe).
  RpcLimiter& limiter() const { return *limiter_; }
  const std::shared_ptr<grpc::Channel>& operation_channel() const {
    return operation_channel_;
  }

  // Every service's Stub, decorated (see stub_factory.h).
  const Stubs& stubs() const { return stubs_; }

  // Connections over this transport destroyed on its executor's threads.
  // A shared_ptr: such a connection adds itself after it has let go of the
  // transport (see ~ConnectionBase).
  const std::shared_ptr<OrphanedRegistries>& orphans() const {
    return orphans_;
  }

 private:
  const ConnectionOptions options_;
  absl::Status config_status_;
  std::shared_ptr<Executor> executor_;
  const std::unique_ptr<RpcLimiter> limiter_;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<grpc::Channel> operation_channel_;
  Stubs stubs_;
  const std::shared_ptr<OrphanedRegistries> orphans_ =
      std::make_shared<OrphanedRegistries>();
};

// Destroys `transport`, on its executor when called inside a gRPC callback
// (see grpc_callback_thread.h), where its channels may not be released.
// The deleter of every Transport MakeTransport makes.
void DestroyTransport(Transport* transport);

// A Transport whose last reference may go on any thread. It can go on
// gRPC's callback thread: connections destroyed on the executor's threads
// leave their calls in flight to finish on their own (see
// ~ConnectionBase), and the last of them releases the Transport there.
template <typename... Args>
std::shared_ptr<Transport> MakeTransport(Args&&... args) {
  return std::shared_ptr<Transport>(new Transport(std::forward<Args>(args)...),
                                    &DestroyTransport);
}

// OK, or why `options` cannot work whatever the server does (custom TLS
// roots that hold no certificate), naming the option.
absl::Status CheckConnectionOptions(const ConnectionOptions& options);

// The credentials ConnectionOptions ask for (TLS with system or custom
// roots, or plaintext when `insecure`).
std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(
    const ConnectionOptions& options);

// A channel to `endpoint` with the options' arguments and user agent.
std::shared_ptr<grpc::Channel> MakeChannel(const ConnectionOptions& options,
                                           const std::string& endpoint);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_TRANSPORT_H_
