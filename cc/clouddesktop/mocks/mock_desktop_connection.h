// A gmock DesktopConnection for unit tests of code that uses
// DesktopClient: no server, no threads. Return ready futures:
//   EXPECT_CALL(*mock, ...).WillOnce(Return(ByMove(MakeReadyFuture(...))));

#ifndef CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_CONNECTION_H_
#define CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_CONNECTION_H_

#include "clouddesktop/desktop_connection.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace mocks {

class MockDesktopConnection : public DesktopConnection {
 public:
  MOCK_METHOD(Future<absl::StatusOr<api::Desktop>>, GetDesktop,
              (const api::GetDesktopRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::RdpFileResponse>>, GetRdpFile,
              (const api::GetRdpFileRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopsResponse>>, ListDesktops,
              (const api::ListDesktopsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopOperationsResponse>>,
              ListDesktopOperations,
              (const api::ListDesktopOperationsRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, CreateDesktop,
              (const api::CreateDesktopRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::ResetPasswordResponse>>, ResetPassword,
              (const api::ResetPasswordRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, RestartDesktop,
              (const api::RestartRequest& request, const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, StartDesktop,
              (const api::StartRequest& request, const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, StopDesktop,
              (const api::StopRequest& request, const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, UpdateDesktop,
              (const api::UpdateRequest& request, const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>,
              UpdateDesktopProperties,
              (const api::UpdatePropertiesRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, DeleteDesktop,
              (const api::DeleteDesktopRequest& request,
               const CallOptions& options),
              (override));
};

}  // namespace mocks
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_CONNECTION_H_
