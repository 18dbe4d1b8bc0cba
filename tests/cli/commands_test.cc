// Every API subcommand of the real `clouddesktop` binary against a
// standalone emulator process (plaintext and TLS), with the JSON output parsed
// back and checked; paging, --limit, --request-json, text and table output, and
// `operations wait ID` resuming a wait.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// Every test runs three times: against a plaintext emulator (--insecure), a
// TLS one (--ca-cert), and the REST API of a plaintext one (--transport
// rest).
enum class Transport { kPlaintext, kTls, kRest };

class CommandsTest : public ::testing::TestWithParam<Transport> {
 protected:
  void SetUp() override {
    Emulator*& emulator = GetParam() == Transport::kTls    ? tls_emulator_
                          : GetParam() == Transport::kRest ? rest_emulator_
                                                           : plain_emulator_;
    if (emulator == nullptr) {
      std::vector<std::string> args = {"--operation-delay", "30ms"};
      emulator =
          GetParam() == Transport::kTls    ? Emulator::WithTls(args).release()
          : GetParam() == Transport::kRest ? Emulator::WithRest(args).release()
                                           : new Emulator(args);
    }
    emulator_ = emulator;
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }
  static void TearDownTestSuite() {
    delete plain_emulator_;
    delete tls_emulator_;
    delete rest_emulator_;
    plain_emulator_ = tls_emulator_ = rest_emulator_ = nullptr;
  }

  // Runs the CLI against the emulator; expects exit 0.
  Result Cli(std::vector<std::string> args) {
    Result r = RunCli(emulator_->Args(std::move(args)));
    EXPECT_EQ(r.exit_code, 0) << r.Describe();
    return r;
  }
  // The same with --format json-rest (the REST names, folderId, that these
  // assertions use; yc_conventions_test pins json's proto names), parsed.
  // Not on a terminal, stderr stays quiet (no progress lines while a
  // command waits): only the result prints.
  nlohmann::json CliJson(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json-rest"});
    Result r = Cli(std::move(args));
    EXPECT_EQ(r.err, "") << r.Describe();
    return Json(r);
  }

  // A group in `folder`, made with flags for nested fields.
  std::string CreateGroup(const std::string& folder, const std::string& name) {
    nlohmann::json group = CliJson({"groups",
                                    "create",
                                    "--folder-id",
                                    folder,
                                    "--desktop-image-id",
                                    "img-ubuntu-22-04",
                                    "--name",
                                    name,
                                    "--labels",
                                    "team=qa,env=test",
                                    "--resources-spec.cores",
                                    "2",
                                    "--resources-spec.memory",
                                    "4294967296",
                                    "--network-interface-spec.network-id",
                                    "net-1",
                                    "--network-interface-spec.subnet-ids",
                                    "subnet-a,subnet-b",
                                    "--boot-disk-spec",
                                    R"({"type": "SSD", "size": "34359738368"})",
                                    "--group-config.desktop-type",
                                    "PERSISTENT"});  // waits by default
    EXPECT_EQ(group["name"], name);
    EXPECT_EQ(group["status"], "ACTIVE");
    EXPECT_EQ(group["labels"]["team"], "qa");
    EXPECT_EQ(group["resourcesSpec"]["cores"], "2");
    EXPECT_EQ(group["networkInterfaceSpec"]["subnetIds"],
              nlohmann::json({"subnet-a", "subnet-b"}));
    EXPECT_EQ(group["bootDiskSpec"]["type"], "SSD");
    EXPECT_EQ(group["groupConfig"]["desktopType"], "PERSISTENT");
    return group.value("id", "");
  }

  std::string CreateDesktop(const std::string& group, const std::string& name) {
    nlohmann::json desktop = CliJson(
        {"desktops", "create", "--desktop-group-id", group, "--name", name,
         "--users", "subject_id=user-1,subject_type=userAccount"});
    EXPECT_EQ(desktop["name"], name);
    EXPECT_EQ(desktop["status"], "ACTIVE");
    EXPECT_EQ(desktop["users"][0]["subjectId"], "user-1");
    return desktop.value("id", "");
  }

  Emulator* emulator_ = nullptr;
  static Emulator* plain_emulator_;
  static Emulator* tls_emulator_;
  static Emulator* rest_emulator_;
};

Emulator* CommandsTest::plain_emulator_ = nullptr;
Emulator* CommandsTest::tls_emulator_ = nullptr;
Emulator* CommandsTest::rest_emulator_ = nullptr;

