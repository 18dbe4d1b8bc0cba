// Every RPC through the client facade against the in-process emulator, with
// real semantics (resources move through their statuses, operations finish
// after a delay), and the waiter and retries against its injected faults.
// Every test runs twice: over gRPC, and over the REST API
// (TransportKind::kRest against the emulator's HTTP port), with the same
// assertions: only the wire differs.
#include "clouddesktop/emulator/emulator.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/faults.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/status_details.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "google/protobuf/field_mask.pb.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Records the methods the facade called (one record per attempt).
class MethodSink : public LogSink {
 public:
  void Record(const AttemptRecord& r) override {
    internal::MutexLock lock(&mu_);
    methods_.insert(r.method);
    ++attempts_;
    if (!r.request_id.empty()) ++with_request_id_;
  }
  std::set<std::string> methods() {
    internal::MutexLock lock(&mu_);
    return methods_;
  }
  int attempts() {
    internal::MutexLock lock(&mu_);
    return attempts_;
  }
  int with_request_id() {
    internal::MutexLock lock(&mu_);
    return with_request_id_;
  }

 private:
  internal::Mutex mu_;
  std::set<std::string> methods_;
  int attempts_ = 0;
  int with_request_id_ = 0;
};

class EmulatorTest : public ::testing::TestWithParam<TransportKind> {
 protected:
  void SetUp() override {
    clouddesktop::emulator::EmulatorOptions options;
    options.operation_delay = absl::Milliseconds(20);
    options.fault_seed = 1;
    options.http_listen_address = "127.0.0.1:0";
    auto emu = clouddesktop::emulator::Emulator::Start(options);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
    Connect();
  }

  void Connect(std::shared_ptr<AuthProvider> auth = nullptr) {
    ConnectionOptions options;
    options.endpoint = emu_->address();
    options.operation_endpoint = emu_->address();
    options.transport = GetParam();
    options.rest_endpoint = emu_->http_address();
    options.rest_operation_endpoint = emu_->http_address();
    options.insecure = true;
    options.log_sink = sink_;
    options.auth = std::move(auth);
    options.backoff_policy = std::make_shared<ExponentialBackoffPolicy>(
        absl::Milliseconds(1), absl::Milliseconds(20), 2.0);
    PollingSettings polling;
    polling.initial_interval = absl::Milliseconds(5);
    polling.maximum_interval = absl::Milliseconds(50);
    polling.maximum_duration = absl::Seconds(30);
    options.polling_policy =
        std::make_shared<ExponentialPollingPolicy>(polling);
    connections_ = MakeConnections(options);
    images_ = std::make_unique<DesktopImageClient>(connections_);
    desktops_ = std::make_unique<DesktopClient>(connections_);
    groups_ = std::make_unique<DesktopGroupClient>(connections_);
    operations_ = std::make_unique<OperationClient>(connections_);
  }

  void TearDown() override {
    images_.reset();
    desktops_.reset();
    groups_.reset();
    operations_.reset();
    connections_ = Connections();
    if (emu_) emu_->Shutdown();
  }

  static std::string Folder() {
    return std::string(clouddesktop::emulator::kDefaultFolderId);
  }

  api::CreateDesktopGroupRequest GroupRequest(const std::string& name) {
    api::CreateDesktopGroupRequest request;
    request.set_folder_id(Folder());
    request.set_desktop_image_id("img-ubuntu-22-04");
    request.set_name(name);
    request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
    request.mutable_resources_spec()->set_cores(2);
    request.mutable_resources_spec()->set_core_fraction(100);
    request.mutable_network_interface_spec()->set_network_id("net-1");
    request.mutable_network_interface_spec()->add_subnet_ids("subnet-a");
    request.mutable_boot_disk_spec()->set_type(api::DiskSpec::SSD);
    request.mutable_boot_disk_spec()->set_size(int64_t{64} << 30);
    return request;
  }

  api::DesktopGroup CreateGroup(const std::string& name) {
    auto op = groups_->CreateDesktopGroup(GroupRequest(name));
    EXPECT_TRUE(op.ok()) << op.status();
    if (!op.ok()) return {};
    auto group = op->Await();
    EXPECT_TRUE(group.ok()) << group.status();
    return group.ok() ? *group : api::DesktopGroup();
  }

