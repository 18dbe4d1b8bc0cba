// Exit codes and messages of the real `clouddesktop` binary: usage errors
// (2, with a pointer to --help), API errors (1, naming the method, the
// status code, the request id and, for INVALID_ARGUMENT, the field), failed
// operations (3, from the emulator's op_error fault), and --help at every
// level for exactly the commands the issue lists.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class ErrorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new Emulator(
        {"--operation-delay", "20ms", "--faults",
         "DesktopGroupService.Create:op_error=RESOURCE_EXHAUSTED"});
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  static Result Cli(std::vector<std::string> args) {
    return RunCli(emulator_->Args(std::move(args)));
  }
  static Emulator* emulator_;
};

Emulator* ErrorsTest::emulator_ = nullptr;

TEST_F(ErrorsTest, UsageErrorsExit2WithAHelpfulMessage) {
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> expected;  // substrings of stderr
  };
  std::vector<Case> cases = {
      {{"images", "list", "--folder-id", "f", "--bogus"},
       {"--bogus", "clouddesktop images list --help"}},
      {{"images", "list"}, {"--folder-id", "required", "nothing was sent"}},
      {{"desktops", "get"},
       {"DESKTOP_ID, --id, --name or --desktop-id", "required"}},
      {{"images", "list", "--folder-id", "f", "--page-size", "many"},
       {"--page-size", "\"many\" is not an integer"}},
      {{"groups", "create", "--folder-id", "f", "--desktop-image-id", "i",
        "--boot-disk-spec.type", "FLOPPY"},
       {"--boot-disk-spec.type", "HDD|SSD"}},
      {{"images", "update", "i", "--labels", "novalue"},
       {"--labels", "\"novalue\" is not KEY=VALUE"}},
      {{"groups", "create", "--folder-id", "f", "--desktop-image-id", "i",
        "--resources-spec", "{not json"},
       {"--resources-spec", "not valid JSON"}},
      {{"images", "update", "i", "--labels", "Bad-Key=v"},
       {"--labels", "labels[\"Bad-Key\"]"}},
      {{"images", "bogus"}, {"unknown command \"bogus\"", "list, get, copy"}},
      {{"nothing"}, {"unknown command \"nothing\"", "images, desktops"}},
      {{"desktops"}, {"a command is required", "get-rdp-file"}},
      {{"--format", "xml", "images", "get", "i"}, {"--format", "xml"}},
      {{"--timeout", "soon", "images", "get", "i"}, {"--timeout", "duration"}},
      {{"images", "get", "a", "--image-id", "b"}, {"IMAGE_ID and --image-id"}},
      {{"images", "copy", "--request-json", "/no/such/file.json"},
       {"--request-json", "cannot read"}},
      {{"images", "list", "--limit", "0", "--folder-id", "f"}, {"--limit"}},
      {{"--token-file", "/no/such/token", "images", "get", "i"},
       {"--token-file", "cannot read"}},
  };
  for (const Case& c : cases) {
    Result r = Cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
    for (const std::string& s : c.expected) {
      EXPECT_THAT(r.err, HasSubstr(s)) << r.Describe();
    }
    EXPECT_EQ(r.out, "") << r.Describe();
  }
  // Bad JSON for a whole request.
  std::string path =
      WriteTempFile("bad.json", R"({"folderId": 42, "nope": 1})");
  Result bad = Cli({"images", "list", "--request-json", path});
  EXPECT_EQ(bad.exit_code, 2) << bad.Describe();
  EXPECT_THAT(bad.err, HasSubstr("--request-json: not a valid "
                                 "ListDesktopImagesRequest"));
}

TEST_F(ErrorsTest, ApiErrorsExit1NamingMethodStatusRequestIdAndField) {
  Result missing = Cli({"desktops", "get", "dsk-missing"});
  EXPECT_EQ(missing.exit_code, 1) << missing.Describe();
  EXPECT_THAT(missing.err,
              AllOf(HasSubstr("DesktopService.Get"), HasSubstr("NOT_FOUND"),
                    HasSubstr("dsk-missing"), HasSubstr("x-request-id=")));

  // INVALID_ARGUMENT from the server names the field and its flag.
  Result token = Cli({"images", "list", "--folder-id", "emulator-folder",
                      "--page-token", "forged"});
  EXPECT_EQ(token.exit_code, 1) << token.Describe();
  EXPECT_THAT(token.err,
              AllOf(HasSubstr("DesktopImageService.List"),
                    HasSubstr("INVALID_ARGUMENT"), HasSubstr("x-request-id="),
                    HasSubstr("field page_token (--page-token)")));

  Result filter = Cli(
      {"desktops", "list", "--folder-id", "f", "--filter", "colour = \"red\""});
  EXPECT_EQ(filter.exit_code, 1) << filter.Describe();
  EXPECT_THAT(filter.err, AllOf(HasSubstr("DesktopService.List"),
                                HasSubstr("INVALID_ARGUMENT"),
                                HasSubstr("field filter (--filter)")));

  // FAILED_PRECONDITION: a group cannot use an image that is not ACTIVE
  // (or the service refuses some other way): still exit 1 with the method.
  Result nogroup =
      Cli({"desktops", "create", "--desktop-group-id", "dgr-missing", "--users",
           "subject_id=u,subject_type=userAccount"});
  EXPECT_EQ(nogroup.exit_code, 1) << nogroup.Describe();
  EXPECT_THAT(nogroup.err, AllOf(HasSubstr("DesktopService.Create"),
                                 HasSubstr("NOT_FOUND")));
  EXPECT_EQ(nogroup.out, "");
}