TEST_P(CommandsTest, Images) {
  nlohmann::json seeds =
      CliJson({"images", "list", "--folder-id", "emulator-folder"});
  ASSERT_TRUE(seeds.is_array());
  ASSERT_THAT(seeds, SizeIs(2));
  EXPECT_EQ(seeds[0]["id"], "img-ubuntu-22-04");

  nlohmann::json image = CliJson({"images", "get", "img-windows-11"});
  EXPECT_EQ(image["name"], "windows-11");
  EXPECT_EQ(image["status"], "ACTIVE");

  nlohmann::json copy = CliJson(
      {"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id", "images-folder",
       "--name", "ubuntu-copy", "--labels", "origin=seed", "--wait"});
  EXPECT_EQ(copy["folderId"], "images-folder");
  EXPECT_EQ(copy["name"], "ubuntu-copy");
  EXPECT_EQ(copy["labels"]["origin"], "seed");
  std::string id = copy["id"];

  nlohmann::json updated =
      CliJson({"images", "update", id, "--labels", "origin=seed,stage=qa",
               "--description", "a copy", "--update-mask", "labels,description",
               "--wait"});
  EXPECT_EQ(updated["labels"]["stage"], "qa");
  EXPECT_EQ(updated["description"], "a copy");
  EXPECT_EQ(updated["name"], "ubuntu-copy");

  // A delete with --async prints the running operation, then waiting by
  // id finishes it (the Empty response: {}).
  nlohmann::json op =
      CliJson({"images", "delete", "--image-id", id, "--async"});
  EXPECT_EQ(op["description"], "Delete desktop image");
  EXPECT_EQ(op["metadata"]["imageId"], id);
  nlohmann::json done = CliJson({"operations", "wait", op["id"]});
  EXPECT_EQ(done, nlohmann::json::object());
  Result gone = RunCli(emulator_->Args({"images", "get", id}));
  EXPECT_EQ(gone.exit_code, 1) << gone.Describe();
  EXPECT_THAT(gone.err, HasSubstr("NOT_FOUND"));

  // Copy takes a Compute image id, never a desktop image's.
  Result not_compute =
      RunCli(emulator_->Args({"images", "copy", "img-windows-11", "--folder-id",
                              "images-folder", "--name", "nope", "--wait"}));
  EXPECT_EQ(not_compute.exit_code, 1) << not_compute.Describe();
  EXPECT_THAT(
      not_compute.err,
      AllOf(HasSubstr("DesktopImageService.Copy"), HasSubstr("NOT_FOUND"),
            HasSubstr("compute image img-windows-11 not found")));
}