  api::CreateDesktopRequest DesktopRequest(const std::string& group_id) {
    api::CreateDesktopRequest request;
    request.set_desktop_group_id(group_id);
    auto* user = request.add_users();
    user->set_subject_id("alice");
    user->set_subject_type("userAccount");
    return request;
  }

  std::shared_ptr<MethodSink> sink_ = std::make_shared<MethodSink>();
  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
  Connections connections_;
  std::unique_ptr<DesktopImageClient> images_;
  std::unique_ptr<DesktopClient> desktops_;
  std::unique_ptr<DesktopGroupClient> groups_;
  std::unique_ptr<OperationClient> operations_;
};

#define ASSERT_OK(expr)                                   \
  do {                                                    \
    const auto& _v = (expr);                              \
    ASSERT_TRUE(_v.ok()) << #expr << ": " << _v.status(); \
  } while (0)

TEST_P(EmulatorTest, EveryRpcThroughTheFacade) {
  // --- DesktopImageService: List, Get.
  api::ListDesktopImagesRequest list_images;
  list_images.set_folder_id(Folder());
  std::vector<api::DesktopImage> seed;
  for (const auto& image : images_->ListDesktopImages(list_images)) {
    ASSERT_OK(image);
    seed.push_back(*image);
  }
  ASSERT_EQ(seed.size(), 2u);
  api::GetDesktopImageRequest get_image;
  get_image.set_image_id(seed[0].id());
  auto image = images_->GetDesktopImage(get_image);
  ASSERT_OK(image);
  EXPECT_EQ(image->id(), seed[0].id());

  // --- DesktopGroupService: Create, Get, List, Update.
  auto create_group = groups_->CreateDesktopGroup(GroupRequest("grp-a"));
  ASSERT_OK(create_group);
  auto group_meta = create_group->metadata();  // typed, before completion
  ASSERT_OK(group_meta);
  auto group = create_group->Await();
  ASSERT_OK(group);
  EXPECT_EQ(group->id(), group_meta->desktop_group_id());
  EXPECT_EQ(group->status(), api::DesktopGroup::ACTIVE);
  api::GetDesktopGroupRequest get_group;
  get_group.set_desktop_group_id(group->id());
  ASSERT_OK(groups_->GetDesktopGroup(get_group));
  api::ListDesktopGroupsRequest list_groups;
  list_groups.set_folder_id(Folder());
  int groups_seen = 0;
  for (const auto& g : groups_->ListDesktopGroups(list_groups)) {
    ASSERT_OK(g);
    ++groups_seen;
  }
  EXPECT_EQ(groups_seen, 1);
  api::UpdateDesktopGroupRequest update_group;
  update_group.set_desktop_group_id(group->id());
  update_group.set_description("updated");
  update_group.mutable_update_mask()->add_paths("description");
  auto update_group_op = groups_->UpdateDesktopGroup(update_group);
  ASSERT_OK(update_group_op);
  ASSERT_OK(update_group_op->Await());  // google.protobuf.Empty
  EXPECT_EQ(groups_->GetDesktopGroup(get_group)->description(), "updated");

  // --- DesktopService: Create, Get, List, ListDesktops (group), GetRdpFile,
  // ResetPassword, Stop, Start, Restart, Update, UpdateProperties.
  auto create_desktop = desktops_->CreateDesktop(DesktopRequest(group->id()));
  ASSERT_OK(create_desktop);
  auto desktop = create_desktop->Await();
  ASSERT_OK(desktop);
  EXPECT_EQ(desktop->status(), api::Desktop::ACTIVE);
  api::GetDesktopRequest get_desktop;
  get_desktop.set_desktop_id(desktop->id());
  ASSERT_OK(desktops_->GetDesktop(get_desktop));
  api::ListDesktopsRequest list_desktops;
  list_desktops.set_folder_id(Folder());
  int desktops_seen = 0;
  for (const auto& d : desktops_->ListDesktops(list_desktops)) {
    ASSERT_OK(d);
    ++desktops_seen;
  }
  EXPECT_EQ(desktops_seen, 1);
  api::ListDesktopGroupDesktopsRequest group_desktops;
  group_desktops.set_desktop_group_id(group->id());
  int in_group = 0;
  for (const auto& d : groups_->ListDesktopGroupDesktops(group_desktops)) {
    ASSERT_OK(d);
    EXPECT_EQ(d->id(), desktop->id());
    ++in_group;
  }
  EXPECT_EQ(in_group, 1);
  api::GetRdpFileRequest rdp;
  rdp.set_desktop_id(desktop->id());
  auto rdp_file = desktops_->GetRdpFile(rdp);
  ASSERT_OK(rdp_file);
  EXPECT_FALSE(rdp_file->content().empty());
  api::ResetPasswordRequest reset;
  reset.set_desktop_id(desktop->id());
  reset.mutable_user()->set_subject_id("alice");
  reset.mutable_user()->set_subject_type("userAccount");
  auto password = desktops_->ResetPassword(reset);
  ASSERT_OK(password);
  EXPECT_FALSE(password->password().empty());

  api::StopRequest stop;
  stop.set_desktop_id(desktop->id());
  auto stop_op = desktops_->StopDesktop(stop);
  ASSERT_OK(stop_op);
  auto stopped = stop_op->Await();
  ASSERT_OK(stopped);
  EXPECT_EQ(stopped->status(), api::Desktop::STOPPED);
  api::StartRequest start;
  start.set_desktop_id(desktop->id());
  auto start_op = desktops_->StartDesktop(start);
  ASSERT_OK(start_op);
  ASSERT_OK(start_op->Await());
  api::RestartRequest restart;
  restart.set_desktop_id(desktop->id());
  auto restart_op = desktops_->RestartDesktop(restart);
  ASSERT_OK(restart_op);
  ASSERT_OK(restart_op->Await());
  api::UpdateRequest update_desktop;
  update_desktop.set_desktop_id(desktop->id());
  auto update_desktop_op = desktops_->UpdateDesktop(update_desktop);
  ASSERT_OK(update_desktop_op);
  ASSERT_OK(update_desktop_op->Await());
  api::UpdatePropertiesRequest props;
  props.set_desktop_id(desktop->id());
  props.set_name("renamed");
  props.mutable_update_mask()->add_paths("name");
  auto props_op = desktops_->UpdateDesktopProperties(props);
  ASSERT_OK(props_op);
  auto renamed = props_op->Await();
  ASSERT_OK(renamed);
  EXPECT_EQ(renamed->name(), "renamed");

  // --- ListOperations of the desktop and the group; awaiting listed
  // operations (already done: no poll needed).
  api::ListDesktopOperationsRequest desktop_ops;
  desktop_ops.set_desktop_id(desktop->id());
  int ops_seen = 0;
  for (const auto& op : desktops_->ListDesktopOperations(desktop_ops)) {
    ASSERT_OK(op);
    EXPECT_TRUE(op->done());
    ++ops_seen;
  }
  EXPECT_GE(ops_seen, 6);
  api::ListDesktopGroupOperationsRequest group_ops;
  group_ops.set_desktop_group_id(group->id());
  for (const auto& op : groups_->ListDesktopGroupOperations(group_ops)) {
    ASSERT_OK(op);
    ASSERT_OK(operations_->AwaitOperation(*op));
  }

  // --- OperationService: Get (and Cancel, below).
  operation::GetOperationRequest get_op;
  get_op.set_operation_id(stop_op->id());
  auto fetched = operations_->GetOperation(get_op);
  ASSERT_OK(fetched);
  EXPECT_TRUE(fetched->done());

  // --- Images from the (stopped) desktop and from a Compute image:
  // CopyFromDesktop, Copy, Update, Delete.
  ASSERT_OK(desktops_->StopDesktop(stop)->Await());
  api::CopyFromDesktopRequest from_desktop;
  from_desktop.set_desktop_id(desktop->id());
  from_desktop.set_folder_id(Folder());
  from_desktop.set_name("snapshot");
  auto from_desktop_op = images_->CopyFromDesktop(from_desktop);
  ASSERT_OK(from_desktop_op);
  auto snapshot = from_desktop_op->Await();
  ASSERT_OK(snapshot);
  ASSERT_OK(desktops_->StartDesktop(start)->Await());
  api::CopyDesktopImageRequest copy;
  copy.set_folder_id(Folder());
  copy.set_name("copy-of-ubuntu");
  copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");  // a Compute image
  auto copy_op = images_->CopyDesktopImage(copy);
  ASSERT_OK(copy_op);
  auto copied = copy_op->Await();
  ASSERT_OK(copied);
  api::UpdateDesktopImageRequest update_image;
  update_image.set_image_id(copied->id());
  update_image.set_description("mine");
  update_image.mutable_update_mask()->add_paths("description");
  auto update_image_op = images_->UpdateDesktopImage(update_image);
  ASSERT_OK(update_image_op);
  auto updated_image = update_image_op->Await();
  ASSERT_OK(updated_image);
  EXPECT_EQ(updated_image->description(), "mine");
  for (const std::string& id : {copied->id(), snapshot->id()}) {
    api::DeleteDesktopImageRequest del;
    del.set_image_id(id);
    auto del_op = images_->DeleteDesktopImage(del);
    ASSERT_OK(del_op);
    ASSERT_OK(del_op->Await());
  }

  // --- Access bindings: Set, Update, List.
  access::SetAccessBindingsRequest set_bindings;
  set_bindings.set_resource_id(group->id());
  auto* binding = set_bindings.add_access_bindings();
  binding->set_role_id("vdi.viewer");
  binding->mutable_subject()->set_id("bob");
  binding->mutable_subject()->set_type("userAccount");
  auto set_op = groups_->SetAccessBindings(set_bindings);
  ASSERT_OK(set_op);
  ASSERT_OK(set_op->Await());
  access::UpdateAccessBindingsRequest update_bindings;
  update_bindings.set_resource_id(group->id());
  auto* delta = update_bindings.add_access_binding_deltas();
  delta->set_action(access::ADD);
  delta->mutable_access_binding()->set_role_id("vdi.user");
  delta->mutable_access_binding()->mutable_subject()->set_id("carol");
  delta->mutable_access_binding()->mutable_subject()->set_type("userAccount");
  auto update_op = groups_->UpdateAccessBindings(update_bindings);
  ASSERT_OK(update_op);
  ASSERT_OK(update_op->Await());
  access::ListAccessBindingsRequest list_bindings;
  list_bindings.set_resource_id(group->id());
  std::set<std::string> subjects;
  for (const auto& b : groups_->ListAccessBindings(list_bindings)) {
    ASSERT_OK(b);
    subjects.insert(b->subject().id());
  }
  EXPECT_EQ(subjects, (std::set<std::string>{"bob", "carol"}));

  // --- OperationService.Cancel: a slow Stop, cancelled on the server.
  emu_->SetOperationDelay(absl::Seconds(30));
  auto slow_stop = desktops_->StopDesktop(stop);
  ASSERT_OK(slow_stop);
  auto cancelled = slow_stop->CancelAndAwait();
  EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled)
      << cancelled.status();
  EXPECT_THAT(cancelled.status().message(), HasSubstr(slow_stop->id()));
  emu_->SetOperationDelay(absl::Milliseconds(20));
  EXPECT_EQ(desktops_->GetDesktop(get_desktop)->status(), api::Desktop::ACTIVE);

  // --- Deletes: DeleteDesktop, DeleteDesktopGroup.
  api::DeleteDesktopRequest delete_desktop;
  delete_desktop.set_desktop_id(desktop->id());
  auto delete_desktop_op = desktops_->DeleteDesktop(delete_desktop);
  ASSERT_OK(delete_desktop_op);
  ASSERT_OK(delete_desktop_op->Await());
  EXPECT_EQ(desktops_->GetDesktop(get_desktop).status().code(),
            absl::StatusCode::kNotFound);
  api::DeleteDesktopGroupRequest delete_group;
  delete_group.set_desktop_group_id(group->id());
  auto delete_group_op = groups_->DeleteDesktopGroup(delete_group);
  ASSERT_OK(delete_group_op);
  ASSERT_OK(delete_group_op->Await());

  // Every one of the 30 RPCs went through the facade.
  std::set<std::string> methods = sink_->methods();
  EXPECT_EQ(methods.size(), 30u) << absl::StrJoin(methods, ", ");
  // The emulator answers every call with an x-request-id; the facade kept
  // it for every attempt.
  EXPECT_EQ(sink_->with_request_id(), sink_->attempts());
}

