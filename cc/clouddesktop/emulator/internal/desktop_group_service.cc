#include "clouddesktop/emulator/internal/desktop_group_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/listing.h"
#include "clouddesktop/emulator/internal/resource_operations.h"
#include "clouddesktop/emulator/internal/unary_call.h"
#include "clouddesktop/emulator/internal/update_mask.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/util/message_differencer.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace access = ::yandex::cloud::access;
using ::yandex::cloud::operation::Operation;

constexpr absl::string_view kService = "DesktopGroupService";
constexpr MethodInfo kGet{kService, "Get"};
constexpr MethodInfo kList{kService, "List"};
constexpr MethodInfo kListDesktops{kService, "ListDesktops"};
constexpr MethodInfo kListOperations{kService, "ListOperations"};
constexpr MethodInfo kCreate{kService, "Create", false, true, true};
constexpr MethodInfo kDelete{kService, "Delete", false, true, true};
constexpr MethodInfo kUpdate{kService, "Update", false, true, true};
constexpr MethodInfo kListAccessBindings{kService, "ListAccessBindings"};
constexpr MethodInfo kSetAccessBindings{kService, "SetAccessBindings", false,
                                        true, true};
constexpr MethodInfo kUpdateAccessBindings{kService, "UpdateAccessBindings",
                                           false, true, true};

// The image a group's desktops boot from must exist.
absl::Status CheckImage(const Records& records, const std::string& image_id) {
  if (!records.images.contains(image_id)) {
    return NotFound("desktop image", image_id);
  }
  return absl::OkStatus();
}

absl::Status NameClash(absl::string_view folder_id, absl::string_view name) {
  return absl::AlreadyExistsError(absl::StrCat("desktop group named \"", name,
                                               "\" already exists in folder ",
                                               folder_id));
}

// The group for a call that changes it: it must exist and not be busy with
// another operation (`allow_busy`: access bindings may change any time
// except while the group is being created or deleted).
absl::StatusOr<api::DesktopGroup*> GroupForChange(Records& records,
                                                  const std::string& id,
                                                  bool allow_busy) {
  auto it = records.groups.find(id);
  if (it == records.groups.end()) return NotFound("desktop group", id);
  api::DesktopGroup::Status status = it->second.status();
  bool ok = status == api::DesktopGroup::ACTIVE ||
            (allow_busy && status == api::DesktopGroup::UPDATING);
  if (!ok) {
    return absl::FailedPreconditionError(absl::StrCat(
        "desktop group ", id, " is ", api::DesktopGroup::Status_Name(status),
        "; try again when it is ACTIVE"));
  }
  return &it->second;
}

