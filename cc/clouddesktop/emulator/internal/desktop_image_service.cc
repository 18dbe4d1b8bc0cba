#include "clouddesktop/emulator/internal/desktop_image_service.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/listing.h"
#include "clouddesktop/emulator/internal/unary_call.h"
#include "clouddesktop/emulator/internal/update_mask.h"
#include "google/protobuf/empty.pb.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::yandex::cloud::operation::Operation;

constexpr absl::string_view kService = "DesktopImageService";
constexpr MethodInfo kList{kService, "List"};
constexpr MethodInfo kGet{kService, "Get"};
constexpr MethodInfo kCopy{kService, "Copy", false, true, true};
constexpr MethodInfo kCopyFromDesktop{kService, "CopyFromDesktop", false, true,
                                      true};
constexpr MethodInfo kUpdate{kService, "Update", false, true, true};
constexpr MethodInfo kDelete{kService, "Delete", false, true, true};

// Boot disk size of an image made from a desktop whose group sets none.
constexpr int64_t kDefaultImageSize = int64_t{32} << 30;

// Inserts a CREATING image and starts the operation that makes it ACTIVE.
Operation StartImageCreation(const ServiceEnv* env, Records& records,
                             api::DesktopImage image,
                             const google::protobuf::Message& metadata,
                             const MethodInfo& method,
                             absl::string_view description,
                             const std::string& created_by) {
  std::string id = image.id();
  records.images[id] = std::move(image);
  return env->operations->Start(
      records,
      OperationSpec{std::string(description), id, &metadata, created_by,
                    env->faults->ForOperation(method.service, method.method),
                    [id](Records& r, Operation& op) {
                      auto found = r.images.find(id);
                      if (found == r.images.end()) return;
                      found->second.set_status(api::DesktopImage::ACTIVE);
                      op.mutable_response()->PackFrom(found->second);
                    },
                    [id](Records& r) {
                      r.images.erase(id);
                      r.operations_by_resource.erase(id);
                    }});
}

}  // namespace

grpc::ServerUnaryReactor* DesktopImageServiceImpl::List(
    grpc::CallbackServerContext* context,
    const api::ListDesktopImagesRequest* request,
    api::ListDesktopImagesResponse* response) {
  return ServeUnary(
      env_, &kList, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        std::vector<const google::protobuf::Message*> items;
        for (const auto& [id, image] : records.images) {
          if (image.folder_id() == request->folder_id())
            items.push_back(&image);
        }
        return PageInto(ResourceListQuery(*request, "images?folder_id=" +
                                                        request->folder_id()),
                        *env_->pages, std::move(items),
                        response->mutable_desktop_images(), response);
      });
}