TEST_P(EmulatorTest, ErrorsCarryTheServersRequestId) {
  api::GetDesktopRequest get;
  get.set_desktop_id("dskmissing0000000000");
  auto d = desktops_->GetDesktop(get);
  ASSERT_EQ(d.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(d.status().message(),
              HasSubstr("DesktopService.Get: NOT_FOUND: "));
  EXPECT_THAT(d.status().message(), HasSubstr("[x-request-id="));
  EXPECT_THAT(d.status().message(), HasSubstr("x-client-request-id="));
}

TEST_P(EmulatorTest, WaiterRidesOutNotFoundOnFreshOperations) {
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "OperationService.Get:not_found_polls=2");
  ASSERT_TRUE(faults.ok()) << faults.status();
  emu_->SetFaults(*faults);
  api::DesktopGroup group = CreateGroup("grp-nf");
  EXPECT_EQ(group.status(), api::DesktopGroup::ACTIVE);
}

TEST_P(EmulatorTest, RetriesRideOutUnavailableWithOneIdempotencyKey) {
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "DesktopGroupService.Create:unavailable=0.5;DesktopGroupService.Get:"
      "unavailable=0.5;OperationService.Get:unavailable=0.3");
  ASSERT_TRUE(faults.ok()) << faults.status();
  emu_->SetFaults(*faults);
  CallOptions options;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(20);
  for (int i = 0; i < 5; ++i) {
    auto op = groups_->CreateDesktopGroup(GroupRequest(absl::StrCat("grp-", i)),
                                          options);
    ASSERT_OK(op);
    auto group = op->Await();
    ASSERT_OK(group);
    api::GetDesktopGroupRequest get;
    get.set_desktop_group_id(group->id());
    ASSERT_OK(groups_->GetDesktopGroup(get, options));
  }
  // Exactly five groups: no retry created a second one.
  api::ListDesktopGroupsRequest list;
  list.set_folder_id(Folder());
  int n = 0;
  for (const auto& g : groups_->ListDesktopGroups(list, options)) {
    ASSERT_OK(g);
    ++n;
  }
  EXPECT_EQ(n, 5);
}