TEST_P(CommandsTest, GroupsAndDesktops) {
  const std::string folder = "lifecycle-folder";
  std::string group = CreateGroup(folder, "group-one");
  ASSERT_FALSE(group.empty());
  EXPECT_EQ(CliJson({"groups", "get", group})["name"], "group-one");
  nlohmann::json groups = CliJson({"groups", "list", "--folder-id", folder});
  ASSERT_THAT(groups, SizeIs(1));
  EXPECT_EQ(groups[0]["id"], group);

  // groups update answers Empty: JSON {}, text "operation ... done".
  Result update = Cli({"groups", "update", group, "--description",
                       "updated by the test", "--wait"});
  EXPECT_THAT(update.out, HasSubstr("done"));
  nlohmann::json updated_group = CliJson({"groups", "get", group});
  EXPECT_EQ(updated_group["description"], "updated by the test");
  EXPECT_EQ(updated_group["name"], "group-one");  // not in the mask

  std::string d1 = CreateDesktop(group, "desk-one");
  // The second one is waited for by id: `operations wait` resumes a wait.
  nlohmann::json started = CliJson(
      {"desktops", "create", "--desktop-group-id", group, "--name", "desk-two",
       "--users", R"({"subjectId": "user-2", "subjectType": "userAccount"})",
       "--async"});
  EXPECT_NE(started.value("done", false), true);
  EXPECT_EQ(started["metadata"]["@type"],
            "type.googleapis.com/"
            "yandex.cloud.clouddesktop.v1.api.CreateDesktopMetadata");
  nlohmann::json d2json = CliJson({"operations", "wait", started["id"]});
  EXPECT_EQ(d2json["name"], "desk-two");
  EXPECT_EQ(d2json["status"], "ACTIVE");
  std::string d2 = d2json["id"];

  EXPECT_EQ(CliJson({"desktops", "get", d1})["name"], "desk-one");
  EXPECT_THAT(CliJson({"desktops", "list", "--folder-id", folder}), SizeIs(2));
  EXPECT_THAT(CliJson({"groups", "list-desktops", group}), SizeIs(2));

  // The RDP file: as is in text format, the whole response in JSON.
  Result rdp = Cli({"desktops", "get-rdp-file", d1});
  EXPECT_THAT(rdp.out, HasSubstr("full address:s:"));
  EXPECT_THAT(rdp.out, Not(HasSubstr("content:")));
  nlohmann::json rdp_json = CliJson({"desktops", "get-rdp-file", d1});
  EXPECT_THAT(rdp_json["content"].get<std::string>(), HasSubstr(d1));

  nlohmann::json password =
      CliJson({"desktops", "reset-password", d1, "--user.subject-id", "user-1",
               "--user.subject-type", "userAccount"});
  EXPECT_FALSE(password.value("password", "").empty());

  EXPECT_EQ(CliJson({"desktops", "stop", d1, "--wait"})["status"], "STOPPED");
  EXPECT_EQ(CliJson({"desktops", "start", d1, "--wait"})["status"], "ACTIVE");
  EXPECT_EQ(CliJson({"desktops", "restart", d1, "--wait"})["status"], "ACTIVE");
  EXPECT_EQ(CliJson({"desktops", "update", d1, "--wait"})["id"], d1);
  nlohmann::json props =
      CliJson({"desktops", "update-properties", d1, "--labels", "owner=qa",
               "--description", "renamed", "--wait"});
  EXPECT_EQ(props["labels"]["owner"], "qa");
  EXPECT_EQ(props["description"], "renamed");
  // The CLI sent update_mask "labels,description", as yc does: without a
  // mask the service would reset the name (the API reference of Update).
  EXPECT_EQ(props["name"], "desk-one");

  // Operations of a desktop and of a group, newest first.
  nlohmann::json ops = CliJson({"desktops", "list-operations", d1});
  ASSERT_GE(ops.size(), 6u);
  EXPECT_EQ(ops[0]["description"], "Update desktop properties");
  for (const auto& op : ops) EXPECT_EQ(op["done"], true) << op;
  nlohmann::json group_ops = CliJson({"groups", "list-operations", group});
  ASSERT_GE(group_ops.size(), 2u);
  EXPECT_EQ(CliJson({"operations", "get", group_ops[0]["id"]})["id"],
            group_ops[0]["id"]);

  // An image from a desktop, which must be stopped.
  EXPECT_EQ(CliJson({"desktops", "stop", d1, "--wait"})["status"], "STOPPED");
  nlohmann::json image =
      CliJson({"images", "copy-from-desktop", d1, "--folder-id", folder,
               "--name", "from-desk-one", "--wait"});
  EXPECT_EQ(image["name"], "from-desk-one");
  EXPECT_EQ(CliJson({"images", "delete", image["id"], "--wait"}),
            nlohmann::json::object());

  for (const std::string& d : {d1, d2}) {
    Result deleted = Cli({"desktops", "delete", d, "--wait"});
    EXPECT_THAT(deleted.out, HasSubstr("done"));
  }
  EXPECT_THAT(CliJson({"groups", "list-desktops", group}), SizeIs(0));
  EXPECT_EQ(CliJson({"groups", "delete", group, "--wait"}),
            nlohmann::json::object());
  EXPECT_THAT(CliJson({"groups", "list", "--folder-id", folder}), SizeIs(0));
}

TEST_P(CommandsTest, AccessBindings) {
  std::string group = CreateGroup("bindings-folder", "bound-group");
  ASSERT_FALSE(group.empty());
  Cli({"groups", "set-access-bindings", group, "--access-bindings",
       "role_id=vdi.viewer,subject.id=user-1,subject.type=userAccount",
       "--access-bindings",
       R"({"roleId": "vdi.user", "subject": {"id": "user-2", "type": "userAccount"}})",
       "--wait"});
  nlohmann::json bindings = CliJson({"groups", "list-access-bindings", group});
  ASSERT_THAT(bindings, SizeIs(2));
  EXPECT_EQ(bindings[0]["roleId"], "vdi.viewer");
  EXPECT_EQ(bindings[1]["subject"]["id"], "user-2");

  Cli({"groups", "update-access-bindings", group, "--access-binding-deltas",
       "action=REMOVE,access_binding.role_id=vdi.viewer,"
       "access_binding.subject.id=user-1,access_binding.subject.type="
       "userAccount",
       "--wait"});
  bindings = CliJson({"groups", "list-access-bindings", group});
  ASSERT_THAT(bindings, SizeIs(1));
  EXPECT_EQ(bindings[0]["roleId"], "vdi.user");

  // Tables: aligned columns with a header.
  Result table =
      Cli({"groups", "list-access-bindings", group, "--format", "table"});
  std::vector<std::string> lines =
      absl::StrSplit(table.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(2)) << table.out;
  EXPECT_THAT(lines[0], HasSubstr("ROLE_ID"));
  EXPECT_THAT(lines[1], HasSubstr("vdi.user"));
}