TEST_F(ErrorsTest, FailedOperationExits3) {
  std::vector<std::string> create = {"groups",
                                     "create",
                                     "--folder-id",
                                     "fail-folder",
                                     "--desktop-image-id",
                                     "img-ubuntu-22-04",
                                     "--name",
                                     "doomed"};
  std::vector<std::string> wait = create;
  wait.push_back("--wait");
  Result r = Cli(wait);
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("DesktopGroupService.Create"),
                    HasSubstr("RESOURCE_EXHAUSTED"), HasSubstr("failed")));
  EXPECT_EQ(r.out, "");

  // The same when the wait is resumed by id.
  create.insert(create.end(), {"--async", "--format", "json"});
  Result started = Cli(create);
  ASSERT_EQ(started.exit_code, 0) << started.Describe();
  std::string id = Json(started).value("id", "");
  Result resumed = Cli({"operations", "wait", id});
  EXPECT_EQ(resumed.exit_code, 3) << resumed.Describe();
  EXPECT_THAT(resumed.err,
              AllOf(HasSubstr(id), HasSubstr("RESOURCE_EXHAUSTED")));
  // The failed operation as data: done, with its error.
  Result op = Cli({"operations", "get", id, "--format", "json"});
  ASSERT_EQ(op.exit_code, 0) << op.Describe();
  nlohmann::json json = Json(op);
  EXPECT_EQ(json["done"], true);
  EXPECT_EQ(json["error"]["code"], 8);  // RESOURCE_EXHAUSTED
}

