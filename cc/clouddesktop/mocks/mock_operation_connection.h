// A gmock OperationConnection for unit tests of code that waits for
// operations: no server, no threads. Return ready futures:
//   EXPECT_CALL(*mock, AwaitOperation)
//       .WillOnce(Return(ByMove(MakeReadyFuture(...))));

#ifndef CLOUDDESKTOP_MOCKS_MOCK_OPERATION_CONNECTION_H_
#define CLOUDDESKTOP_MOCKS_MOCK_OPERATION_CONNECTION_H_

#include "clouddesktop/operation_connection.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace mocks {

class MockOperationConnection : public OperationConnection {
 public:
  MOCK_METHOD(Future<absl::StatusOr<yandex::cloud::operation::Operation>>,
              GetOperation,
              (const yandex::cloud::operation::GetOperationRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<yandex::cloud::operation::Operation>>,
              CancelOperation,
              (const yandex::cloud::operation::CancelOperationRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<yandex::cloud::operation::Operation>>,
              AwaitOperation,
              (const yandex::cloud::operation::Operation& operation,
               const AwaitOptions& options),
              (override));
};

}  // namespace mocks
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_MOCKS_MOCK_OPERATION_CONNECTION_H_
