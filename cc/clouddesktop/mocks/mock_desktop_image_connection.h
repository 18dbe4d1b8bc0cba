// A gmock DesktopImageConnection for unit tests of code that uses
// DesktopImageClient: no server, no threads. Return ready futures:
//   EXPECT_CALL(*mock, ...).WillOnce(Return(ByMove(MakeReadyFuture(...))));

#ifndef CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_IMAGE_CONNECTION_H_
#define CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_IMAGE_CONNECTION_H_

#include "clouddesktop/desktop_image_connection.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace mocks {

class MockDesktopImageConnection : public DesktopImageConnection {
 public:
  MOCK_METHOD(Future<absl::StatusOr<api::ListDesktopImagesResponse>>,
              ListDesktopImages,
              (const api::ListDesktopImagesRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<api::DesktopImage>>, GetDesktopImage,
              (const api::GetDesktopImageRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, CopyDesktopImage,
              (const api::CopyDesktopImageRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, CopyFromDesktop,
              (const api::CopyFromDesktopRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, UpdateDesktopImage,
              (const api::UpdateDesktopImageRequest& request,
               const CallOptions& options),
              (override));
  MOCK_METHOD(Future<absl::StatusOr<operation::Operation>>, DeleteDesktopImage,
              (const api::DeleteDesktopImageRequest& request,
               const CallOptions& options),
              (override));
};

}  // namespace mocks
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_MOCKS_MOCK_DESKTOP_IMAGE_CONNECTION_H_
