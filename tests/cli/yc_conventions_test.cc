// The `clouddesktop` command follows the yc CLI where their jobs are the
// same: mutating commands wait (--async returns at once), --format
// text|yaml|json|json-rest, $YC_FOLDER_ID / $YC_ENDPOINT and the yc
// profile as defaults (flags first), --id and --name, and "did you mean"
// for an unknown flag. The real binary against standalone emulators.

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

class YcConventionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new Emulator({"--operation-delay", "30ms"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(emulator_->ok()) << emulator_->process().err();
  }

  static Result Run(std::vector<std::string> args,
                    std::vector<std::string> env = {}) {
    Subprocess::Options options;
    options.env = std::move(env);
    return RunCli(emulator_->Args(std::move(args)), options);
  }

  // A HOME whose yc configuration file holds `config`.
  static std::string Home(const std::string& name, const std::string& config) {
    std::string home = absl::StrCat(TempDir(), "/", name);
    std::string dir = absl::StrCat(home, "/.config/yandex-cloud");
    EXPECT_EQ(system(absl::StrCat("mkdir -p ", dir).c_str()), 0);
    WriteTempFile(absl::StrCat(name, "/.config/yandex-cloud/config.yaml"),
                  config);
    return home;
  }

  static Emulator* emulator_;
};

Emulator* YcConventionsTest::emulator_ = nullptr;

TEST_F(YcConventionsTest, MutatingCommandsWaitAndAsyncReturnsAtOnce) {
  std::vector<std::string> copy = {
      "images",      "copy",        "fd8a1b2c3d4e5f6g7h8i",
      "--folder-id", "wait-folder", "--name",
      "waited",      "--format",    "json"};
  // By default: the finished image, not the operation.
  Result waited = Run(copy);
  ASSERT_EQ(waited.exit_code, 0) << waited.Describe();
  nlohmann::json image = Json(waited);
  EXPECT_EQ(image["status"], "ACTIVE");
  EXPECT_EQ(image["name"], "waited");
  EXPECT_FALSE(image.contains("done"));

  // --async: the operation as started.
  copy.push_back("--async");
  Result started = Run(copy);
  ASSERT_EQ(started.exit_code, 0) << started.Describe();
  nlohmann::json op = Json(started);
  EXPECT_EQ(op["description"], "Copy desktop image");
  EXPECT_NE(op.value("done", false), true);
  ASSERT_TRUE(op.contains("metadata")) << op;

  // --wait, the old way to wait, still works; with --async it is a
  // contradiction.
  copy.back() = "--wait";
  Result alias = Run(copy);
  ASSERT_EQ(alias.exit_code, 0) << alias.Describe();
  EXPECT_EQ(Json(alias)["status"], "ACTIVE");
  copy.push_back("--async");
  Result both = Run(copy);
  EXPECT_EQ(both.exit_code, 2) << both.Describe();
  EXPECT_THAT(both.err, HasSubstr("--async and --wait"));
  EXPECT_EQ(both.out, "");
}

