// The OperationService seam: polling and cancelling operations.

#ifndef CLOUDDESKTOP_OPERATION_CONNECTION_H_
#define CLOUDDESKTOP_OPERATION_CONNECTION_H_

#include "absl/status/statusor.h"
#include "clouddesktop/await_options.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/operation/operation.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One virtual per RPC, plus the generic waiter. Mock it
// (clouddesktop/mocks/mock_operation_connection.h) to test code that waits
// for operations without a server. Made by MakeConnections.
//
// Thread safety: all methods may be called concurrently. Destroying the
// connection made by MakeConnections cancels its calls and waits in flight
// (they complete with CANCELLED) before returning.
//
// Every virtual has a default that returns UNIMPLEMENTED naming the
// method (`Class::Method`): a fake that overrides only what it uses keeps
// compiling, and failing clearly, when a new RPC is added.
class OperationConnection {
 public:
  virtual ~OperationConnection() = default;

  // OperationService.Get (idempotent: retried).
  virtual Future<absl::StatusOr<yandex::cloud::operation::Operation>>
  GetOperation(const yandex::cloud::operation::GetOperationRequest& request,
               const CallOptions& options);
  // OperationService.Cancel (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<yandex::cloud::operation::Operation>>
  CancelOperation(
      const yandex::cloud::operation::CancelOperationRequest& request,
      const CallOptions& options);

  // Polls `operation` (only its id is needed) until it is done and returns
  // its final state, succeeded or failed; an operation already done is
  // returned at once. Errors are the wait's own: a poll error the polling
  // policy does not ride out, DEADLINE_EXCEEDED, CANCELLED.
  virtual Future<absl::StatusOr<yandex::cloud::operation::Operation>>
  AwaitOperation(const yandex::cloud::operation::Operation& operation,
                 const AwaitOptions& options);
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_OPERATION_CONNECTION_H_
