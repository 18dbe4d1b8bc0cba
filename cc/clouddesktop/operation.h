// Typed long-running operations: what the mutating methods return.
//
// clang-format off
//   auto op = desktops.CreateDesktop(request);  // StatusOr<CreateDesktopOperation>
//   if (!op.ok()) return op.status();
//   auto meta = op->metadata();                 // CreateDesktopMetadata, at once
//   absl::StatusOr<Desktop> desktop = op->Await();
// clang-format on

#ifndef CLOUDDESKTOP_OPERATION_H_
#define CLOUDDESKTOP_OPERATION_H_

#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/await_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/call_errors.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/version.h"
#include "google/protobuf/empty.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The typed metadata of `op`: INTERNAL naming both types if it holds
// another type, NOT_FOUND if it holds none.
template <typename Metadata>
absl::StatusOr<Metadata> OperationMetadata(
    const yandex::cloud::operation::Operation& op) {
  if (!op.has_metadata()) {
    return absl::NotFoundError(
        absl::StrCat("operation ", op.id(), " has no metadata"));
  }
  Metadata metadata;
  absl::Status status =
      internal::UnpackAny(op.metadata(), &metadata, "metadata", op.id());
  if (!status.ok()) return status;
  return metadata;
}

// The outcome of a done operation: its typed response, or its error as an
// absl::Status (the operation's code, `operation <id> failed: <message>`,
// google.rpc.Status details as payloads, see status_details.h). A response
// of another type is INTERNAL naming both types, except where the method
// declares google.protobuf.Empty: then any response (or none) is success,
// as the official Go SDK treats it, and the payload stays in `op.response()`.
// FAILED_PRECONDITION if the operation is not done.
template <typename Response>
absl::StatusOr<Response> OperationResult(
    const yandex::cloud::operation::Operation& op) {
  if (!op.done()) {
    return absl::FailedPreconditionError(
        absl::StrCat("operation ", op.id(), " is not done"));
  }
  if (op.has_error()) return internal::OperationError(op);
  Response response;
  // The method declares no result: nothing in the payload is the caller's
  // to check (deletes may leave it out, a server may send the resource).
  if constexpr (std::is_same<Response, google::protobuf::Empty>::value) {
    return response;
  }
  if (!op.has_response()) {
    return absl::InternalError(
        absl::StrCat("operation ", op.id(),
                     " is done but has neither a response nor an error"));
  }
  absl::Status status =
      internal::UnpackAny(op.response(), &response, "response", op.id());
  if (!status.ok()) return status;
  return response;
}

// A handle on one operation whose response and metadata types are known
// (see rpcs.tsv: e.g. Operation<Desktop, CreateDesktopMetadata>). A cheap
// copyable value: the operation's state as last seen plus a reference to
// the OperationConnection that polls it.
//
// Thread safety: const methods may be called concurrently; AwaitAsync and
// CancelAndAwaitAsync start independent waits (the handle itself is not
// updated by them: their result is the final state).
template <typename Response, typename Metadata>
class Operation {
 public:
  using response_type = Response;  // what Await() returns when it succeeds
  using metadata_type = Metadata;  // what metadata() returns

  Operation() = default;
  // `connection` may be null: then only the accessors work and waiting
  // fails with FAILED_PRECONDITION.
  Operation(yandex::cloud::operation::Operation proto,
            std::shared_ptr<OperationConnection> connection)
      : proto_(std::move(proto)), connection_(std::move(connection)) {}

  // The operation's id (resume a wait with OperationClient::Await(id)).
  const std::string& id() const { return proto_.id(); }
  // Whether it had finished when last seen (not updated by waits).
  bool done() const { return proto_.done(); }
  // The operation as last seen.
  const yandex::cloud::operation::Operation& proto() const { return proto_; }

  // Available at once, before the operation completes.
  absl::StatusOr<Metadata> metadata() const {
    return OperationMetadata<Metadata>(proto_);
  }
  // The error of a failed operation, OK otherwise (also while running).
  absl::Status error() const {
    return proto_.has_error() ? internal::OperationError(proto_)
                              : absl::OkStatus();
  }
  // The outcome if done (see OperationResult), FAILED_PRECONDITION if not.
  absl::StatusOr<Response> result() const {
    return OperationResult<Response>(proto_);
  }

  // Waits for the operation (polling per the policy; at once if done) and
  // returns its typed outcome. Cancelling the future stops the wait, not
  // the operation. An error that ended the wait rather than the operation
  // (deadline, cancelled wait, polling given up) carries the operation id
  // under kWaitIncompletePayloadUrl (IncompleteWaitOperationId): the
  // operation may still succeed, so resume the wait before acting on it.
  Future<absl::StatusOr<Response>> AwaitAsync(AwaitOptions options = {}) const {
    if (!connection_)
      return MakeReadyFuture(absl::StatusOr<Response>(NoConnection()));
    return internal::FutureAccess::ThenInline(
        connection_->AwaitOperation(proto_, options),
        [](absl::StatusOr<yandex::cloud::operation::Operation> op) {
          if (!op.ok()) return absl::StatusOr<Response>(op.status());
          return OperationResult<Response>(*op);
        });
  }
  absl::StatusOr<Response> Await(AwaitOptions options = {}) const {
    return AwaitAsync(std::move(options)).Get();
  }

  // Asks the service to cancel the operation (OperationService.Cancel),
  // then waits for its final state: usually CANCELLED, or the result if it
  // finished first. `options.poll_options` also applies to the Cancel call.
  // If the Cancel call itself fails, the outcome is unknown: that error
  // carries the operation id under kWaitIncompletePayloadUrl, like a wait
  // that gave up.
  Future<absl::StatusOr<Response>> CancelAndAwaitAsync(
      AwaitOptions options = {}) const {
    if (!connection_)
      return MakeReadyFuture(absl::StatusOr<Response>(NoConnection()));
    yandex::cloud::operation::CancelOperationRequest request;
    request.set_operation_id(proto_.id());
    auto connection = connection_;
    return internal::FutureAccess::ThenInline(
        connection_->CancelOperation(request, options.poll_options),
        [connection, options, id = proto_.id()](
            absl::StatusOr<yandex::cloud::operation::Operation> op) {
          if (!op.ok()) {
            return MakeReadyFuture(absl::StatusOr<Response>(
                internal::WaitIncomplete(op.status(), id)));
          }
          return Operation(*std::move(op), connection).AwaitAsync(options);
        });
  }
  absl::StatusOr<Response> CancelAndAwait(AwaitOptions options = {}) const {
    return CancelAndAwaitAsync(std::move(options)).Get();
  }

 private:
  absl::Status NoConnection() const {
    return absl::FailedPreconditionError(absl::StrCat(
        "operation ", proto_.id(), ": no OperationConnection to wait with"));
  }

  yandex::cloud::operation::Operation proto_;
  std::shared_ptr<OperationConnection> connection_;
};

namespace internal {

// Wraps the raw operation a connection returns in a typed handle.
template <typename Response, typename Metadata>
Future<absl::StatusOr<Operation<Response, Metadata>>> WrapOperation(
    Future<absl::StatusOr<yandex::cloud::operation::Operation>> future,
    std::shared_ptr<OperationConnection> connection) {
  return FutureAccess::ThenInline(
      std::move(future),
      [connection = std::move(connection)](
          absl::StatusOr<yandex::cloud::operation::Operation> op) mutable {
        using Typed = Operation<Response, Metadata>;
        if (!op.ok()) return absl::StatusOr<Typed>(op.status());
        return absl::StatusOr<Typed>(
            Typed(*std::move(op), std::move(connection)));
      });
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_OPERATION_H_
