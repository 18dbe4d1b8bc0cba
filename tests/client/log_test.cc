// Request logging without code: CLOUDDESKTOP_LOG's grammar, the text sink's
// lines (one per attempt / poll, ids, never a secret), and the variable
// turning them on for real calls against the emulator.
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_split.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/internal/log_environment.h"
#include "clouddesktop/text_log_sink.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "t1.9euelZqSecretTokenValue0123456789.abcDEF_-x";

TEST(LogComponentsTest, Grammar) {
  auto both = ParseLogComponents(" rpc , wait ");
  ASSERT_TRUE(both.ok());
  EXPECT_TRUE(both->rpc);
  EXPECT_TRUE(both->wait);
  auto rpc = ParseLogComponents("rpc");
  ASSERT_TRUE(rpc.ok());
  EXPECT_TRUE(rpc->rpc);
  EXPECT_FALSE(rpc->wait);
  auto all = ParseLogComponents("all");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->rpc && all->wait);
  auto none = ParseLogComponents("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->rpc || none->wait);
  auto bad = ParseLogComponents("rpc,verbose");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("\"verbose\""));
}

TEST(TextLogSinkTest, OneLinePerAttemptWithIdsAndNoSecrets) {
  std::ostringstream out;
  auto sink = MakeTextLogSink({/*rpc=*/true, /*wait=*/false}, out);
  AttemptRecord r;
  r.method = "DesktopService.Get";
  r.attempt = 2;
  r.duration = absl::Milliseconds(12);
  r.code = absl::StatusCode::kUnauthenticated;
  r.message = std::string("token rejected:\nBearer ") + kToken;
  r.peer = "ipv4:127.0.0.1:50051";
  r.request_id = "sreq";
  r.client_request_id = "creq";
  r.idempotency_key = "6f1c0b2e-3d7a-4e59-9a41-2b8c5d0e7f13";
  sink->Record(r);
  sink->RecordPoll(PollRecord{});  // wait not selected: no line
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_THAT(text, HasSubstr("clouddesktop rpc: DesktopService.Get attempt=2 "
                              "UNAUTHENTICATED 12ms"));
  EXPECT_THAT(text, HasSubstr("Bearer [REDACTED]"));
  EXPECT_THAT(text, HasSubstr("peer=ipv4:127.0.0.1:50051"));
  EXPECT_THAT(text, HasSubstr("x-request-id=sreq"));
  EXPECT_THAT(text, HasSubstr("x-client-request-id=creq"));
  EXPECT_THAT(text, HasSubstr("idempotency-key=6f1c0b2e"));
  EXPECT_THAT(text, Not(HasSubstr("SecretTokenValue")));
}

TEST(TextLogSinkTest, PollLines) {
  std::ostringstream out;
  auto sink = MakeTextLogSink({/*rpc=*/false, /*wait=*/true}, out);
  sink->Record(AttemptRecord{});  // rpc not selected: no line
  PollRecord p;
  p.operation_id = "op-1";
  p.poll = 3;
  p.next_delay = absl::Milliseconds(400);
  sink->RecordPoll(p);
  p.poll = 4;
  p.done = true;
  p.next_delay = absl::ZeroDuration();
  sink->RecordPoll(p);
  std::vector<std::string> lines =
      absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << out.str();
  EXPECT_EQ(lines[0],
            "clouddesktop wait: operation op-1 poll=3 OK done=false "
            "next=400ms");
  EXPECT_EQ(lines[1], "clouddesktop wait: operation op-1 poll=4 OK done=true");
}

TEST(RedactSecretsTest, CredentialShapes) {
  using internal::RedactSecrets;
  EXPECT_EQ(RedactSecrets("authorization: Bearer abc.def"),
            "authorization: Bearer [REDACTED]");
  EXPECT_EQ(RedactSecrets(std::string("iam ") + kToken + " end"),
            "iam [REDACTED] end");
  EXPECT_EQ(RedactSecrets("oauth y0_AgAAAAAAbcdefghijklmnopqrstu rejected"),
            "oauth [REDACTED] rejected");
  EXPECT_EQ(RedactSecrets("k -----BEGIN PRIVATE KEY-----\nMIIE\n-----END "
                          "PRIVATE KEY----- x"),
            "k [REDACTED] x");
  // Ordinary text and ids pass unchanged.
  EXPECT_EQ(RedactSecrets("desktop dsk-1 not found (t1 region)"),
            "desktop dsk-1 not found (t1 region)");
}

// CLOUDDESKTOP_LOG=rpc,wait makes real calls write their lines to stderr.
TEST(LogEnvironmentTest, VariableTurnsOnRpcAndWaitLines) {
  clouddesktop::emulator::EmulatorOptions emu_options;
  emu_options.operation_delay = absl::Milliseconds(30);
  auto emu = clouddesktop::emulator::Emulator::Start(emu_options);
  ASSERT_TRUE(emu.ok()) << emu.status();

  ConnectionOptions options;
  options.endpoint = options.operation_endpoint = (*emu)->address();
  options.insecure = true;
  options.auth = std::make_shared<StaticTokenAuth>(kToken);

  auto run = [&] {
    Connections connections = MakeConnections(options);
    DesktopImageClient images(connections);
    api::GetDesktopImageRequest get;
    get.set_image_id("img-missing");
    EXPECT_FALSE(images.GetDesktopImage(get).ok());
    api::UpdateDesktopImageRequest update;
    update.set_image_id("img-ubuntu-22-04");
    update.set_name("renamed");
    update.mutable_update_mask()->add_paths("name");
    auto op = images.UpdateDesktopImage(update);
    EXPECT_TRUE(op.ok()) << op.status();
    if (op.ok()) EXPECT_TRUE(op->Await().ok());
    return op.ok() ? op->id() : std::string();
  };

  ::testing::internal::CaptureStderr();
  run();  // no variable: nothing
  std::string quiet = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(quiet, Not(HasSubstr("clouddesktop rpc:")));

  ASSERT_EQ(setenv("CLOUDDESKTOP_LOG", "rpc,wait", 1), 0);
  ::testing::internal::CaptureStderr();
  std::string id = run();
  std::string logged = ::testing::internal::GetCapturedStderr();
  unsetenv("CLOUDDESKTOP_LOG");
  EXPECT_THAT(logged, HasSubstr("clouddesktop rpc: DesktopImageService.Get "
                                "attempt=1 NOT_FOUND"));
  EXPECT_THAT(logged, HasSubstr("clouddesktop rpc: DesktopImageService.Update "
                                "attempt=1 OK"));
  EXPECT_THAT(logged, HasSubstr("idempotency-key="));
  EXPECT_THAT(logged, HasSubstr("clouddesktop rpc: OperationService.Get"));
  EXPECT_THAT(logged, HasSubstr("clouddesktop wait: operation " + id +
                                " poll=1 OK done="));
  EXPECT_THAT(logged, HasSubstr(" done=true"));
  EXPECT_THAT(logged, Not(HasSubstr("SecretTokenValue")));
  (*emu)->Shutdown();
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
