// The README's curl commands ("Debugging with curl"), run for real with
// Debian's curl against the standalone emulator's REST port: each command is
// read from README.md (so the test follows the README), run with sh, and
// its output checked.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "cli_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cli_test {
namespace {

using ::testing::HasSubstr;

TEST(CurlTest, TheReadmeCommandsWorkAgainstTheEmulator) {
  std::vector<std::string> commands =
      ReadmeCommands("### Debugging with curl", "curl");
  // list, copy, poll, error; then the TLS one.
  ASSERT_EQ(commands.size(), 5u);
  Emulator emulator({"--http-listen", "127.0.0.1:0"});
  ASSERT_TRUE(emulator.ok());
  std::string http = emulator.ReadHttpAddress();
  ASSERT_FALSE(http.empty());
  auto run =
      [&](std::string command,
          const std::vector<std::pair<std::string, std::string>>& more = {}) {
        command = absl::StrReplaceAll(command, {{"localhost:8080", http}});
        command = absl::StrReplaceAll(command, more);
        Result r = RunShell(command);
        EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out << r.err;
        return r;
      };

  Result list = run(commands[0]);
  nlohmann::json page = nlohmann::json::parse(list.out, nullptr, false);
  ASSERT_TRUE(page.is_object()) << list.out;
  ASSERT_EQ(page["desktopImages"].size(), 1u) << list.out;
  EXPECT_EQ(page["desktopImages"][0]["folderId"], "emulator-folder");
  EXPECT_TRUE(page.contains("nextPageToken"));

  Result copy = run(commands[1]);
  nlohmann::json op = nlohmann::json::parse(copy.out, nullptr, false);
  ASSERT_TRUE(op.is_object()) << copy.out;
  std::string id = op.value("id", "");
  ASSERT_FALSE(id.empty()) << copy.out;
  EXPECT_EQ(op["metadata"]["@type"],
            "type.googleapis.com/yandex.cloud.clouddesktop.v1.api."
            "CopyDesktopImageMetadata");
  // The same idempotency key again: the same operation.
  EXPECT_EQ(nlohmann::json::parse(run(commands[1]).out, nullptr, false)["id"],
            id);

  nlohmann::json polled = nlohmann::json::object();
  for (int i = 0; i < 200 && !polled.value("done", false); ++i) {
    polled = nlohmann::json::parse(run(commands[2], {{"<id>", id}}).out,
                                   nullptr, false);
    ASSERT_TRUE(polled.is_object());
    if (!polled.value("done", false)) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(polled["id"], id);
  EXPECT_EQ(polled["response"]["name"], "base");
  EXPECT_EQ(polled["response"]["status"], "ACTIVE");

  Result error = run(commands[3]);
  EXPECT_THAT(error.out, HasSubstr("HTTP/1.1 404 Not Found"));
  EXPECT_THAT(error.out, HasSubstr("x-request-id: "));
  EXPECT_THAT(
      error.out,
      HasSubstr(R"({"code":5,"message":"desktop no-such-desktop not found"})"));

  // HTTPS with the gRPC port's certificate.
  TestTls tls = MakeTestTls();
  std::string cert = WriteTempFile("curl-test.crt", tls.cert_pem);
  std::string key = WriteTempFile("curl-test.key", tls.key_pem);
  Emulator secure(
      {"--http-listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key});
  ASSERT_TRUE(secure.ok());
  std::string https = secure.ReadHttpAddress();
  ASSERT_FALSE(https.empty());
  Result get =
      run(commands[4], {{"localhost:8443", https}, {"server.crt", cert}});
  nlohmann::json image = nlohmann::json::parse(get.out, nullptr, false);
  ASSERT_TRUE(image.is_object()) << get.out << get.err;
  EXPECT_EQ(image["id"], "img-ubuntu-22-04");
  EXPECT_EQ(image["storageSize"], "8589934592");
}

}  // namespace
}  // namespace cli_test