TEST_F(YcConventionsTest, FormatsAsYc) {
  // json: the .proto's field names; json-rest: the REST API's.
  Result json = Run({"images", "get", "img-windows-11", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.Describe();
  nlohmann::json proto_named = Json(json);
  EXPECT_EQ(proto_named["folder_id"], "emulator-folder");
  EXPECT_EQ(proto_named["storage_size"], "25769803776");  // int64: a string
  EXPECT_FALSE(proto_named.contains("folderId"));
  Result rest =
      Run({"images", "get", "img-windows-11", "--format", "json-rest"});
  nlohmann::json rest_named = Json(rest);
  EXPECT_EQ(rest_named["folderId"], "emulator-folder");
  EXPECT_FALSE(rest_named.contains("folder_id"));

  // yaml: proto names; int64 and timestamps quoted, as yc prints them.
  Result yaml = Run({"images", "get", "img-windows-11", "--format", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0) << yaml.Describe();
  EXPECT_THAT(yaml.out, AllOf(HasSubstr("id: img-windows-11\n"),
                              HasSubstr("folder_id: emulator-folder\n"),
                              HasSubstr("storage_size: \"25769803776\"\n"),
                              HasSubstr("created_at: \"20"),
                              HasSubstr("status: ACTIVE\n")));
  // A list: a YAML sequence of mappings.
  Result list = Run(
      {"images", "list", "--folder-id", "emulator-folder", "--format", "yaml"});
  ASSERT_EQ(list.exit_code, 0) << list.Describe();
  EXPECT_TRUE(
      absl::StartsWith(list.out, "- id: img-ubuntu-22-04\n  folder_id: "))
      << list.out;
  EXPECT_THAT(list.out, HasSubstr("\n- id: img-windows-11\n"));
  // An Empty answer is data in yaml and json ({}), a line in text.
  std::string image =
      Json(Run({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
                "fmt-folder", "--name", "gone", "--format", "json"}))
          .value("id", "");
  ASSERT_FALSE(image.empty());
  Result deleted = Run({"images", "delete", image, "--format", "yaml"});
  EXPECT_EQ(deleted.out, "{}\n") << deleted.Describe();

  // text stays readable: a table for a list, `field: value` for one.
  Result text = Run({"images", "list", "--folder-id", "emulator-folder"});
  EXPECT_TRUE(absl::StartsWith(text.out, "ID ")) << text.out;

  Result bad = Run({"images", "get", "img-windows-11", "--format", "xml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("text, yaml, json, json-rest, table"));
}

TEST_F(YcConventionsTest, FolderAndEndpointFromTheEnvironmentFlagsFirst) {
  std::vector<std::string> list = {"images", "list", "--format", "json"};
  // $YC_FOLDER_ID fills a folder_id the command line left out.
  Result from_env = Run(list, {"YC_FOLDER_ID=emulator-folder"});
  ASSERT_EQ(from_env.exit_code, 0) << from_env.Describe();
  EXPECT_THAT(Json(from_env), SizeIs(2));
  // The flag wins.
  list.insert(list.end(), {"--folder-id", "empty-folder"});
  Result flag = Run(list, {"YC_FOLDER_ID=emulator-folder"});
  ASSERT_EQ(flag.exit_code, 0) << flag.Describe();
  EXPECT_THAT(Json(flag), SizeIs(0));
  // Neither: the API's rule, before anything is sent.
  Result none = Run({"images", "list"});
  EXPECT_EQ(none.exit_code, 2) << none.Describe();
  EXPECT_THAT(none.err, HasSubstr("--folder-id"));

  // $YC_ENDPOINT is yc's API endpoint: the service's endpoints are
  // discovered there (the emulator answers with its own address).
  Subprocess::Options options;
  options.env = {"YC_ENDPOINT=" + emulator_->address(),
                 "YC_FOLDER_ID=emulator-folder"};
  Result discovered =
      RunCli({"--insecure", "images", "list", "--format", "json"}, options);
  ASSERT_EQ(discovered.exit_code, 0) << discovered.Describe();
  EXPECT_THAT(Json(discovered), SizeIs(2));
  // An unreachable one: an API error that says where it looked.
  options.env = {"YC_ENDPOINT=127.0.0.1:1", "YC_FOLDER_ID=emulator-folder"};
  Result unreachable = RunCli(
      {"--insecure", "--timeout", "2s", "images", "list", "--format", "json"},
      options);
  EXPECT_EQ(unreachable.exit_code, 1) << unreachable.Describe();
  EXPECT_THAT(unreachable.err,
              AllOf(HasSubstr("ApiEndpointService.List at 127.0.0.1:1"),
                    HasSubstr("$YC_ENDPOINT")));
  EXPECT_EQ(unreachable.out, "");
}

TEST_F(YcConventionsTest, TheYcProfileGivesDefaults) {
  std::string home = Home("profiles", absl::StrCat(R"(current: emu
profiles:
  emu:
    endpoint: )",
                                                   emulator_->address(), R"(
    folder-id: emulator-folder
    cloud-id: b1gcloud
    compute-default-zone: ru-central1-a
  other:
    endpoint: ")",
                                                   emulator_->address(), R"("
    folder-id: 'other-folder'
)"));
  std::vector<std::string> env = {"HOME=" + home};
  Subprocess::Options options;
  options.env = env;
  // The current profile: its endpoint and folder.
  Result current =
      RunCli({"--insecure", "images", "list", "--format", "json"}, options);
  ASSERT_EQ(current.exit_code, 0) << current.Describe();
  EXPECT_THAT(Json(current), SizeIs(2));
  // --profile picks another.
  Result other = RunCli({"--insecure", "--profile", "other", "images", "list",
                         "--format", "json"},
                        options);
  ASSERT_EQ(other.exit_code, 0) << other.Describe();
  EXPECT_THAT(Json(other), SizeIs(0));
  // The environment comes before the profile, the flags before both.
  options.env = {"HOME=" + home, "YC_FOLDER_ID=other-folder"};
  Result env_first =
      RunCli({"--insecure", "images", "list", "--format", "json"}, options);
  EXPECT_THAT(Json(env_first), SizeIs(0));
  Result flag_first = RunCli({"--insecure", "images", "list", "--folder-id",
                              "emulator-folder", "--format", "json"},
                             options);
  EXPECT_THAT(Json(flag_first), SizeIs(2));

  // A profile that is not there, and a file that does not parse: usage
  // errors naming the file and the profile or line.
  options.env = env;
  Result missing =
      RunCli({"--insecure", "--profile", "nope", "images", "list"}, options);
  EXPECT_EQ(missing.exit_code, 2) << missing.Describe();
  EXPECT_THAT(missing.err,
              AllOf(HasSubstr("no profile \"nope\""), HasSubstr("config.yaml"),
                    HasSubstr("profiles: emu, other")));
  std::string broken = Home("broken",
                            "current: a\nprofiles:\n  a:\n"
                            "    folder-id: [1, 2\n");
  options.env = {"HOME=" + broken};
  Result bad = RunCli(emulator_->Args({"images", "list"}), options);
  EXPECT_EQ(bad.exit_code, 2) << bad.Describe();
  EXPECT_THAT(bad.err,
              AllOf(HasSubstr("config.yaml line 4"), HasSubstr("folder-id")));
}

TEST(YcProfileCredentialsTest, TokenAndKeyFromTheProfileNeverPrinted) {
  TestTls key = MakeTestTls();
  std::string pem = WriteTempFile("sa-public.pem", key.public_key_pem);
  Emulator emulator(
      {"--require-token", "--sa-public-key", absl::StrCat("sa-1:key-1:", pem)});
  ASSERT_TRUE(emulator.ok()) << emulator.process().err();
  // The private key as yc writes it: a block scalar in a nested mapping.
  std::string indented_key;
  for (absl::string_view line :
       absl::StrSplit(key.key_pem, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&indented_key, "        ", line, "\n");
  }
  const std::string oauth = "y0_SECRET-OAUTH-TOKEN-1234567890";
  std::string home = absl::StrCat(TempDir(), "/creds");
  ASSERT_EQ(
      system(absl::StrCat("mkdir -p ", home, "/.config/yandex-cloud").c_str()),
      0);
  WriteTempFile("creds/.config/yandex-cloud/config.yaml",
                absl::StrCat("current: sa\nprofiles:\n  sa:\n    endpoint: ",
                             emulator.address(),
                             "\n    folder-id: emulator-folder\n"
                             "    service-account-key:\n"
                             "      id: key-1\n"
                             "      service_account_id: sa-1\n"
                             "      created_at: \"2024-01-01T00:00:00Z\"\n"
                             "      key_algorithm: RSA_2048\n"
                             "      private_key: |\n",
                             indented_key, "  oauth:\n    token: ", oauth,
                             "\n  nothing:\n    folder-id: emulator-folder\n"));
  Subprocess::Options options;
  options.env = {"HOME=" + home};
  for (const char* profile : {"sa", "oauth"}) {
    SCOPED_TRACE(profile);
    Result r = RunCli(
        emulator.Args({"--profile", profile, "--debug", "images", "list",
                       "--folder-id", "emulator-folder", "--format", "json"}),
        options);
    ASSERT_EQ(r.exit_code, 0) << r.Describe();
    EXPECT_THAT(Json(r), SizeIs(2));
    for (const std::string& secret :
         {oauth, std::string("PRIVATE KEY"), std::string("MII")}) {
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(secret)));
    }
  }
  // The current profile points at this endpoint: its key is used too.
  Result current =
      RunCli({"--insecure", "images", "list", "--format", "json"}, options);
  ASSERT_EQ(current.exit_code, 0) << current.Describe();
  // A profile without credentials: none are sent, and the service says so.
  Result none = RunCli(
      emulator.Args({"--profile", "nothing", "images", "list"}), options);
  EXPECT_EQ(none.exit_code, 1) << none.Describe();
  EXPECT_THAT(none.err, HasSubstr("UNAUTHENTICATED"));
}

TEST_F(YcConventionsTest, IdAndNameAsYc) {
  // --id is the positional id.
  Result by_id =
      Run({"images", "get", "--id", "img-windows-11", "--format", "json"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.Describe();
  EXPECT_EQ(Json(by_id)["name"], "windows-11");
  Result differ = Run({"images", "get", "img-a", "--id", "img-b"});
  EXPECT_EQ(differ.exit_code, 2);
  EXPECT_THAT(differ.err, HasSubstr("IMAGE_ID and --id differ"));

  // --name, resolved in --folder-id (or $YC_FOLDER_ID).
  Result by_name = Run({"images", "get", "--name", "windows-11", "--folder-id",
                        "emulator-folder", "--format", "json"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.Describe();
  EXPECT_EQ(Json(by_name)["id"], "img-windows-11");
  Result env_folder =
      Run({"images", "get", "--name", "ubuntu-22-04", "--format", "json"},
          {"YC_FOLDER_ID=emulator-folder"});
  ASSERT_EQ(env_folder.exit_code, 0) << env_folder.Describe();
  EXPECT_EQ(Json(env_folder)["id"], "img-ubuntu-22-04");
  Result no_folder = Run({"images", "get", "--name", "windows-11"});
  EXPECT_EQ(no_folder.exit_code, 2) << no_folder.Describe();
  EXPECT_THAT(no_folder.err, AllOf(HasSubstr("--name needs a folder"),
                                   HasSubstr("$YC_FOLDER_ID")));
  Result unknown = Run({"images", "get", "--name", "windows-12", "--folder-id",
                        "emulator-folder"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.Describe();
  EXPECT_THAT(unknown.err,
              AllOf(HasSubstr("NOT_FOUND"), HasSubstr("\"windows-12\"")));
  Result both = Run({"images", "get", "img-windows-11", "--name", "windows-11",
                     "--folder-id", "emulator-folder"});
  EXPECT_EQ(both.exit_code, 2) << both.Describe();

  // Two of one name: the error names both ids.
  std::vector<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    ids.push_back(
        Json(Run({"images", "copy", "fd8a1b2c3d4e5f6g7h8i", "--folder-id",
                  "twin-folder", "--name", "twin", "--format", "json"}))
            .value("id", ""));
  }
  Result twins =
      Run({"images", "delete", "--name", "twin", "--folder-id", "twin-folder"});
  EXPECT_EQ(twins.exit_code, 1) << twins.Describe();
  EXPECT_THAT(twins.err, AllOf(HasSubstr("FAILED_PRECONDITION"),
                               HasSubstr(ids[0]), HasSubstr(ids[1])));

  // A mutating command by name: the group's desktops, restarted by name.
  std::string group =
      Json(Run({"groups", "create", "--folder-id", "named-folder",
                "--desktop-image-id", "img-ubuntu-22-04", "--name", "team",
                "--resources-spec.memory", "4294967296",
                "--resources-spec.cores", "2",
                "--network-interface-spec.network-id", "net-1",
                "--network-interface-spec.subnet-ids", "subnet-a", "--format",
                "json"}))
          .value("id", "");
  ASSERT_FALSE(group.empty());
  Result desktop =
      Run({"desktops", "create", "--desktop-group-id", group, "--name", "desk",
           "--users", "subject_id=u,subject_type=userAccount"});
  ASSERT_EQ(desktop.exit_code, 0) << desktop.Describe();
  Result restarted = Run({"desktops", "restart", "--name", "desk",
                          "--folder-id", "named-folder", "--format", "json"});
  ASSERT_EQ(restarted.exit_code, 0) << restarted.Describe();
  EXPECT_EQ(Json(restarted)["status"], "ACTIVE");
  Result listed = Run({"groups", "list-desktops", "--name", "team",
                       "--folder-id", "named-folder", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.Describe();
  EXPECT_THAT(Json(listed), SizeIs(1));
}

TEST_F(YcConventionsTest, AnUnknownFlagSuggestsTheNearest) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {{"images", "list", "--foldr-id", "f"},
            "unknown flag --foldr-id; did you mean --folder-id?"},
           {{"images", "list", "--formt", "json"},
            "unknown flag --formt; did you mean --format?"},
           {{"desktops", "restart", "d", "--asynk"},
            "unknown flag --asynk; did you mean --async?"},
           {{"images", "get", "i", "--zzzzzzzzzzzz"},
            "unknown flag --zzzzzzzzzzzz\n"},
       }) {
    Result r = Run(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
    EXPECT_THAT(r.err, HasSubstr(c.expected)) << r.Describe();
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace
}  // namespace cli_test