grpc::ServerUnaryReactor* DesktopImageServiceImpl::Get(
    grpc::CallbackServerContext* context,
    const api::GetDesktopImageRequest* request, api::DesktopImage* response) {
  return ServeUnary(env_, &kGet, context, request, response,
                    [request, response](Records& records, const CallInfo&) {
                      auto it = records.images.find(request->image_id());
                      if (it == records.images.end()) {
                        return NotFound("desktop image", request->image_id());
                      }
                      *response = it->second;
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* DesktopImageServiceImpl::Copy(
    grpc::CallbackServerContext* context,
    const api::CopyDesktopImageRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kCopy, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        // image_id names a Compute Cloud image, never a desktop image (nor
        // any other resource of this emulator).
        std::optional<emulator::ComputeImage> source =
            records.NamesResource(request->image_id())
                ? std::nullopt
                : env_->compute->Find(request->image_id());
        if (!source) return NotFound("compute image", request->image_id());
        api::DesktopImage image;
        image.set_id(env_->ids->ResourceId(kImagePrefix));
        image.set_folder_id(request->folder_id());
        *image.mutable_created_at() = ToTimestamp(absl::Now());
        image.set_status(api::DesktopImage::CREATING);
        image.set_name(request->name());
        image.set_description(request->description());
        *image.mutable_labels() = request->labels();
        image.set_storage_size(source->storage_size);
        image.set_min_disk_size(source->min_disk_size);
        api::CopyDesktopImageMetadata metadata;
        metadata.set_image_id(image.id());
        *response =
            StartImageCreation(env_, records, std::move(image), metadata, kCopy,
                               "Copy desktop image", info.subject);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopImageServiceImpl::CopyFromDesktop(
    grpc::CallbackServerContext* context,
    const api::CopyFromDesktopRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kCopyFromDesktop, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        auto desktop = records.desktops.find(request->desktop_id());
        if (desktop == records.desktops.end()) {
          return NotFound("desktop", request->desktop_id());
        }
        // "Make sure the desktop you want to create a custom image from is
        // stopped." (operations/images/create-from-desktop)
        api::Desktop::Status status = desktop->second.status();
        if (status != api::Desktop::STOPPED) {
          return absl::FailedPreconditionError(
              absl::StrCat("desktop ", request->desktop_id(), " is ",
                           api::Desktop::Status_Name(status),
                           "; an image can be made only from a STOPPED "
                           "desktop (stop it first)"));
        }
        std::string folder_id = request->folder_id().empty()
                                    ? desktop->second.folder_id()
                                    : request->folder_id();
        int64_t size = kDefaultImageSize;
        auto group = records.groups.find(desktop->second.desktop_group_id());
        if (group != records.groups.end() &&
            group->second.boot_disk_spec().size() > 0) {
          size = group->second.boot_disk_spec().size();
        }
        api::DesktopImage image;
        image.set_id(env_->ids->ResourceId(kImagePrefix));
        image.set_folder_id(folder_id);
        *image.mutable_created_at() = ToTimestamp(absl::Now());
        image.set_status(api::DesktopImage::CREATING);
        image.set_name(request->name());
        image.set_description(request->description());
        *image.mutable_labels() = request->labels();
        image.set_storage_size(size);
        image.set_min_disk_size(size);
        api::CopyFromDesktopMetadata metadata;
        metadata.set_image_id(image.id());
        *response = StartImageCreation(
            env_, records, std::move(image), metadata, kCopyFromDesktop,
            "Create desktop image from desktop", info.subject);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopImageServiceImpl::Update(
    grpc::CallbackServerContext* context,
    const api::UpdateDesktopImageRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kUpdate, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        auto it = records.images.find(request->image_id());
        if (it == records.images.end()) {
          return NotFound("desktop image", request->image_id());
        }
        const api::DesktopImage& image = it->second;
        if (image.status() != api::DesktopImage::ACTIVE) {
          return absl::FailedPreconditionError(
              absl::StrCat("desktop image ", image.id(), " is ",
                           api::DesktopImage::Status_Name(image.status()),
                           "; it has an operation running"));
        }
        absl::StatusOr<std::vector<std::string>> paths =
            ResolveUpdatePaths(*request, request->update_mask(),
                               {"name", "labels", "description"});
        if (!paths.ok()) return paths.status();
        api::UpdateDesktopImageMetadata metadata;
        metadata.set_image_id(image.id());
        std::string id = image.id();
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Update desktop image", id, &metadata, info.subject,
                env_->faults->ForOperation(kUpdate.service, kUpdate.method),
                [id, copy = *request, paths = *paths](Records& r,
                                                      Operation& op) {
                  auto found = r.images.find(id);
                  if (found == r.images.end()) return;
                  ApplyUpdatePaths(copy, paths, &found->second);
                  op.mutable_response()->PackFrom(found->second);
                },
                nullptr});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopImageServiceImpl::Delete(
    grpc::CallbackServerContext* context,
    const api::DeleteDesktopImageRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kDelete, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        auto it = records.images.find(request->image_id());
        if (it == records.images.end()) {
          return NotFound("desktop image", request->image_id());
        }
        api::DesktopImage& image = it->second;
        if (image.status() != api::DesktopImage::ACTIVE) {
          return absl::FailedPreconditionError(
              absl::StrCat("desktop image ", image.id(), " is ",
                           api::DesktopImage::Status_Name(image.status()),
                           "; it has an operation running"));
        }
        image.set_status(api::DesktopImage::DELETING);
        api::DeleteDesktopImageMetadata metadata;
        metadata.set_image_id(image.id());
        std::string id = image.id();
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Delete desktop image", id, &metadata, info.subject,
                env_->faults->ForOperation(kDelete.service, kDelete.method),
                [id](Records& r, Operation& op) {
                  r.images.erase(id);
                  r.operations_by_resource.erase(id);
                  op.mutable_response()->PackFrom(google::protobuf::Empty());
                },
                [id](Records& r) {
                  auto found = r.images.find(id);
                  if (found != r.images.end()) {
                    found->second.set_status(api::DesktopImage::ACTIVE);
                  }
                }});
        return absl::OkStatus();
      });
}

}  // namespace clouddesktop::emulator::internal
