// The DesktopService seam.

#ifndef CLOUDDESKTOP_DESKTOP_CONNECTION_H_
#define CLOUDDESKTOP_DESKTOP_CONNECTION_H_

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One virtual per RPC of DesktopService, asynchronous, on the wire types:
// a mutating RPC returns the raw Operation, which DesktopClient wraps in
// a typed handle. Implement or mock it
// (clouddesktop/mocks/mock_desktop_connection.h) to test code without
// a server.
//
// The implementation made by MakeConnections validates each request,
// sends request ids (and idempotency keys on mutating calls), retries per
// policy, and puts the method and the request ids in every error. It is
// thread-safe; destroying it cancels its calls in flight (they complete
// with CANCELLED) and waits for them before returning.
//
// Every virtual has a default that returns UNIMPLEMENTED naming the
// method (`Class::Method`): a fake that overrides only what it uses keeps
// compiling, and failing clearly, when a new RPC is added.
class DesktopConnection {
 public:
  virtual ~DesktopConnection() = default;

  // DesktopService.Get (idempotent: retried).
  virtual Future<absl::StatusOr<api::Desktop>> GetDesktop(
      const api::GetDesktopRequest& request, const CallOptions& options);
  // DesktopService.GetRdpFile (idempotent: retried).
  virtual Future<absl::StatusOr<api::RdpFileResponse>> GetRdpFile(
      const api::GetRdpFileRequest& request, const CallOptions& options);
  // DesktopService.List (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopsResponse>> ListDesktops(
      const api::ListDesktopsRequest& request, const CallOptions& options);
  // DesktopService.ListOperations (one page; idempotent: retried).
  virtual Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
  ListDesktopOperations(const api::ListDesktopOperationsRequest& request,
                        const CallOptions& options);
  // DesktopService.Create (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> CreateDesktop(
      const api::CreateDesktopRequest& request, const CallOptions& options);
  // DesktopService.ResetPassword (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<api::ResetPasswordResponse>> ResetPassword(
      const api::ResetPasswordRequest& request, const CallOptions& options);
  // DesktopService.Restart (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> RestartDesktop(
      const api::RestartRequest& request, const CallOptions& options);
  // DesktopService.Start (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> StartDesktop(
      const api::StartRequest& request, const CallOptions& options);
  // DesktopService.Stop (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> StopDesktop(
      const api::StopRequest& request, const CallOptions& options);
  // DesktopService.Update (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> UpdateDesktop(
      const api::UpdateRequest& request, const CallOptions& options);
  // DesktopService.UpdateProperties (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> UpdateDesktopProperties(
      const api::UpdatePropertiesRequest& request, const CallOptions& options);
  // DesktopService.Delete (mutating: carries an idempotency key).
  virtual Future<absl::StatusOr<operation::Operation>> DeleteDesktop(
      const api::DeleteDesktopRequest& request, const CallOptions& options);
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_DESKTOP_CONNECTION_H_