TEST_F(ErrorsTest, SecretsNeverPrinted) {
  const std::string secret = "t1.secret-token-value-0123456789";
  Result r =
      RunCli({"--endpoint", emulator_->address(), "--insecure", "--token",
              secret, "images", "list", "--folder-id", "emulator-folder"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();  // the emulator ignores tokens
  EXPECT_THAT(r.err, HasSubstr("--token is visible"));
  EXPECT_THAT(r.err + r.out, Not(HasSubstr(secret)));

  // Nor in --help at any level, nor in an API error, nor in a usage error.
  std::vector<std::vector<std::string>> more = {
      {"--token", secret, "--help"},
      {"--token", secret, "images", "get", "--help"},
      {"--endpoint", emulator_->address(), "--insecure", "--token", secret,
       "images", "get", "img-missing"},
      {"--token", secret, "images", "get", "i", "--bogus"},
      {"--token", secret, "--token", secret, "images", "get", "i"},
  };
  for (const auto& args : more) {
    Result more_r = RunCli(args);
    EXPECT_THAT(more_r.err + more_r.out, Not(HasSubstr(secret)))
        << more_r.Describe();
  }

  // Two credential sources at once: a usage error.
  std::string file = WriteTempFile("token", secret + "\n");
  Result both = Cli(
      {"--token-file", file, "--metadata-credentials", "images", "get", "i"});
  EXPECT_EQ(both.exit_code, 2) << both.Describe();
  EXPECT_THAT(both.err, HasSubstr("at most one of"));
  EXPECT_THAT(both.err, Not(HasSubstr(secret)));
}

// --debug: a line per RPC attempt and per operation poll on stderr (as
// CLOUDDESKTOP_LOG=rpc,wait), stdout unchanged, the token never shown.
TEST_F(ErrorsTest, DebugLogsAttemptsAndPollsWithoutSecrets) {
  const std::string secret = "t1.debug-secret-token-0123456789";
  Result r =
      RunCli({"--endpoint", emulator_->address(), "--insecure", "--debug",
              "--token", secret, "--format", "json", "images", "update",
              "img-windows-11", "--name", "debugged", "--wait"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("clouddesktop rpc: DesktopImageService.Update "
                               "attempt=1 OK"));
  EXPECT_THAT(r.err, HasSubstr("x-request-id="));
  EXPECT_THAT(r.err, HasSubstr("clouddesktop wait: operation "));
  EXPECT_THAT(r.err, HasSubstr("done=true"));
  EXPECT_THAT(r.err + r.out, Not(HasSubstr(secret)));
  EXPECT_THAT(r.out, Not(HasSubstr("clouddesktop rpc:")));
  EXPECT_EQ(Json(r).value("name", ""), "debugged");

  Result quiet = Cli({"images", "list", "--folder-id", "emulator-folder"});
  EXPECT_THAT(quiet.err, Not(HasSubstr("clouddesktop rpc:")));
}

// For an endpoint that is not local, credentials come from the
// environment through the library's default chain. 192.0.2.1 (TEST-NET-1)
// is never reached: credentials are settled before any call.
TEST(CredentialsEnvironmentTest, NonLocalEndpointUsesTheDefaultChain) {
  std::vector<std::string> args = {"--endpoint", "192.0.2.1:443", "images",
                                   "get", "img-windows-11"};
  Subprocess::Options key_file;
  key_file.env = {"YC_SERVICE_ACCOUNT_KEY_FILE=/no/such/sa-key.json"};
  Result key = RunCli(args, key_file);
  EXPECT_EQ(key.exit_code, 2) << key.Describe();
  EXPECT_THAT(key.err, AllOf(HasSubstr("credentials"),
                             HasSubstr("YC_SERVICE_ACCOUNT_KEY_FILE"),
                             HasSubstr("/no/such/sa-key.json")));

  // Nothing set: the chain ends at the metadata service, here a closed
  // port named by $YC_METADATA_ADDR; the error lists what was tried.
  Subprocess::Options metadata;
  metadata.env = {"YC_METADATA_ADDR=127.0.0.1:1"};
  Result none = RunCli(args, metadata);
  EXPECT_EQ(none.exit_code, 2) << none.Describe();
  EXPECT_THAT(none.err, AllOf(HasSubstr("YC_IAM_TOKEN"), HasSubstr("YC_TOKEN"),
                              HasSubstr("127.0.0.1:1"), HasSubstr("metadata")));
}

// The commands of the issue, exactly.
const std::map<std::string, std::vector<std::string>>& IssueCommands() {
  static const auto* commands =
      new std::map<std::string, std::vector<std::string>>{
          {"images",
           {"list", "get", "copy", "copy-from-desktop", "update", "delete"}},
          {"desktops",
           {"get", "get-rdp-file", "list", "list-operations", "create",
            "reset-password", "restart", "start", "stop", "update",
            "update-properties", "delete"}},
          {"groups",
           {"get", "list", "list-desktops", "list-operations", "create",
            "update", "delete", "list-access-bindings", "set-access-bindings",
            "update-access-bindings"}},
          {"operations", {"get", "wait", "cancel"}},
      };
  return *commands;
}

TEST(HelpTest, EveryLevel) {
  Result top = RunCli({"--help"});
  EXPECT_EQ(top.exit_code, 0) << top.Describe();
  for (const char* s :
       {"--endpoint", "--operation-endpoint", "--iam-endpoint", "--insecure",
        "--ca-cert", "--timeout", "--format", "--token-file", "--sa-key-file",
        "--metadata-credentials", "YC_IAM_TOKEN", "YC_SERVICE_ACCOUNT_KEY_FILE",
        "YC_TOKEN", "YC_METADATA_ADDR", "Exit codes", "130", "emulator",
        "demo"}) {
    EXPECT_THAT(top.out, HasSubstr(s));
  }
  for (const auto& [group, commands] : IssueCommands()) {
    Result g = RunCli({group, "--help"});
    EXPECT_EQ(g.exit_code, 0) << g.Describe();
    for (const std::string& command : commands) {
      EXPECT_THAT(g.out, HasSubstr(absl::StrCat("  ", command, " ")))
          << g.Describe();
      Result c = RunCli({group, command, "--help"});
      EXPECT_EQ(c.exit_code, 0) << c.Describe();
      EXPECT_THAT(
          c.out,
          AllOf(HasSubstr(absl::StrCat("clouddesktop ", group, " ", command)),
                HasSubstr("Calls "), HasSubstr("--request-json")))
          << c.Describe();
    }
  }
  // Request fields are flags with their rules.
  Result create = RunCli({"groups", "create", "--help"});
  EXPECT_THAT(create.out,
              AllOf(HasSubstr("--folder-id STRING"), HasSubstr("required"),
                    HasSubstr("--resources-spec.cores INT"),
                    HasSubstr("--labels K=V,..."), HasSubstr("--wait"),
                    HasSubstr("--cancel-on-interrupt"),
                    HasSubstr("--group-config.members")));
  Result update = RunCli({"images", "update", "--help"});
  EXPECT_THAT(update.out, HasSubstr("--update-mask FIELD,..."));
  Result list = RunCli({"desktops", "list", "--help"});
  EXPECT_THAT(list.out, AllOf(HasSubstr("--page-size INT"),
                              HasSubstr("--limit"), Not(HasSubstr("--wait"))));
  // The emulator's own usage, and the demo's.
  Result emulator = RunCli({"emulator", "--help"});
  EXPECT_EQ(emulator.exit_code, 0) << emulator.Describe();
  EXPECT_THAT(emulator.out, AllOf(HasSubstr("--listen"), HasSubstr("--faults"),
                                  HasSubstr("--tls-cert")));
  Result demo = RunCli({"demo", "--help"});
  EXPECT_EQ(demo.exit_code, 0) << demo.Describe();
  EXPECT_THAT(demo.out, HasSubstr("--operation-delay"));
}

}  // namespace
}  // namespace cli_test
