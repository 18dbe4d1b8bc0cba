// A gmock DesktopGroupConnection for unit tests of code that uses
// DesktopGroupClient: no server, no threads. Return ready futures:
//   EXPECT_CALL(*mock, ...).WillOnce(Return(ByMove(MakeReadyFuture(...))));

#ifndef CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_GROUP_CONNECTION_H_
#define CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_GROUP_CONNECTION_H_

#include "clouddesktop/desktop_group_connection.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace mocks {

class MockDesktopGroupConnection : public DesktopGroupConnection {
 public:
  MOCK_METHOD(Future<absl::StatusOr<api::DesktopGroup>>, GetDesktopGroup,
              (const api::GetDesktopGroupRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopGroupsResponse>>,
              ListDesktopGroups,
              (const api::ListDesktopGroupsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopGroupDesktopsResponse>>,
              ListDesktopGroupDesktops,
              (const api::ListDesktopGroupDesktopsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopGroupOperationsResponse>>,
              ListDesktopGroupOperations,
              (const api::ListDesktopGroupOperationsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, CreateDesktopGroup,
              (const api::CreateDesktopGroupRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, DeleteDesktopGroup,
              (const api::DeleteDesktopGroupRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, UpdateDesktopGroup,
              (const api::UpdateDesktopGroupRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<access::ListAccessBindingsResponse>>,
              ListAccessBindings,
              (const access::ListAccessBindingsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, SetAccessBindings,
              (const access::SetAccessBindingsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>,
              UpdateAccessBindings,
              (const access::UpdateAccessBindingsRequest& request,
               const CallOptions& options),
              (override));
};

}  // namespace mocks
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_GROUP_CONNECTION_H_