TEST_P(EmulatorTest, FailedOperationsBecomeStatuses) {
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "DesktopGroupService.Create:op_error=RESOURCE_EXHAUSTED");
  ASSERT_TRUE(faults.ok());
  emu_->SetFaults(*faults);
  auto op = groups_->CreateDesktopGroup(GroupRequest("grp-x"));
  ASSERT_OK(op);
  auto group = op->Await();
  EXPECT_EQ(group.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(group.status().message(),
              HasSubstr("operation " + op->id() + " failed"));
  ErrorInfo info = FromStatus(group.status());  // the same, as fields
  EXPECT_EQ(info.code, absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(info.operation_id, op->id());
  EXPECT_FALSE(info.wait_incomplete);
}

// What a program reads from real errors, with no message parsing: the
// method and both sides' ids of an RPC error, the violations of a request
// never sent (a failed operation's id: FailedOperationsBecomeStatuses).
TEST_P(EmulatorTest, ErrorInfoFromRealErrors) {
  api::GetDesktopRequest get;
  get.set_desktop_id("dsk-missing");
  auto missing = desktops_->GetDesktop(get);
  ASSERT_FALSE(missing.ok());
  ErrorInfo e = FromStatus(missing.status());
  EXPECT_EQ(e.code, absl::StatusCode::kNotFound);
  EXPECT_EQ(e.method, "DesktopService.Get");
  EXPECT_THAT(e.message, HasSubstr("dsk-missing"));
  EXPECT_THAT(e.message, Not(HasSubstr("DesktopService.Get")));
  EXPECT_NE(e.request_id, "");
  EXPECT_NE(e.server_trace_id, "");
  EXPECT_NE(e.client_request_id, "");
  EXPECT_EQ(e.attempts, 1);
  EXPECT_THAT(e.ToString(), HasSubstr("x-request-id=" + e.request_id));

  auto invalid = desktops_->GetDesktop(api::GetDesktopRequest());
  ASSERT_FALSE(invalid.ok());
  ErrorInfo v = FromStatus(invalid.status());
  EXPECT_EQ(v.method, "DesktopService.Get");
  EXPECT_EQ(v.attempts, 0);  // never sent
  ASSERT_EQ(v.field_violations.size(), 1u);
  EXPECT_EQ(v.field_violations[0].field, "desktop_id");
}

// Through the library: a failed Create leaves a CREATION_FAILED desktop
// (the operation's own error, not a wait that gave up), which Update
// repairs; every group the library returns has exactly one update policy.
TEST_P(EmulatorTest, FailureStatesAndUpdatePolicyThroughTheLibrary) {
  api::DesktopGroup group = CreateGroup("grp-states");
  EXPECT_EQ(group.update_policy_case(), api::DesktopGroup::kManualUpdatePolicy);
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "DesktopService.Create:op_error=INTERNAL");
  ASSERT_TRUE(faults.ok());
  emu_->SetFaults(*faults);
  auto op = desktops_->CreateDesktop(DesktopRequest(group.id()));
  ASSERT_OK(op);
  auto created = op->Await();
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(IncompleteWaitOperationId(created.status()), std::nullopt);
  auto metadata = op->metadata();
  ASSERT_OK(metadata);
  api::GetDesktopRequest get;
  get.set_desktop_id(metadata->desktop_id());
  auto failed = desktops_->GetDesktop(get);
  ASSERT_OK(failed);
  EXPECT_EQ(failed->status(), api::Desktop::CREATION_FAILED);

  emu_->SetFaults({});
  api::UpdateRequest update;
  update.set_desktop_id(metadata->desktop_id());
  auto repaired = desktops_->UpdateDesktop(update);
  ASSERT_OK(repaired);
  auto desktop = repaired->Await();
  ASSERT_OK(desktop);
  EXPECT_EQ(desktop->status(), api::Desktop::ACTIVE);
}

