#include "clouddesktop/emulator/internal/desktop_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/emulator/internal/listing.h"
#include "clouddesktop/emulator/internal/resource_operations.h"
#include "clouddesktop/emulator/internal/update_mask.h"
#include "google/protobuf/empty.pb.h"

namespace clouddesktop::emulator::internal {
namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::yandex::cloud::operation::Operation;
using Status = api::Desktop::Status;

constexpr absl::string_view kService = "DesktopService";
constexpr MethodInfo kGet{kService, "Get"};
constexpr MethodInfo kGetRdpFile{kService, "GetRdpFile"};
constexpr MethodInfo kList{kService, "List"};
constexpr MethodInfo kListOperations{kService, "ListOperations"};
constexpr MethodInfo kCreate{kService, "Create", false, true, true};
constexpr MethodInfo kResetPassword{kService, "ResetPassword"};
constexpr MethodInfo kRestart{kService, "Restart", false, true, true};
constexpr MethodInfo kStart{kService, "Start", false, true, true};
constexpr MethodInfo kStop{kService, "Stop", false, true, true};
constexpr MethodInfo kUpdate{kService, "Update", false, true, true};
constexpr MethodInfo kUpdateProperties{kService, "UpdateProperties", false,
                                       true, true};
constexpr MethodInfo kDelete{kService, "Delete", false, true, true};

// The host name an RDP client connects to. The emulator runs no desktops;
// the name is stable and names the desktop.
std::string DesktopHost(const api::Desktop& desktop) {
  return absl::StrCat(desktop.id(), ".desktops.clouddesktop.emulator.internal");
}

// The desktop user a request names, or NOT_FOUND if it is not one of the
// desktop's users.
absl::StatusOr<const api::User*> FindUser(const api::Desktop& desktop,
                                          const api::User& wanted) {
  for (const api::User& user : desktop.users()) {
    if (user.subject_id() == wanted.subject_id() &&
        (wanted.subject_type().empty() ||
         user.subject_type() == wanted.subject_type())) {
      return &user;
    }
  }
  return absl::NotFoundError(absl::StrCat("user ", wanted.subject_id(),
                                          " is not a user of desktop ",
                                          desktop.id()));
}

std::string StatusNames(const std::vector<Status>& statuses) {
  std::vector<std::string> names;
  for (Status s : statuses) names.push_back(api::Desktop::Status_Name(s));
  return absl::StrJoin(names, " or ");
}

bool IsFailed(Status status) {
  return status == api::Desktop::ERROR ||
         status == api::Desktop::CREATION_FAILED;
}

// A desktop action: from one of `from`, through `during`, to `to` (or back
// to the status it had, for STATUS_UNSPECIFIED; ACTIVE when that was a
// failure state the action repairs), or gone (`remove`).
struct Transition {
  const MethodInfo* method;
  std::vector<Status> from;
  Status during;
  Status to;
  bool remove = false;
  absl::string_view description;
  // Where an injected operation error leaves the desktop (Desktop.Status:
  // ERROR "did not manage start or restart", CREATION_FAILED "did not
  // manage to get created or updated"); STATUS_UNSPECIFIED: the status
  // before.
  Status on_error = api::Desktop::STATUS_UNSPECIFIED;
  // Whether a health_check fault applies (the action brings the desktop up).
  bool health_check = false;
};

// The desktop `id`'s status, if it still exists.
void SetStatus(Records& records, const std::string& id, Status status) {
  auto found = records.desktops.find(id);
  if (found != records.desktops.end()) found->second.set_status(status);
}

// Checks and starts `transition` on desktop `id`. `metadata` is the method's
// metadata message with desktop_id set; `apply` (may be empty) makes the
// method's change at completion.
absl::Status StartTransition(
    const ServiceEnv* env, Records& records, const std::string& id,
    const Transition& transition, const google::protobuf::Message& metadata,
    const CallInfo& info, Operation* response,
    absl::AnyInvocable<void(Records&, api::Desktop&)> apply = nullptr) {
  auto it = records.desktops.find(id);
  if (it == records.desktops.end()) return NotFound("desktop", id);
  api::Desktop& desktop = it->second;
  Status before = desktop.status();
  if (std::find(transition.from.begin(), transition.from.end(), before) ==
      transition.from.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "desktop ", id, " is ", api::Desktop::Status_Name(before), "; ",
        transition.method->method, " needs ", StatusNames(transition.from)));
  }
  desktop.set_status(transition.during);
  Status to = transition.to;
  if (to == api::Desktop::STATUS_UNSPECIFIED) {
    to = IsFailed(before) ? api::Desktop::ACTIVE : before;
  }
  Status on_error = transition.on_error == api::Desktop::STATUS_UNSPECIFIED
                        ? before
                        : transition.on_error;
  bool remove = transition.remove;
  OperationSpec spec{
      std::string(transition.description),
      id,
      &metadata,
      info.subject,
      env->faults->ForOperation(transition.method->service,
                                transition.method->method),
      [id, to, remove, apply = std::move(apply)](Records& r,
                                                 Operation& op) mutable {
        auto found = r.desktops.find(id);
        if (found == r.desktops.end()) return;
        if (remove) {
          r.desktops.erase(found);
          r.operations_by_resource.erase(id);
          op.mutable_response()->PackFrom(google::protobuf::Empty());
          return;
        }
        if (apply) apply(r, found->second);
        found->second.set_status(to);
        op.mutable_response()->PackFrom(found->second);
      },
      [id, before](Records& r) { SetStatus(r, id, before); },
      [id, on_error](Records& r) { SetStatus(r, id, on_error); }};
  if (transition.health_check) {
    spec.begin_health_check = [id](Records& r) {
      SetStatus(r, id, api::Desktop::HEALTH_CHECK);
    };
  }
  *response = env->operations->Start(records, std::move(spec));
  return absl::OkStatus();
}