bool SameBinding(const access::AccessBinding& a,
                 const access::AccessBinding& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

void AddBinding(std::vector<access::AccessBinding>& bindings,
                const access::AccessBinding& binding) {
  for (const access::AccessBinding& existing : bindings) {
    if (SameBinding(existing, binding)) return;
  }
  bindings.push_back(binding);
}

}  // namespace

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::Get(
    grpc::CallbackServerContext* context,
    const api::GetDesktopGroupRequest* request, api::DesktopGroup* response) {
  return ServeUnary(
      env_, &kGet, context, request, response,
      [request, response](Records& records, const CallInfo&) {
        auto it = records.groups.find(request->desktop_group_id());
        if (it == records.groups.end()) {
          return NotFound("desktop group", request->desktop_group_id());
        }
        *response = it->second;
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::List(
    grpc::CallbackServerContext* context,
    const api::ListDesktopGroupsRequest* request,
    api::ListDesktopGroupsResponse* response) {
  return ServeUnary(
      env_, &kList, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        std::vector<const google::protobuf::Message*> items;
        for (const auto& [id, group] : records.groups) {
          if (group.folder_id() == request->folder_id())
            items.push_back(&group);
        }
        return PageInto(ResourceListQuery(*request, "groups?folder_id=" +
                                                        request->folder_id()),
                        *env_->pages, std::move(items),
                        response->mutable_desktop_groups(), response);
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::ListDesktops(
    grpc::CallbackServerContext* context,
    const api::ListDesktopGroupDesktopsRequest* request,
    api::ListDesktopGroupDesktopsResponse* response) {
  return ServeUnary(
      env_, &kListDesktops, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        if (!records.groups.contains(request->desktop_group_id())) {
          return NotFound("desktop group", request->desktop_group_id());
        }
        std::vector<const google::protobuf::Message*> items;
        for (const auto& [id, desktop] : records.desktops) {
          if (desktop.desktop_group_id() == request->desktop_group_id()) {
            items.push_back(&desktop);
          }
        }
        return PageInto(
            ResourceListQuery(*request, "desktops?desktop_group_id=" +
                                            request->desktop_group_id()),
            *env_->pages, std::move(items), response->mutable_desktops(),
            response);
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::ListOperations(
    grpc::CallbackServerContext* context,
    const api::ListDesktopGroupOperationsRequest* request,
    api::ListDesktopGroupOperationsResponse* response) {
  return ServeUnary(
      env_, &kListOperations, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        if (!records.groups.contains(request->desktop_group_id())) {
          return NotFound("desktop group", request->desktop_group_id());
        }
        return ListResourceOperations(
            records, *env_->pages, request->GetDescriptor()->full_name(),
            request->desktop_group_id(), request->page_size(),
            request->page_token(), request->filter(),
            response->mutable_operations(),
            response->mutable_next_page_token());
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::Create(
    grpc::CallbackServerContext* context,
    const api::CreateDesktopGroupRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kCreate, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        if (absl::Status s = CheckImage(records, request->desktop_image_id());
            !s.ok()) {
          return s;
        }
        if (Records::NameTaken(records.groups, request->folder_id(),
                               request->name(), "")) {
          return NameClash(request->folder_id(), request->name());
        }
        api::DesktopGroup group;
        group.set_id(env_->ids->ResourceId(kGroupPrefix));
        group.set_folder_id(request->folder_id());
        *group.mutable_created_at() = ToTimestamp(absl::Now());
        group.set_status(api::DesktopGroup::CREATING);
        group.set_name(request->name());
        group.set_description(request->description());
        *group.mutable_labels() = request->labels();
        if (request->has_resources_spec()) {
          *group.mutable_resources_spec() = request->resources_spec();
        }
        if (request->has_network_interface_spec()) {
          *group.mutable_network_interface_spec() =
              request->network_interface_spec();
        }
        if (request->has_boot_disk_spec()) {
          *group.mutable_boot_disk_spec() = request->boot_disk_spec();
        }
        if (request->has_data_disk_spec()) {
          *group.mutable_data_disk_spec() = request->data_disk_spec();
        }
        if (request->has_group_config()) {
          *group.mutable_group_config() = request->group_config();
        }
        // update_policy is (exactly_one): the service always reports one.
        // Create cannot choose; which one it picks is not documented
        // (emulator assumption: manual).
        group.mutable_manual_update_policy();
        std::string id = group.id();
        records.groups[id] = std::move(group);
        records.group_images[id] = request->desktop_image_id();
        records.group_bindings[id];
        api::CreateDesktopGroupMetadata metadata;
        metadata.set_desktop_group_id(id);
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Create desktop group", id, &metadata, info.subject,
                env_->faults->ForOperation(kCreate.service, kCreate.method),
                [id](Records& r, Operation& op) {
                  auto found = r.groups.find(id);
                  if (found == r.groups.end()) return;
                  found->second.set_status(api::DesktopGroup::ACTIVE);
                  op.mutable_response()->PackFrom(found->second);
                },
                [id](Records& r) {
                  r.groups.erase(id);
                  r.group_images.erase(id);
                  r.group_bindings.erase(id);
                  r.operations_by_resource.erase(id);
                }});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::Delete(
    grpc::CallbackServerContext* context,
    const api::DeleteDesktopGroupRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kDelete, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        absl::StatusOr<api::DesktopGroup*> group =
            GroupForChange(records, request->desktop_group_id(), false);
        if (!group.ok()) return group.status();
        const std::string& id = request->desktop_group_id();
        (*group)->set_status(api::DesktopGroup::DELETING);
        api::DeleteDesktopGroupMetadata metadata;
        metadata.set_desktop_group_id(id);
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Delete desktop group", id, &metadata, info.subject,
                env_->faults->ForOperation(kDelete.service, kDelete.method),
                [id](Records& r, Operation& op) {
                  // The docs do not say what happens to the group's
                  // desktops; a desktop cannot outlive its group here
                  // (emulator assumption), so they go with it.
                  absl::erase_if(r.desktops, [&](const auto& entry) {
                    if (entry.second.desktop_group_id() != id) return false;
                    r.operations_by_resource.erase(entry.first);
                    return true;
                  });
                  r.groups.erase(id);
                  r.group_images.erase(id);
                  r.group_bindings.erase(id);
                  r.operations_by_resource.erase(id);
                  op.mutable_response()->PackFrom(google::protobuf::Empty());
                },
                [id](Records& r) {
                  auto found = r.groups.find(id);
                  if (found != r.groups.end()) {
                    found->second.set_status(api::DesktopGroup::ACTIVE);
                  }
                }});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::Update(
    grpc::CallbackServerContext* context,
    const api::UpdateDesktopGroupRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kUpdate, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        absl::StatusOr<api::DesktopGroup*> group =
            GroupForChange(records, request->desktop_group_id(), false);
        if (!group.ok()) return group.status();
        absl::StatusOr<std::vector<std::string>> paths = ResolveUpdatePaths(
            *request, request->update_mask(),
            {"desktop_image_id", "name", "description", "labels",
             "resources_spec", "boot_disk_spec", "data_disk_spec",
             "group_config", "auto_update_policy", "manual_update_policy"});
        if (!paths.ok()) return paths.status();
        // A group always has an image: an empty mask that gives none keeps
        // the group's (emulator assumption; "reset to the default" would
        // leave it without one).
        if (request->update_mask().paths().empty() &&
            request->desktop_image_id().empty()) {
          paths->erase(
              std::find(paths->begin(), paths->end(), "desktop_image_id"));
        }
        bool new_image = std::find(paths->begin(), paths->end(),
                                   "desktop_image_id") != paths->end();
        if (new_image) {
          if (request->desktop_image_id().empty()) {
            return InvalidField(
                request->GetDescriptor()->full_name(), "desktop_image_id",
                "is in update_mask and must not be empty", "required");
          }
          if (absl::Status s = CheckImage(records, request->desktop_image_id());
              !s.ok()) {
            return s;
          }
        }
        api::DesktopGroup preview = **group;
        ApplyUpdatePaths(*request, *paths, &preview);
        if (Records::NameTaken(records.groups, preview.folder_id(),
                               preview.name(), preview.id())) {
          return NameClash(preview.folder_id(), preview.name());
        }
        (*group)->set_status(api::DesktopGroup::UPDATING);
        std::string id = request->desktop_group_id();
        api::UpdateDesktopGroupMetadata metadata;
        metadata.set_desktop_group_id(id);
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Update desktop group", id, &metadata, info.subject,
                env_->faults->ForOperation(kUpdate.service, kUpdate.method),
                [id, new_image, copy = *request, paths = *paths](
                    Records& r, Operation& op) {
                  auto found = r.groups.find(id);
                  if (found == r.groups.end()) return;
                  api::DesktopGroup& group = found->second;
                  const bool was_auto = group.has_auto_update_policy();
                  ApplyUpdatePaths(copy, paths, &group);
                  // update_policy is (exactly_one): an update that sets
                  // neither keeps the group's (emulator assumption).
                  if (group.update_policy_case() ==
                      api::DesktopGroup::UPDATE_POLICY_NOT_SET) {
                    if (was_auto) {
                      group.mutable_auto_update_policy();
                    } else {
                      group.mutable_manual_update_policy();
                    }
                  }
                  if (new_image) r.group_images[id] = copy.desktop_image_id();
                  group.set_status(api::DesktopGroup::ACTIVE);
                  op.mutable_response()->PackFrom(google::protobuf::Empty());
                },
                [id](Records& r) {
                  auto found = r.groups.find(id);
                  if (found != r.groups.end()) {
                    found->second.set_status(api::DesktopGroup::ACTIVE);
                  }
                }});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::ListAccessBindings(
    grpc::CallbackServerContext* context,
    const access::ListAccessBindingsRequest* request,
    access::ListAccessBindingsResponse* response) {
  return ServeUnary(
      env_, &kListAccessBindings, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        auto bindings = records.group_bindings.find(request->resource_id());
        if (!records.groups.contains(request->resource_id()) ||
            bindings == records.group_bindings.end()) {
          return NotFound("desktop group", request->resource_id());
        }
        std::vector<const google::protobuf::Message*> items;
        for (const access::AccessBinding& binding : bindings->second) {
          items.push_back(&binding);
        }
        return PageInto(
            ListQuery{request->GetDescriptor()->full_name(),
                      "bindings?resource_id=" + request->resource_id(),
                      request->page_size(), request->page_token()},
            *env_->pages, std::move(items), response->mutable_access_bindings(),
            response);
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::SetAccessBindings(
    grpc::CallbackServerContext* context,
    const access::SetAccessBindingsRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kSetAccessBindings, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        absl::StatusOr<api::DesktopGroup*> group =
            GroupForChange(records, request->resource_id(), true);
        if (!group.ok()) return group.status();
        std::string id = request->resource_id();
        access::SetAccessBindingsMetadata metadata;
        metadata.set_resource_id(id);
        *response = env_->operations->Start(
            records,
            OperationSpec{"Set access bindings", id, &metadata, info.subject,
                          env_->faults->ForOperation(kSetAccessBindings.service,
                                                     kSetAccessBindings.method),
                          [id, copy = *request](Records& r, Operation& op) {
                            auto found = r.group_bindings.find(id);
                            if (found == r.group_bindings.end()) return;
                            found->second.clear();
                            for (const access::AccessBinding& binding :
                                 copy.access_bindings()) {
                              AddBinding(found->second, binding);
                            }
                            op.mutable_response()->PackFrom(
                                google::protobuf::Empty());
                          },
                          nullptr});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopGroupServiceImpl::UpdateAccessBindings(
    grpc::CallbackServerContext* context,
    const access::UpdateAccessBindingsRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kUpdateAccessBindings, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        absl::StatusOr<api::DesktopGroup*> group =
            GroupForChange(records, request->resource_id(), true);
        if (!group.ok()) return group.status();
        std::string id = request->resource_id();
        access::UpdateAccessBindingsMetadata metadata;
        metadata.set_resource_id(id);
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Update access bindings", id, &metadata, info.subject,
                env_->faults->ForOperation(kUpdateAccessBindings.service,
                                           kUpdateAccessBindings.method),
                [id, copy = *request](Records& r, Operation& op) {
                  auto found = r.group_bindings.find(id);
                  if (found == r.group_bindings.end()) return;
                  std::vector<access::AccessBinding>& bindings = found->second;
                  for (const access::AccessBindingDelta& delta :
                       copy.access_binding_deltas()) {
                    if (delta.action() == access::ADD) {
                      AddBinding(bindings, delta.access_binding());
                    } else if (delta.action() == access::REMOVE) {
                      bindings.erase(
                          std::remove_if(bindings.begin(), bindings.end(),
                                         [&](const access::AccessBinding& b) {
                                           return SameBinding(
                                               b, delta.access_binding());
                                         }),
                          bindings.end());
                    }
                  }
                  op.mutable_response()->PackFrom(google::protobuf::Empty());
                },
                nullptr});
        return absl::OkStatus();
      });
}

}  // namespace clouddesktop::emulator::internal
