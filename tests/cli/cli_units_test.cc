// Unit tests of the CLI's pieces that need no process: the yc
// configuration reader (the YAML subset yc writes), the nearest-flag
// suggestion and the YAML output.

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "clouddesktop/cli/flag_suggestions.h"
#include "clouddesktop/cli/output.h"
#include "clouddesktop/cli/request_flags.h"
#include "clouddesktop/cli/yc_config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "yandex/cloud/clouddesktop/v1/desktop_image.pb.h"

namespace clouddesktop::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Write(const std::string& name, const std::string& text) {
  std::string path = absl::StrCat(std::getenv("TEST_TMPDIR"), "/", name);
  std::ofstream(path) << text;
  return path;
}

TEST(YcConfigTest, ReadsWhatYcConfigWrites) {
  std::string path = Write("config.yaml", R"(# written by yc
current: sa
profiles:
  default:
    token: 'AQAA-secret'
    cloud-id: b1gcloud
    folder-id: "b1gfolder"   # a comment
    compute-default-zone: ru-central1-a
    some-list:
    - a
    - b
  sa:
    service-account-key:
      id: key-1
      service_account_id: sa-1
      created_at: "2019-08-26T12:31:25Z"
      key_algorithm: RSA_2048
      public_key: |
        -----BEGIN PUBLIC KEY-----
        MIIB
        -----END PUBLIC KEY-----
      private_key: |-
        -----BEGIN PRIVATE KEY-----
          indented
        -----END PRIVATE KEY-----
    folder-id: b1gsa
    endpoint: api.cloud.yandex.net:443
)");
  auto current = LoadYcProfile(path, "");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_TRUE(current->has_value());
  const YcProfile& sa = **current;
  EXPECT_EQ(sa.name, "sa");
  EXPECT_EQ(sa.folder_id, "b1gsa");
  EXPECT_EQ(sa.endpoint, "api.cloud.yandex.net:443");
  nlohmann::json key = nlohmann::json::parse(sa.service_account_key_json);
  EXPECT_EQ(key["id"], "key-1");
  EXPECT_EQ(key["service_account_id"], "sa-1");
  EXPECT_EQ(key["created_at"], "2019-08-26T12:31:25Z");
  EXPECT_EQ(key["public_key"],
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
  EXPECT_EQ(
      key["private_key"],
      "-----BEGIN PRIVATE KEY-----\n  indented\n-----END PRIVATE KEY-----");

  auto named = LoadYcProfile(path, "default");
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ((*named)->token, "AQAA-secret");
  EXPECT_EQ((*named)->cloud_id, "b1gcloud");
  EXPECT_EQ((*named)->folder_id, "b1gfolder");
  EXPECT_TRUE((*named)->service_account_key_json.empty());
}

TEST(YcConfigTest, NothingToReadAndErrors) {
  // No file: nothing, unless a profile was asked for.
  auto none = LoadYcProfile("/no/such/config.yaml", "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto asked = LoadYcProfile("/no/such/config.yaml", "p");
  EXPECT_EQ(asked.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(asked.status().message(), HasSubstr("/no/such/config.yaml"));
  // A file without a current profile: nothing.
  auto no_current = LoadYcProfile(
      Write("empty.yaml", "profiles:\n  a:\n    folder-id: f\n"), "");
  ASSERT_TRUE(no_current.ok());
  EXPECT_FALSE(no_current->has_value());
  // Errors name the line and never carry a value.
  for (const auto& [text, line] : std::vector<std::pair<std::string, int>>{
           {"current: a\nprofiles:\n  a:\n    token: {secret-value: 1}\n", 4},
           {"current: a\nprofiles:\n  a:\n    token: >\n      secret-value\n",
            4},
           {"current: a\nprofiles:\n  a:\n    token: \"secret-value\n", 4},
           {"current: a\nprofiles:\n  a:\n      folder-id: f\n    x: y\n", 5},
       }) {
    auto bad = LoadYcProfile(Write("bad.yaml", text), "");
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_THAT(bad.status().message(),
                AllOf(HasSubstr(absl::StrCat("bad.yaml line ", line)),
                      Not(HasSubstr("secret-value"))))
        << text;
  }
  auto missing = LoadYcProfile(
      Write("two.yaml", "current: gone\nprofiles:\n  a: {}\n  b:\n    x: 1\n"),
      "");
  EXPECT_THAT(missing.status().message(),
              AllOf(HasSubstr("no profile \"gone\""), HasSubstr("a, b")));
  // Federated and instance accounts are recognised (to say what to do).
  auto federated =
      LoadYcProfile(Write("fed.yaml",
                          "current: f\nprofiles:\n  f:\n    federation-id: x\n"
                          "  i:\n    instance-service-account: true\n"),
                    "");
  ASSERT_TRUE(federated.ok());
  EXPECT_TRUE((*federated)->federated);
  auto instance = LoadYcProfile(Write("fed.yaml",
                                      "profiles:\n  i:\n"
                                      "    instance-service-account: true\n"),
                                "i");
  ASSERT_TRUE(instance.ok()) << instance.status();
  EXPECT_TRUE((*instance)->instance_service_account);
}

TEST(FlagSuggestionsTest, NearestWithinATypo) {
  std::vector<std::string> flags = {"--folder-id", "--format", "--filter",
                                    "--async", "--name"};
  EXPECT_EQ(NearestFlag("--foldr-id", flags), "--folder-id");
  EXPECT_EQ(NearestFlag("--fromat", flags), "--format");
  EXPECT_EQ(NearestFlag("--nmae", flags), "--name");
  EXPECT_EQ(NearestFlag("--completely-else", flags), "");
  EXPECT_EQ(NearestFlag("--x", {}), "");
}

TEST(OutputTest, YamlQuotesWhatYamlWouldReadAsSomethingElse) {
  yandex::cloud::clouddesktop::v1::api::DesktopImage image;
  image.set_id("img-1");
  image.set_name("true");
  image.set_description("a: b # not a comment");
  image.set_storage_size(4294967296);
  image.mutable_created_at()->set_seconds(1);
  (*image.mutable_labels())["env"] = "012";
  std::string yaml = ToYaml(image);
  EXPECT_THAT(yaml,
              AllOf(HasSubstr("id: img-1\n"), HasSubstr("name: \"true\"\n"),
                    HasSubstr("description: \"a: b # not a comment\"\n"),
                    HasSubstr("storage_size: \"4294967296\"\n"),
                    HasSubstr("created_at: \"1970-01-01T00:00:01Z\"\n"),
                    HasSubstr("labels:\n  env: \"012\"\n")))
      << yaml;
  EXPECT_EQ(ToJson(image, JsonNames::kProto).find("storageSize"),
            std::string::npos);
  EXPECT_NE(ToJson(image, JsonNames::kRest).find("storageSize"),
            std::string::npos);
}

// A violation names the flag the user typed. Found by cli_flags_fuzzer: a
// --update-mask with bytes that are not UTF-8 fails validation at
// update_mask.paths[1], which must read as --update-mask.
TEST(FlagForFieldPathTest, NamesTheFlagTheUserTyped) {
  EXPECT_EQ(FlagForFieldPath("users[0].subject_id"), "--users");
  EXPECT_EQ(FlagForFieldPath("resources_spec.cores"), "--resources-spec.cores");
  EXPECT_EQ(FlagForFieldPath("labels[\"Env\"]"), "--labels");
  EXPECT_EQ(FlagForFieldPath("update_mask.paths[1]"), "--update-mask");
  EXPECT_EQ(FlagForFieldPath("desktop_group_id"), "--desktop-group-id");
}

}  // namespace
}  // namespace clouddesktop::cli
