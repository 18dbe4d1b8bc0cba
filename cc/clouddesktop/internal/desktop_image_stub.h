// DesktopImageService as a transport-neutral Stub (see stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_STUB_H_
#define CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_STUB_H_

#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

// Every RPC of DesktopImageService: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_RPCS(X)                      \
  X(List, api::ListDesktopImagesRequest, api::ListDesktopImagesResponse) \
  X(Get, api::GetDesktopImageRequest, api::DesktopImage)                 \
  X(Copy, api::CopyDesktopImageRequest, operation::Operation)            \
  X(CopyFromDesktop, api::CopyFromDesktopRequest, operation::Operation)  \
  X(Update, api::UpdateDesktopImageRequest, operation::Operation)        \
  X(Delete, api::DeleteDesktopImageRequest, operation::Operation)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(DesktopImageStub,
                                  CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_DESKTOP_IMAGE_STUB_H_
