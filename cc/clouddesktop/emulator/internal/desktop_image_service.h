// DesktopImageService: List, Get, Copy, CopyFromDesktop, Update, Delete.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_IMAGE_SERVICE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_IMAGE_SERVICE_H_

#include "clouddesktop/emulator/internal/service_env.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"

namespace clouddesktop::emulator::internal {

// Thread-safe (state lives in the env's store). Each call holds the store
// lock once; List costs O(n log n) in the folder's images.
class DesktopImageServiceImpl final
    : public yandex::cloud::clouddesktop::v1::api::DesktopImageService::
          CallbackService {
 public:
  explicit DesktopImageServiceImpl(const ServiceEnv* env) : env_(env) {}

  grpc::ServerUnaryReactor* List(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::ListDesktopImagesRequest*
          request,
      yandex::cloud::clouddesktop::v1::api::ListDesktopImagesResponse* response)
      override;
  grpc::ServerUnaryReactor* Get(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::GetDesktopImageRequest*
          request,
      yandex::cloud::clouddesktop::v1::api::DesktopImage* response) override;
  grpc::ServerUnaryReactor* Copy(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::CopyDesktopImageRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* CopyFromDesktop(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::CopyFromDesktopRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Update(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::UpdateDesktopImageRequest*
          request,
      yandex::cloud::operation::Operation* response) override;
  grpc::ServerUnaryReactor* Delete(
      grpc::CallbackServerContext* context,
      const yandex::cloud::clouddesktop::v1::api::DeleteDesktopImageRequest*
          request,
      yandex::cloud::operation::Operation* response) override;

 private:
  const ServiceEnv* env_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_DESKTOP_IMAGE_SERVICE_H_
