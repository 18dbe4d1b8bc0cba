// The Connection implementations over the generated stubs, and what they
// share.

#ifndef CLOUDDESKTOP_INTERNAL_CONNECTION_IMPLS_H_
#define CLOUDDESKTOP_INTERNAL_CONNECTION_IMPLS_H_

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_connection.h"
#include "clouddesktop/desktop_group_connection.h"
#include "clouddesktop/desktop_image_connection.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/async_retry_loop.h"
#include "clouddesktop/internal/call_registry.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr bool kIdempotent = true;
inline constexpr bool kMutating = false;

// The part every Connection implementation shares: the Transport, the
// registry of its calls in flight, and the call path (validation, then
// the retry loop).
class ConnectionBase {
 public:
  explicit ConnectionBase(std::shared_ptr<Transport> transport)
      : transport_(std::move(transport)),
        registry_(std::make_shared<CallRegistry>()) {}

  // Cancels every call and wait in flight and waits until they have all
  // completed, with those of connections its calls released on the
  // executor's threads meanwhile. On one of those threads (whose work the
  // calls may need) it cannot wait: it leaves its calls to the transport's
  // orphans, for the connection destroyed elsewhere that caused it.
  ~ConnectionBase() {
    registry_->CloseAndCancelAll();
    if (transport_->executor()->IsWorkerThread()) {
      // Let go of the transport before becoming visible to the waiter: the
      // thread destroying the last connection joins the executor's threads
      // by releasing the last reference, so it must not be ours.
      std::shared_ptr<OrphanedRegistries> orphans = transport_->orphans();
      transport_.reset();
      orphans->Add(registry_);
      return;
    }
    registry_->WaitEmpty();
    transport_->orphans()->WaitAll();
  }

  ConnectionBase(const ConnectionBase&) = delete;
  ConnectionBase& operator=(const ConnectionBase&) = delete;

 protected:
  const std::shared_ptr<Transport>& transport() const { return transport_; }
  const std::shared_ptr<CallRegistry>& registry() const { return registry_; }

  template <typename Stub, typename Request, typename Response>
  Future<absl::StatusOr<Response>> Call(
      absl::string_view method, bool idempotent, Stub* stub,
      void (Stub::*rpc)(RpcContext&, const Request&, StubCallback<Response>),
      const Request& request, const CallOptions& options) {
    if (options.validate.value_or(transport_->options().validate_requests)) {
      absl::Status status = Validate(request);
      if (!status.ok()) {
        // Never sent: the server would refuse it anyway.
        absl::Status error = WithPrefix(method, status);
        AttachCallInfo({std::string(method), std::string(status.message()), "",
                        CallIds{}, 0},
                       &error);
        return MakeReadyFuture(absl::StatusOr<Response>(std::move(error)));
      }
    }
    return AsyncRetry(
        transport_, *registry_,
        MakeCallSettings(transport_->options(), method, idempotent, options),
        stub, rpc, request);
  }

 private:
  // Not const: released early by a destructor on an executor thread.
  std::shared_ptr<Transport> transport_;
  const std::shared_ptr<CallRegistry> registry_;
};

// The four connections over one Transport (MakeConnections without
// building the Transport).
Connections MakeConnections(std::shared_ptr<Transport> transport);

std::shared_ptr<DesktopImageConnection> MakeDesktopImageConnection(
    std::shared_ptr<Transport> transport);
std::shared_ptr<DesktopConnection> MakeDesktopConnection(
    std::shared_ptr<Transport> transport);
std::shared_ptr<DesktopGroupConnection> MakeDesktopGroupConnection(
    std::shared_ptr<Transport> transport);
std::shared_ptr<OperationConnection> MakeOperationConnection(
    std::shared_ptr<Transport> transport);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_CONNECTION_IMPLS_H_
