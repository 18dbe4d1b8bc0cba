#include "clouddesktop/desktop_client.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

Future<absl::StatusOr<api::Desktop>> DesktopClient::GetDesktopAsync(
    const api::GetDesktopRequest& request, const CallOptions& options) const {
  return connection_->GetDesktop(request, options);
}

absl::StatusOr<api::Desktop> DesktopClient::GetDesktop(
    const api::GetDesktopRequest& request, const CallOptions& options) const {
  return GetDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<api::RdpFileResponse>> DesktopClient::GetRdpFileAsync(
    const api::GetRdpFileRequest& request, const CallOptions& options) const {
  return connection_->GetRdpFile(request, options);
}

absl::StatusOr<api::RdpFileResponse> DesktopClient::GetRdpFile(
    const api::GetRdpFileRequest& request, const CallOptions& options) const {
  return GetRdpFileAsync(request, options).Get();
}

PaginationRange<api::Desktop> DesktopClient::ListDesktops(
    api::ListDesktopsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<api::Desktop, api::ListDesktopsRequest,
                                       api::ListDesktopsResponse>(
      std::move(request),
      [connection = connection_,
       options = std::move(options)](const api::ListDesktopsRequest& r) {
        return connection->ListDesktops(r, options);
      },
      [](api::ListDesktopsResponse& page) { return page.mutable_desktops(); });
}

Future<absl::StatusOr<api::ListDesktopsResponse>>
DesktopClient::ListDesktopsAsync(const api::ListDesktopsRequest& request,
                                 const CallOptions& options) const {
  return connection_->ListDesktops(request, options);
}

PaginationRange<operation::Operation> DesktopClient::ListDesktopOperations(
    api::ListDesktopOperationsRequest request, CallOptions options) const {
  return internal::MakePaginationRange<operation::Operation,
                                       api::ListDesktopOperationsRequest,
                                       api::ListDesktopOperationsResponse>(
      std::move(request),
      [connection = connection_, options = std::move(options)](
          const api::ListDesktopOperationsRequest& r) {
        return connection->ListDesktopOperations(r, options);
      },
      [](api::ListDesktopOperationsResponse& page) {
        return page.mutable_operations();
      });
}

Future<absl::StatusOr<api::ListDesktopOperationsResponse>>
DesktopClient::ListDesktopOperationsAsync(
    const api::ListDesktopOperationsRequest& request,
    const CallOptions& options) const {
  return connection_->ListDesktopOperations(request, options);
}

Future<absl::StatusOr<CreateDesktopOperation>>
DesktopClient::CreateDesktopAsync(const api::CreateDesktopRequest& request,
                                  const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop, api::CreateDesktopMetadata>(
      connection_->CreateDesktop(request, options), operations_);
}

absl::StatusOr<CreateDesktopOperation> DesktopClient::CreateDesktop(
    const api::CreateDesktopRequest& request,
    const CallOptions& options) const {
  return CreateDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<api::ResetPasswordResponse>>
DesktopClient::ResetPasswordAsync(const api::ResetPasswordRequest& request,
                                  const CallOptions& options) const {
  return connection_->ResetPassword(request, options);
}

absl::StatusOr<api::ResetPasswordResponse> DesktopClient::ResetPassword(
    const api::ResetPasswordRequest& request,
    const CallOptions& options) const {
  return ResetPasswordAsync(request, options).Get();
}

Future<absl::StatusOr<RestartDesktopOperation>>
DesktopClient::RestartDesktopAsync(const api::RestartRequest& request,
                                   const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop, api::RestartDesktopMetadata>(
      connection_->RestartDesktop(request, options), operations_);
}

absl::StatusOr<RestartDesktopOperation> DesktopClient::RestartDesktop(
    const api::RestartRequest& request, const CallOptions& options) const {
  return RestartDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<StartDesktopOperation>> DesktopClient::StartDesktopAsync(
    const api::StartRequest& request, const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop, api::StartDesktopMetadata>(
      connection_->StartDesktop(request, options), operations_);
}

absl::StatusOr<StartDesktopOperation> DesktopClient::StartDesktop(
    const api::StartRequest& request, const CallOptions& options) const {
  return StartDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<StopDesktopOperation>> DesktopClient::StopDesktopAsync(
    const api::StopRequest& request, const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop, api::StopDesktopMetadata>(
      connection_->StopDesktop(request, options), operations_);
}

absl::StatusOr<StopDesktopOperation> DesktopClient::StopDesktop(
    const api::StopRequest& request, const CallOptions& options) const {
  return StopDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<UpdateDesktopOperation>>
DesktopClient::UpdateDesktopAsync(const api::UpdateRequest& request,
                                  const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop, api::UpdateDesktopMetadata>(
      connection_->UpdateDesktop(request, options), operations_);
}

absl::StatusOr<UpdateDesktopOperation> DesktopClient::UpdateDesktop(
    const api::UpdateRequest& request, const CallOptions& options) const {
  return UpdateDesktopAsync(request, options).Get();
}

Future<absl::StatusOr<UpdateDesktopPropertiesOperation>>
DesktopClient::UpdateDesktopPropertiesAsync(
    const api::UpdatePropertiesRequest& request,
    const CallOptions& options) const {
  return internal::WrapOperation<api::Desktop,
                                 api::UpdateDesktopPropertiesMetadata>(
      connection_->UpdateDesktopProperties(request, options), operations_);
}

absl::StatusOr<UpdateDesktopPropertiesOperation>
DesktopClient::UpdateDesktopProperties(
    const api::UpdatePropertiesRequest& request,
    const CallOptions& options) const {
  return UpdateDesktopPropertiesAsync(request, options).Get();
}

Future<absl::StatusOr<DeleteDesktopOperation>>
DesktopClient::DeleteDesktopAsync(const api::DeleteDesktopRequest& request,
                                  const CallOptions& options) const {
  return internal::WrapOperation<google::protobuf::Empty,
                                 api::DeleteDesktopMetadata>(
      connection_->DeleteDesktop(request, options), operations_);
}

absl::StatusOr<DeleteDesktopOperation> DesktopClient::DeleteDesktop(
    const api::DeleteDesktopRequest& request,
    const CallOptions& options) const {
  return DeleteDesktopAsync(request, options).Get();
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