TEST_P(CommandsTest, ListsPageLimitAndFormats) {
  const std::string folder = "paging-folder";
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    nlohmann::json copy =
        CliJson({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
                 folder, "--name", absl::StrCat("copy-", i), "--wait"});
    ids.push_back(copy["id"]);
  }
  // Every page by default (page size 1: three pages).
  nlohmann::json all =
      CliJson({"images", "list", "--folder-id", folder, "--order-by", "name"});
  ASSERT_THAT(all, SizeIs(3));
  EXPECT_EQ(all[2]["name"], "copy-2");
  // --limit stops early.
  EXPECT_THAT(
      CliJson({"images", "list", "--folder-id", folder, "--limit", "2"}),
      SizeIs(2));
  // --page-size: one page, and the token of the next on stderr.
  Result page = Cli({"images", "list", "--folder-id", folder, "--page-size",
                     "2", "--format", "json"});
  EXPECT_THAT(Json(page), SizeIs(2));
  std::string marker = "next page: --page-token ";
  size_t at = page.err.find(marker);
  ASSERT_NE(at, std::string::npos) << page.err;
  std::string token = page.err.substr(at + marker.size());
  token = token.substr(0, token.find('\n'));
  EXPECT_THAT(CliJson({"images", "list", "--folder-id", folder, "--page-size",
                       "2", "--page-token", token}),
              SizeIs(1));
  // A filter goes through as the field says.
  nlohmann::json filtered = CliJson({"images", "list", "--folder-id", folder,
                                     "--filter", "name = \"copy-1\""});
  ASSERT_THAT(filtered, SizeIs(1));
  EXPECT_EQ(filtered[0]["id"], ids[1]);

  // Text: a list is a table; one resource is `field: value` lines.
  Result text = Cli({"images", "list", "--folder-id", folder});
  std::vector<std::string> lines =
      absl::StrSplit(text.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(4)) << text.out;
  EXPECT_TRUE(absl::StartsWith(lines[0], "ID")) << lines[0];
  EXPECT_THAT(lines[0], HasSubstr("STATUS"));
  EXPECT_THAT(lines[0], HasSubstr("CREATED_AT"));
  // Aligned: the STATUS column starts at the same place in every row.
  size_t column = lines[0].find("STATUS");
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].substr(column, 6), "ACTIVE") << text.out;
  }
  Result one = Cli({"images", "get", ids[0]});
  EXPECT_THAT(one.out, HasSubstr(absl::StrCat("id: ", ids[0])));
  EXPECT_THAT(one.out, HasSubstr("status: ACTIVE"));
  Result one_table = Cli({"images", "get", ids[0], "--format", "table"});
  EXPECT_THAT(one_table.out, HasSubstr("NAME"));
  EXPECT_THAT(one_table.out, HasSubstr("copy-0"));
}

TEST_P(CommandsTest, RequestJsonFromFileAndStdinWithFlagOverrides) {
  std::string path = WriteTempFile("copy-request.json", R"({
    "imageId": "fd8a1b2c3d4e5f6g7h8i",
    "folder_id": "json-folder",
    "name": "from-json",
    "labels": {"source": "file"}
  })");
  nlohmann::json image = CliJson({"images", "copy", "--request-json", path,
                                  "--name", "overridden", "--wait"});
  EXPECT_EQ(image["name"], "overridden");
  EXPECT_EQ(image["folderId"], "json-folder");
  EXPECT_EQ(image["labels"]["source"], "file");

  Subprocess::Options stdin_json;
  stdin_json.stdin_text = R"({"folderId": "json-folder"})";
  Result listed = RunCli(emulator_->Args({"images", "list", "--request-json",
                                          "-", "--format", "json"}),
                         stdin_json);
  ASSERT_EQ(listed.exit_code, 0) << listed.Describe();
  nlohmann::json items = Json(listed);
  ASSERT_THAT(items, SizeIs(1));
  EXPECT_EQ(items[0]["name"], "overridden");
}

TEST_P(CommandsTest, OperationsOfUnknownIds) {
  for (const char* command : {"get", "wait", "cancel"}) {
    Result result =
        RunCli(emulator_->Args({"operations", command, "no-such-operation"}));
    EXPECT_EQ(result.exit_code, 1) << result.Describe();
    EXPECT_THAT(result.err, HasSubstr("NOT_FOUND")) << result.Describe();
    EXPECT_THAT(result.err, HasSubstr("OperationService."))
        << result.Describe();
  }
}

INSTANTIATE_TEST_SUITE_P(Transports, CommandsTest,
                         ::testing::Values(Transport::kPlaintext,
                                           Transport::kTls, Transport::kRest),
                         [](const auto& info) {
                           return info.param == Transport::kTls ? "Tls"
                                  : info.param == Transport::kRest
                                      ? "Rest"
                                      : "Plaintext";
                         });

}  // namespace
}  // namespace cli_test