// Regression (issue 14's probe): transient poll errors used up the
// waiter's NOT_FOUND tolerance, so operations that succeeded on the server
// were reported NOT_FOUND. With flaky starts and polls and two NOT_FOUNDs
// per new operation, every Copy must end with its ACTIVE image.
TEST_P(EmulatorTest, FlakyPollsNeverTurnASucceededOperationIntoAFailure) {
  auto faults = clouddesktop::emulator::ParseFaultSpec(
      "OperationService.Get:unavailable=0.2,resource_exhausted=0.1,"
      "not_found_polls=2;DesktopImageService.Copy:unavailable=0.2,"
      "resource_exhausted=0.1");
  ASSERT_TRUE(faults.ok()) << faults.status();
  emu_->SetFaults(*faults);
  CallOptions options;
  options.retry_policy = std::make_shared<LimitedRetryPolicy>(50);
  constexpr int kCopies = 200;
  std::vector<Future<absl::StatusOr<api::DesktopImage>>> waits;
  for (int i = 0; i < kCopies; ++i) {
    api::CopyDesktopImageRequest copy;
    copy.set_folder_id("flaky-folder");
    copy.set_name(absl::StrCat("copy-", i));
    copy.set_image_id("fd8a1b2c3d4e5f6g7h8i");
    waits.push_back(images_->CopyDesktopImageAsync(copy, options)
                        .Then([](absl::StatusOr<CopyDesktopImageOperation> op) {
                          if (!op.ok()) {
                            return MakeReadyFuture(
                                absl::StatusOr<api::DesktopImage>(op.status()));
                          }
                          return op->AwaitAsync();
                        }));
  }
  int ok = 0;
  for (auto& wait : waits) {
    absl::StatusOr<api::DesktopImage> image = wait.Get();
    if (!image.ok()) {
      ADD_FAILURE() << image.status();
      continue;
    }
    EXPECT_EQ(image->status(), api::DesktopImage::ACTIVE);
    ++ok;
  }
  EXPECT_EQ(ok, kCopies);
}

TEST_P(EmulatorTest, ManyConcurrentWaits) {
  std::vector<Future<absl::StatusOr<api::DesktopGroup>>> waits;
  for (int i = 0; i < 50; ++i) {
    waits.push_back(
        groups_->CreateDesktopGroupAsync(GroupRequest(absl::StrCat("g", i)))
            .Then([](absl::StatusOr<CreateDesktopGroupOperation> op) {
              if (!op.ok()) {
                return MakeReadyFuture(
                    absl::StatusOr<api::DesktopGroup>(op.status()));
              }
              return op->AwaitAsync();
            }));
  }
  for (auto& w : waits) ASSERT_OK(w.Get());
}

INSTANTIATE_TEST_SUITE_P(
    Transports, EmulatorTest,
    ::testing::Values(TransportKind::kGrpc, TransportKind::kRest),
    [](const ::testing::TestParamInfo<TransportKind>& info) {
      return info.param == TransportKind::kRest ? "Rest" : "Grpc";
    });

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
