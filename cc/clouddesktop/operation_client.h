// OperationClient: OperationService, and the generic operation waiter.

#ifndef CLOUDDESKTOP_OPERATION_CLIENT_H_
#define CLOUDDESKTOP_OPERATION_CLIENT_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/await_options.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/future.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/operation/operation.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Waits for any yandex.cloud.operation.Operation: one just returned, one
// from a ListOperations page, or only an id (after a restart):
//
//   OperationClient ops(connections);
//   absl::StatusOr<api::Desktop> d = ops.Await<api::Desktop>(operation_id);
//   auto typed = ops.Attach<api::Desktop, api::CreateDesktopMetadata>(op);
//
// A cheap copyable value over an OperationConnection.
// Thread safety: all methods are const and may be called concurrently.
class OperationClient {
 public:
  // Calls go to `connection`.
  explicit OperationClient(std::shared_ptr<OperationConnection> connection)
      : connection_(std::move(connection)) {}
  // The connections of MakeConnections.
  explicit OperationClient(const Connections& connections)
      : OperationClient(connections.operation) {}

  // The connection the calls go to.
  const std::shared_ptr<OperationConnection>& connection() const {
    return connection_;
  }

  // Returns the current state of an operation.
  Future<absl::StatusOr<operation::Operation>> GetOperationAsync(
      const operation::GetOperationRequest& request,
      const CallOptions& options = {}) const {
    return connection_->GetOperation(request, options);
  }
  absl::StatusOr<operation::Operation> GetOperation(
      const operation::GetOperationRequest& request,
      const CallOptions& options = {}) const {
    return GetOperationAsync(request, options).Get();
  }

  // Asks the service to stop an operation; returns its state afterwards.
  Future<absl::StatusOr<operation::Operation>> CancelOperationAsync(
      const operation::CancelOperationRequest& request,
      const CallOptions& options = {}) const {
    return connection_->CancelOperation(request, options);
  }
  absl::StatusOr<operation::Operation> CancelOperation(
      const operation::CancelOperationRequest& request,
      const CallOptions& options = {}) const {
    return CancelOperationAsync(request, options).Get();
  }

  // The untyped waiter: the operation's final state, succeeded or failed
  // (see OperationConnection::AwaitOperation).
  Future<absl::StatusOr<operation::Operation>> AwaitOperationAsync(
      const operation::Operation& op, AwaitOptions options = {}) const {
    return connection_->AwaitOperation(op, options);
  }
  absl::StatusOr<operation::Operation> AwaitOperation(
      const operation::Operation& op, AwaitOptions options = {}) const {
    return AwaitOperationAsync(op, std::move(options)).Get();
  }

  // A typed handle on `op` (e.g. from ListDesktopOperations), or on the
  // operation with this id (its state unknown until awaited).
  template <typename Response, typename Metadata>
  Operation<Response, Metadata> Attach(operation::Operation op) const {
    return Operation<Response, Metadata>(std::move(op), connection_);
  }
  template <typename Response, typename Metadata>
  Operation<Response, Metadata> Attach(const std::string& operation_id) const {
    operation::Operation op;
    op.set_id(operation_id);
    return Attach<Response, Metadata>(std::move(op));
  }

  // The typed waiter: the operation's response, or its error as a status
  // (see OperationResult in operation.h).
  template <typename Response>
  Future<absl::StatusOr<Response>> AwaitAsync(operation::Operation op,
                                              AwaitOptions options = {}) const {
    return Attach<Response, google::protobuf::Empty>(std::move(op))
        .AwaitAsync(std::move(options));
  }
  template <typename Response>
  Future<absl::StatusOr<Response>> AwaitAsync(const std::string& operation_id,
                                              AwaitOptions options = {}) const {
    return Attach<Response, google::protobuf::Empty>(operation_id)
        .AwaitAsync(std::move(options));
  }
  template <typename Response>
  absl::StatusOr<Response> Await(operation::Operation op,
                                 AwaitOptions options = {}) const {
    return AwaitAsync<Response>(std::move(op), std::move(options)).Get();
  }
  template <typename Response>
  absl::StatusOr<Response> Await(const std::string& operation_id,
                                 AwaitOptions options = {}) const {
    return AwaitAsync<Response>(operation_id, std::move(options)).Get();
  }

 private:
  std::shared_ptr<OperationConnection> connection_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_OPERATION_CLIENT_H_
