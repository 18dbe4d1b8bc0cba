// The README's grpcurl commands ("The emulator, and debugging with
// reflection"), run for real against a standalone emulator: each command is
// read from README.md (so the test follows the README), run with sh, and
// its output compared with what the emulator serves (services and methods
// from the generated descriptors, the operation it started).
//
// grpcurl is not a Debian package: tools/test.sh installs it from the Go
// module proxy where `go` is present and passes $GRPCURL; without it the
// test skips, saying why.

#include <unistd.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kReadmeAddress[] = "localhost:50051";

// $GRPCURL, else grpcurl on PATH; empty if neither.
std::string FindGrpcurl() {
  if (const char* path = std::getenv("GRPCURL");
      path != nullptr && access(path, X_OK) == 0) {
    return path;
  }
  const char* path_env = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path_env == nullptr ? "" : path_env, ':')) {
    std::string candidate = absl::StrCat(dir, "/grpcurl");
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Runs a README command with `grpcurl` first on PATH: the README says
// `grpcurl`, this runs the one found.
Result Shell(const std::string& command, const std::string& grpcurl) {
  Subprocess::Options options;
  const char* path = std::getenv("PATH");
  std::string dir = grpcurl.substr(0, grpcurl.rfind('/'));
  options.env = {absl::StrCat("PATH=", dir, ":", path == nullptr ? "" : path)};
  return RunShell(command, options);
}

// The JSON after -v's "Response contents:" line (or the whole output).
nlohmann::json ResponseJson(const std::string& out) {
  std::string text = out;
  size_t at = text.find("Response contents:\n");
  if (at != std::string::npos) {
    text = text.substr(at + 19);
    text = text.substr(0, text.find("\n\nResponse trailers"));
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << out;
  return json;
}

const google::protobuf::ServiceDescriptor* DesktopService() {
  // Linked in: the generated descriptors are in the pool.
  (void)yandex::cloud::clouddesktop::v1::api::ListDesktopsRequest::descriptor();
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      "yandex.cloud.clouddesktop.v1.api.DesktopService");
}

std::set<std::string> Lines(const std::string& text) {
  std::set<std::string> lines;
  for (absl::string_view l : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    lines.insert(std::string(absl::StripAsciiWhitespace(l)));
  }
  return lines;
}

TEST(GrpcurlTest, TheReadmeCommandsWorkAgainstTheEmulator) {
  std::string grpcurl = FindGrpcurl();
  if (grpcurl.empty()) {
    GTEST_SKIP() << "grpcurl is not installed (not a Debian package): "
                    "tools/test.sh installs it with `go install "
                    "github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.1` "
                    "where Go is present and passes --test_env=GRPCURL=PATH";
  }
  std::vector<std::string> commands =
      ReadmeCommands("## The emulator", "grpcurl");
  // list, list SERVICE, describe x2, Create, Get, health, Copy.
  ASSERT_EQ(commands.size(), 8u) << absl::StrJoin(commands, "---\n");

  Emulator emulator({"--operation-delay", "100ms"});
  ASSERT_TRUE(emulator.ok()) << emulator.process().err();
  std::string operation_id;
  int checked = 0;
  for (std::string command : commands) {
    SCOPED_TRACE(command);
    command =
        absl::StrReplaceAll(command, {{kReadmeAddress, emulator.address()}});
    bool poll = absl::StrContains(command, "<id>");
    if (poll) {
      ASSERT_FALSE(operation_id.empty()) << "the Create command runs first";
      command = absl::StrReplaceAll(command, {{"<id>", operation_id}});
    }
    Result run = Shell(command, grpcurl);
    // Poll the operation (the README's Get) until it is done.
    for (int i = 0; poll && i < 50 && run.exit_code == 0 &&
                    !ResponseJson(run.out).value("done", false);
         ++i) {
      absl::SleepFor(absl::Milliseconds(100));
      run = Shell(command, grpcurl);
    }
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

    if (absl::StrContains(command, " list\n")) {
      // Every service the emulator serves, and nothing else.
      EXPECT_EQ(Lines(run.out),
                (std::set<std::string>{
                    "grpc.health.v1.Health",
                    "grpc.reflection.v1.ServerReflection",
                    "grpc.reflection.v1alpha.ServerReflection",
                    "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopImageService",
                    "yandex.cloud.clouddesktop.v1.api.DesktopService",
                    "yandex.cloud.endpoint.ApiEndpointService",
                    "yandex.cloud.iam.v1.IamTokenService",
                    "yandex.cloud.operation.OperationService",
                }))
          << run.out;
      ++checked;
    } else if (absl::StrContains(command, " list yandex")) {
      // The methods of DesktopService, as the generated descriptor has them.
      const auto* service = DesktopService();
      ASSERT_NE(service, nullptr);
      std::set<std::string> methods;
      for (int i = 0; i < service->method_count(); ++i) {
        methods.insert(std::string(service->method(i)->full_name()));
      }
      EXPECT_EQ(Lines(run.out), methods);
      ++checked;
    } else if (absl::StrContains(command, " describe ") &&
               absl::StrContains(command, "Request")) {
      // Every field of the request message, by name.
      const auto* type = yandex::cloud::clouddesktop::v1::api::
          CreateDesktopGroupRequest::descriptor();
      EXPECT_THAT(run.out, HasSubstr("message CreateDesktopGroupRequest {"));
      for (int i = 0; i < type->field_count(); ++i) {
        EXPECT_THAT(run.out, HasSubstr(absl::StrCat(" ", type->field(i)->name(),
                                                    " = ")));
      }
      ++checked;
    } else if (absl::StrContains(command, " describe ")) {
      EXPECT_THAT(run.out, HasSubstr("service DesktopService {"));
      const auto* service = DesktopService();
      ASSERT_NE(service, nullptr);
      for (int i = 0; i < service->method_count(); ++i) {
        EXPECT_THAT(run.out, HasSubstr(absl::StrCat(
                                 "rpc ", service->method(i)->name(), " ( ")));
      }
      ++checked;
    } else if (absl::StrContains(command, "DesktopGroupService/Create")) {
      // -v: the response headers carry the request ids.
      EXPECT_THAT(run.out, AllOf(HasSubstr("x-request-id: "),
                                 HasSubstr("Response contents:")));
      nlohmann::json op = ResponseJson(run.out);
      EXPECT_EQ(op["description"], "Create desktop group");
      EXPECT_NE(op.value("done", false), true);
      EXPECT_FALSE(op["metadata"].value("desktop_group_id", "").empty()) << op;
      operation_id = op.value("id", "");
      ++checked;
    } else if (poll) {
      nlohmann::json op = ResponseJson(run.out);
      EXPECT_EQ(op["done"], true) << op;
      EXPECT_EQ(op["response"]["name"], "team");
      EXPECT_EQ(op["response"]["status"], "ACTIVE");
      ++checked;
    } else if (absl::StrContains(command, "Health/Check")) {
      EXPECT_EQ(ResponseJson(run.out), nlohmann::json({{"status", "SERVING"}}));
      ++checked;
    } else if (absl::StrContains(command, "DesktopImageService/Copy")) {
      nlohmann::json op = ResponseJson(run.out);
      EXPECT_EQ(op["description"], "Copy desktop image");
      EXPECT_FALSE(op["metadata"].value("image_id", "").empty()) << op;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8);
}

}  // namespace
}  // namespace cli_test
