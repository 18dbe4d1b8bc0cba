#include "test_util.h"

#include <utility>

#include "absl/time/clock.h"

namespace emulator_test {

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + kRpcDeadline));
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

Stubs::Stubs(std::shared_ptr<grpc::Channel> c)
    : channel(std::move(c)),
      images(api::DesktopImageService::NewStub(channel)),
      desktops(api::DesktopService::NewStub(channel)),
      groups(api::DesktopGroupService::NewStub(channel)),
      operations(operation::OperationService::NewStub(channel)),
      tokens(iam::IamTokenService::NewStub(channel)),
      endpoints(endpoint::ApiEndpointService::NewStub(channel)) {}

clouddesktop::emulator::EmulatorOptions FastOptions() {
  clouddesktop::emulator::EmulatorOptions options;
  options.operation_delay = absl::Milliseconds(20);
  options.fault_seed = 42;
  return options;
}

void EmulatorTest::SetUp() {
  absl::StatusOr<std::unique_ptr<clouddesktop::emulator::Emulator>> emu =
      clouddesktop::emulator::Emulator::Start(Options());
  ASSERT_TRUE(emu.ok()) << emu.status();
  emu_ = *std::move(emu);
  stubs_ = std::make_unique<Stubs>(
      grpc::CreateChannel(emu_->address(), grpc::InsecureChannelCredentials()));
}

void EmulatorTest::TearDown() {
  stubs_.reset();
  emu_.reset();
}

operation::Operation EmulatorTest::WaitDone(const std::string& operation_id) {
  operation::Operation op;
  if (operation_id.empty()) {
    ADD_FAILURE() << "no operation to wait for";
    return op;
  }
  absl::Time deadline = absl::Now() + kWaitTimeout;
  while (absl::Now() < deadline) {
    operation::GetOperationRequest request;
    request.set_operation_id(operation_id);
    grpc::Status status = stubs_->operations->Get(Ctx().get(), request, &op);
    if (status.ok() && op.done()) return op;
    absl::SleepFor(absl::Milliseconds(5));
  }
  ADD_FAILURE() << "operation " << operation_id << " did not finish";
  return op;
}

api::CreateDesktopGroupRequest GroupRequest(const std::string& name) {
  api::CreateDesktopGroupRequest request;
  request.set_folder_id(std::string(clouddesktop::emulator::kDefaultFolderId));
  request.set_desktop_image_id("img-ubuntu-22-04");
  request.set_name(name);
  request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
  request.mutable_resources_spec()->set_cores(2);
  request.mutable_resources_spec()->set_core_fraction(100);
  request.mutable_network_interface_spec()->set_network_id("net-1");
  request.mutable_network_interface_spec()->add_subnet_ids("subnet-a");
  request.mutable_network_interface_spec()->add_subnet_ids("subnet-b");
  request.mutable_boot_disk_spec()->set_type(api::DiskSpec::SSD);
  request.mutable_boot_disk_spec()->set_size(int64_t{64} << 30);
  return request;
}

api::DesktopGroup EmulatorTest::CreateGroup(const std::string& name) {
  operation::Operation op;
  grpc::Status status =
      stubs_->groups->Create(Ctx().get(), GroupRequest(name), &op);
  api::DesktopGroup group;
  EXPECT_TRUE(status.ok()) << status.error_message();
  if (!status.ok()) return group;
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().UnpackTo(&group)) << op.DebugString();
  return group;
}

api::CreateDesktopRequest DesktopRequest(const std::string& group_id) {
  api::CreateDesktopRequest request;
  request.set_desktop_group_id(group_id);
  api::User* user = request.add_users();
  user->set_subject_id("alice");
  user->set_subject_type("userAccount");
  return request;
}

api::Desktop EmulatorTest::CreateDesktop(const std::string& group_id,
                                         const std::string& name) {
  api::CreateDesktopRequest request = DesktopRequest(group_id);
  request.set_name(name);
  operation::Operation op;
  grpc::Status status = stubs_->desktops->Create(Ctx().get(), request, &op);
  api::Desktop desktop;
  EXPECT_TRUE(status.ok()) << status.error_message();
  if (!status.ok()) return desktop;
  op = WaitDone(op.id());
  EXPECT_TRUE(op.response().UnpackTo(&desktop)) << op.DebugString();
  return desktop;
}

google::rpc::Status RpcStatusOf(const grpc::Status& status) {
  google::rpc::Status rpc;
  rpc.ParseFromString(status.error_details());
  return rpc;
}

std::vector<google::rpc::BadRequest::FieldViolation> ViolationsOf(
    const grpc::Status& status) {
  std::vector<google::rpc::BadRequest::FieldViolation> out;
  google::rpc::Status rpc = RpcStatusOf(status);
  for (const google::protobuf::Any& detail : rpc.details()) {
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&bad_request)) {
      for (const auto& v : bad_request.field_violations()) out.push_back(v);
    }
  }
  return out;
}

bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return condition();
}

clouddesktop::emulator::FaultSpec Spec(const std::string& text) {
  absl::StatusOr<clouddesktop::emulator::FaultSpec> spec =
      clouddesktop::emulator::ParseFaultSpec(text);
  EXPECT_TRUE(spec.ok()) << spec.status();
  return spec.ok() ? *spec : clouddesktop::emulator::FaultSpec();
}

}  // namespace emulator_test
