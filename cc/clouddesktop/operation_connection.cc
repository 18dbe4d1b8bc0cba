// The default of every OperationConnection virtual: UNIMPLEMENTED, naming the
// method, so that a fake written against an older version still compiles when
// an RPC is added (see operation_connection.h).
#include "clouddesktop/operation_connection.h"

#include "clouddesktop/internal/unimplemented.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<yandex::cloud::operation::Operation>>
OperationConnection::GetOperation(
    const yandex::cloud::operation::GetOperationRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<yandex::cloud::operation::Operation>(
      "OperationConnection::GetOperation");
}

Future<absl::StatusOr<yandex::cloud::operation::Operation>>
OperationConnection::CancelOperation(
    const yandex::cloud::operation::CancelOperationRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<yandex::cloud::operation::Operation>(
      "OperationConnection::CancelOperation");
}

Future<absl::StatusOr<yandex::cloud::operation::Operation>>
OperationConnection::AwaitOperation(
    const yandex::cloud::operation::Operation& /*operation*/,
    const AwaitOptions& /*options*/) {
  return internal::UnimplementedFuture<yandex::cloud::operation::Operation>(
      "OperationConnection::AwaitOperation");
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
