// The default of every DesktopConnection virtual: UNIMPLEMENTED, naming the
// method, so that a fake written against an older version still compiles when
// an RPC is added (see desktop_connection.h).
#include "clouddesktop/desktop_connection.h"

#include "clouddesktop/internal/unimplemented.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<api::Desktop>> DesktopConnection::GetDesktop(
    const api::GetDesktopRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::Desktop>(
      "DesktopConnection::GetDesktop");
}

Future<absl::StatusOr<api::RdpFileResponse>> DesktopConnection::GetRdpFile(
    const api::GetRdpFileRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::RdpFileResponse>(
      "DesktopConnection::GetRdpFile");
}

Future<absl::StatusOr<api::ListDesktopsResponse>>
DesktopConnection::ListDesktops(const api::ListDesktopsRequest& /*request*/,
                                const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopsResponse>(
      "DesktopConnection::ListDesktops");
}

Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
DesktopConnection::ListDesktopOperations(
    const api::ListDesktopOperationsRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ListDesktopOperationsResponse>(
      "DesktopConnection::ListDesktopOperations");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::CreateDesktop(
    const api::CreateDesktopRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::CreateDesktop");
}

Future<absl::StatusOr<api::ResetPasswordResponse>>
DesktopConnection::ResetPassword(const api::ResetPasswordRequest& /*request*/,
                                 const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<api::ResetPasswordResponse>(
      "DesktopConnection::ResetPassword");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::RestartDesktop(
    const api::RestartRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::RestartDesktop");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::StartDesktop(
    const api::StartRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::StartDesktop");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::StopDesktop(
    const api::StopRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::StopDesktop");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::UpdateDesktop(
    const api::UpdateRequest& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::UpdateDesktop");
}

Future<absl::StatusOr<operation::Operation>>
DesktopConnection::UpdateDesktopProperties(
    const api::UpdatePropertiesRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::UpdateDesktopProperties");
}

Future<absl::StatusOr<operation::Operation>> DesktopConnection::DeleteDesktop(
    const api::DeleteDesktopRequest& /*request*/,
    const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<operation::Operation>(
      "DesktopConnection::DeleteDesktop");
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