// Copies what a desktop inherits from its group: compute resources and the
// network (the given subnet, or the group's first).
void InheritFromGroup(const api::DesktopGroup& group,
                      absl::string_view subnet_id, api::Desktop* desktop) {
  api::Resources* resources = desktop->mutable_resources();
  resources->set_memory(group.resources_spec().memory());
  resources->set_cores(group.resources_spec().cores());
  resources->set_core_fraction(group.resources_spec().core_fraction());
  desktop->clear_network_interfaces();
  const api::NetworkInterfaceSpec& network = group.network_interface_spec();
  std::string subnet(subnet_id);
  if (subnet.empty() && network.subnet_ids_size() > 0) {
    subnet = network.subnet_ids(0);
  }
  if (!network.network_id().empty()) {
    api::NetworkInterface* nic = desktop->add_network_interfaces();
    nic->set_network_id(network.network_id());
    nic->set_subnet_id(subnet);
  }
}

}  // namespace

grpc::ServerUnaryReactor* DesktopServiceImpl::Get(
    grpc::CallbackServerContext* context, const api::GetDesktopRequest* request,
    api::Desktop* response) {
  return ServeUnary(env_, &kGet, context, request, response,
                    [request, response](Records& records, const CallInfo&) {
                      auto it = records.desktops.find(request->desktop_id());
                      if (it == records.desktops.end()) {
                        return NotFound("desktop", request->desktop_id());
                      }
                      *response = it->second;
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::GetRdpFile(
    grpc::CallbackServerContext* context, const api::GetRdpFileRequest* request,
    api::RdpFileResponse* response) {
  return ServeUnary(
      env_, &kGetRdpFile, context, request, response,
      [request, response](Records& records, const CallInfo&) -> absl::Status {
        auto it = records.desktops.find(request->desktop_id());
        if (it == records.desktops.end()) {
          return NotFound("desktop", request->desktop_id());
        }
        const api::Desktop& desktop = it->second;
        std::string user;
        if (request->has_user()) {
          absl::StatusOr<const api::User*> found =
              FindUser(desktop, request->user());
          if (!found.ok()) return found.status();
          user = (*found)->subject_id();
        } else if (desktop.users_size() > 0) {
          user = desktop.users(0).subject_id();
        }
        response->set_content(absl::StrCat(
            "full address:s:", DesktopHost(desktop), ":3389\r\n",
            "username:s:", user, "\r\n", "prompt for credentials:i:1\r\n",
            "administrative session:i:0\r\n", "screen mode id:i:2\r\n",
            "authentication level:i:2\r\n"));
        std::string file_name =
            desktop.name().empty() ? desktop.id() : desktop.name();
        (*response->mutable_headers())["Content-Type"] = "application/x-rdp";
        (*response->mutable_headers())["Content-Disposition"] =
            absl::StrCat("attachment; filename=\"", file_name, ".rdp\"");
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::List(
    grpc::CallbackServerContext* context,
    const api::ListDesktopsRequest* request,
    api::ListDesktopsResponse* response) {
  return ServeUnary(
      env_, &kList, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        std::vector<const google::protobuf::Message*> items;
        for (const auto& [id, desktop] : records.desktops) {
          if (desktop.folder_id() == request->folder_id()) {
            items.push_back(&desktop);
          }
        }
        return PageInto(ResourceListQuery(*request, "desktops?folder_id=" +
                                                        request->folder_id()),
                        *env_->pages, std::move(items),
                        response->mutable_desktops(), response);
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::ListOperations(
    grpc::CallbackServerContext* context,
    const api::ListDesktopOperationsRequest* request,
    api::ListDesktopOperationsResponse* response) {
  return ServeUnary(
      env_, &kListOperations, context, request, response,
      [this, request, response](Records& records, const CallInfo&) {
        if (!records.desktops.contains(request->desktop_id())) {
          return NotFound("desktop", request->desktop_id());
        }
        return ListResourceOperations(
            records, *env_->pages, request->GetDescriptor()->full_name(),
            request->desktop_id(), request->page_size(), request->page_token(),
            request->filter(), response->mutable_operations(),
            response->mutable_next_page_token());
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Create(
    grpc::CallbackServerContext* context,
    const api::CreateDesktopRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kCreate, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        auto group_it = records.groups.find(request->desktop_group_id());
        if (group_it == records.groups.end()) {
          return NotFound("desktop group", request->desktop_group_id());
        }
        const api::DesktopGroup& group = group_it->second;
        if (group.status() != api::DesktopGroup::ACTIVE) {
          return absl::FailedPreconditionError(absl::StrCat(
              "desktop group ", group.id(), " is ",
              api::DesktopGroup::Status_Name(group.status()),
              "; desktops can be created only in an ACTIVE group"));
        }
        const auto& subnets = group.network_interface_spec().subnet_ids();
        if (!request->subnet_id().empty() &&
            std::find(subnets.begin(), subnets.end(), request->subnet_id()) ==
                subnets.end()) {
          return InvalidField(
              request->GetDescriptor()->full_name(), "subnet_id",
              absl::StrCat("is not one of the subnets of desktop group ",
                           group.id()),
              "subnet");
        }
        int64_t limit = group.group_config().max_desktops_amount();
        if (limit > 0) {
          int64_t count = std::count_if(
              records.desktops.begin(), records.desktops.end(),
              [&](const auto& entry) {
                return entry.second.desktop_group_id() == group.id();
              });
          if (count >= limit) {
            return absl::ResourceExhaustedError(absl::StrCat(
                "desktop group ", group.id(), " already has ", count,
                " desktops (max_desktops_amount = ", limit, ")"));
          }
        }
        api::Desktop desktop;
        desktop.set_id(env_->ids->ResourceId(kDesktopPrefix));
        desktop.set_folder_id(group.folder_id());
        desktop.set_desktop_group_id(group.id());
        *desktop.mutable_created_at() = ToTimestamp(absl::Now());
        desktop.set_status(api::Desktop::CREATING);
        desktop.set_name(request->name());
        *desktop.mutable_labels() = request->labels();
        desktop.set_description(request->description());
        InheritFromGroup(group, request->subnet_id(), &desktop);
        *desktop.mutable_users() = request->users();
        std::string id = desktop.id();
        records.desktops[id] = std::move(desktop);
        api::CreateDesktopMetadata metadata;
        metadata.set_desktop_id(id);
        // A cancelled Create removes the desktop (emulator assumption); a
        // failed one leaves it CREATION_FAILED ("did not manage to get
        // created"), to be deleted or updated.
        *response = env_->operations->Start(
            records,
            OperationSpec{
                "Create desktop", id, &metadata, info.subject,
                env_->faults->ForOperation(kCreate.service, kCreate.method),
                [id](Records& r, Operation& op) {
                  auto found = r.desktops.find(id);
                  if (found == r.desktops.end()) return;
                  found->second.set_status(api::Desktop::ACTIVE);
                  op.mutable_response()->PackFrom(found->second);
                },
                [id](Records& r) {
                  r.desktops.erase(id);
                  r.operations_by_resource.erase(id);
                },
                [id](Records& r) {
                  SetStatus(r, id, api::Desktop::CREATION_FAILED);
                },
                [id](Records& r) {
                  SetStatus(r, id, api::Desktop::HEALTH_CHECK);
                }});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::ResetPassword(
    grpc::CallbackServerContext* context,
    const api::ResetPasswordRequest* request,
    api::ResetPasswordResponse* response) {
  return ServeUnary(env_, &kResetPassword, context, request, response,
                    [this, request, response](Records& records,
                                              const CallInfo&) -> absl::Status {
                      auto it = records.desktops.find(request->desktop_id());
                      if (it == records.desktops.end()) {
                        return NotFound("desktop", request->desktop_id());
                      }
                      absl::StatusOr<const api::User*> user =
                          FindUser(it->second, request->user());
                      if (!user.ok()) return user.status();
                      response->set_password(env_->ids->Password());
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Restart(
    grpc::CallbackServerContext* context, const api::RestartRequest* request,
    Operation* response) {
  return ServeUnary(
      env_, &kRestart, context, request, response,
      [this, request, response](Records& records, const CallInfo& info) {
        api::RestartDesktopMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(env_, records, request->desktop_id(),
                               {&kRestart,
                                {api::Desktop::ACTIVE, api::Desktop::ERROR},
                                api::Desktop::RESTARTING,
                                api::Desktop::ACTIVE,
                                false,
                                "Restart desktop",
                                api::Desktop::ERROR,
                                true},
                               metadata, info, response);
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Start(
    grpc::CallbackServerContext* context, const api::StartRequest* request,
    Operation* response) {
  return ServeUnary(
      env_, &kStart, context, request, response,
      [this, request, response](Records& records, const CallInfo& info) {
        api::StartDesktopMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(env_, records, request->desktop_id(),
                               {&kStart,
                                {api::Desktop::STOPPED, api::Desktop::ERROR},
                                api::Desktop::STARTING,
                                api::Desktop::ACTIVE,
                                false,
                                "Start desktop",
                                api::Desktop::ERROR,
                                true},
                               metadata, info, response);
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Stop(
    grpc::CallbackServerContext* context, const api::StopRequest* request,
    Operation* response) {
  return ServeUnary(
      env_, &kStop, context, request, response,
      [this, request, response](Records& records, const CallInfo& info) {
        api::StopDesktopMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(env_, records, request->desktop_id(),
                               {&kStop,
                                {api::Desktop::ACTIVE},
                                api::Desktop::STOPPING,
                                api::Desktop::STOPPED,
                                false,
                                "Stop desktop"},
                               metadata, info, response);
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Update(
    grpc::CallbackServerContext* context, const api::UpdateRequest* request,
    Operation* response) {
  return ServeUnary(
      env_, &kUpdate, context, request, response,
      [this, request, response](Records& records, const CallInfo& info) {
        api::UpdateDesktopMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(
            env_, records, request->desktop_id(),
            {&kUpdate,
             {api::Desktop::ACTIVE, api::Desktop::STOPPED,
              api::Desktop::CREATION_FAILED},
             api::Desktop::UPDATING,
             api::Desktop::STATUS_UNSPECIFIED,
             false,
             "Update desktop",
             api::Desktop::CREATION_FAILED},
            metadata, info, response, [](Records& r, api::Desktop& desktop) {
              auto group = r.groups.find(desktop.desktop_group_id());
              if (group == r.groups.end()) return;
              std::string subnet =
                  desktop.network_interfaces_size() > 0
                      ? desktop.network_interfaces(0).subnet_id()
                      : "";
              InheritFromGroup(group->second, subnet, &desktop);
            });
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::UpdateProperties(
    grpc::CallbackServerContext* context,
    const api::UpdatePropertiesRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kUpdateProperties, context, request, response,
      [this, request, response](Records& records,
                                const CallInfo& info) -> absl::Status {
        absl::StatusOr<std::vector<std::string>> paths =
            ResolveUpdatePaths(*request, request->update_mask(),
                               {"name", "labels", "description"});
        if (!paths.ok()) return paths.status();
        api::UpdateDesktopPropertiesMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(env_, records, request->desktop_id(),
                               {&kUpdateProperties,
                                {api::Desktop::ACTIVE, api::Desktop::STOPPED},
                                api::Desktop::UPDATING,
                                api::Desktop::STATUS_UNSPECIFIED,
                                false,
                                "Update desktop properties"},
                               metadata, info, response,
                               [copy = *request, paths = *std::move(paths)](
                                   Records&, api::Desktop& desktop) {
                                 ApplyUpdatePaths(copy, paths, &desktop);
                               });
      });
}

grpc::ServerUnaryReactor* DesktopServiceImpl::Delete(
    grpc::CallbackServerContext* context,
    const api::DeleteDesktopRequest* request, Operation* response) {
  return ServeUnary(
      env_, &kDelete, context, request, response,
      [this, request, response](Records& records, const CallInfo& info) {
        api::DeleteDesktopMetadata metadata;
        metadata.set_desktop_id(request->desktop_id());
        return StartTransition(
            env_, records, request->desktop_id(),
            {&kDelete,
             {api::Desktop::ACTIVE, api::Desktop::STOPPED, api::Desktop::ERROR,
              api::Desktop::CREATION_FAILED, api::Desktop::HEALTH_CHECK},
             api::Desktop::DELETING,
             api::Desktop::STATUS_UNSPECIFIED,
             true,
             "Delete desktop"},
            metadata, info, response);
      });
}

}  // namespace clouddesktop::emulator::internal
