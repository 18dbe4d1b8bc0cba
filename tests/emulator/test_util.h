// Shared helpers of the emulator tests: an in-process emulator with stubs
// of every service, deadlines, polling operations to completion, and
// reading the error details the emulator attaches.

#ifndef TESTS_EMULATOR_TEST_UTIL_H_
#define TESTS_EMULATOR_TEST_UTIL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clouddesktop/emulator/emulator.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.grpc.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"
#include "yandex/cloud/operation/operation_service.grpc.pb.h"

namespace emulator_test {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace access = ::yandex::cloud::access;
namespace endpoint = ::yandex::cloud::endpoint;
namespace iam = ::yandex::cloud::iam::v1;
namespace operation = ::yandex::cloud::operation;

// Every RPC of the tests gets this deadline.
inline constexpr absl::Duration kRpcDeadline = absl::Seconds(10);
// How long a test waits for an operation or a condition.
inline constexpr absl::Duration kWaitTimeout = absl::Seconds(20);

// A client context with kRpcDeadline (and, optionally, a bearer token).
std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token = "");

// Stubs of the six services over one channel.
struct Stubs {
  explicit Stubs(std::shared_ptr<grpc::Channel> channel);

  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<api::DesktopImageService::Stub> images;
  std::unique_ptr<api::DesktopService::Stub> desktops;
  std::unique_ptr<api::DesktopGroupService::Stub> groups;
  std::unique_ptr<operation::OperationService::Stub> operations;
  std::unique_ptr<iam::IamTokenService::Stub> tokens;
  std::unique_ptr<endpoint::ApiEndpointService::Stub> endpoints;
};

// Options the tests start from: fast operations, seeded faults.
clouddesktop::emulator::EmulatorOptions FastOptions();

// An in-process emulator and stubs connected to it (plaintext).
class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Override to change the options of the fixture's emulator.
  virtual clouddesktop::emulator::EmulatorOptions Options() {
    return FastOptions();
  }

  // Polls OperationService.Get until the operation is done.
  operation::Operation WaitDone(const std::string& operation_id);

  // A group in kDefaultFolderId with the seed Ubuntu image, two subnets
  // and the given name; waits until it is ACTIVE.
  api::DesktopGroup CreateGroup(const std::string& name = "");
  // A desktop in `group_id` for user "alice"; waits until it is ACTIVE.
  api::Desktop CreateDesktop(const std::string& group_id,
                             const std::string& name = "");

  std::unique_ptr<clouddesktop::emulator::Emulator> emu_;
  std::unique_ptr<Stubs> stubs_;
};

// The google.rpc.Status in a call's binary error details (empty if none).
google::rpc::Status RpcStatusOf(const grpc::Status& status);

// The BadRequest field violations in a call's error details.
std::vector<google::rpc::BadRequest::FieldViolation> ViolationsOf(
    const grpc::Status& status);

// A request for a group like CreateGroup's.
api::CreateDesktopGroupRequest GroupRequest(const std::string& name);

// A request for a desktop in `group_id` for user "alice", like
// CreateDesktop's.
api::CreateDesktopRequest DesktopRequest(const std::string& group_id);

// `text` parsed as a fault spec; a test failure (and no faults) if it
// does not parse.
clouddesktop::emulator::FaultSpec Spec(const std::string& text);

// Polls `condition` every few milliseconds until it holds or `timeout`.
bool WaitFor(const std::function<bool()>& condition,
             absl::Duration timeout = kWaitTimeout);

}  // namespace emulator_test

#endif  // TESTS_EMULATOR_TEST_UTIL_H_
