// The fault soak: thousands of operations through the client library
// against the standalone emulator with injected faults, the emulator killed
// (SIGKILL) and restarted on the same port in the middle. At the end every
// operation is accounted for exactly once: completed with its typed result,
// failed with its own error naming its id, or ended by a wait that gave up
// (IncompleteWaitOperationId), or a start that never got an operation (its
// request id in the message). Nothing that succeeded on the server is
// reported as an error, no resource is made twice, the client's threads are
// back to their count before the connection.
//
// Size: SOAK_OPERATIONS (default 2000, CI); e.g.
//   bazel test //tests/soak:soak_test --test_env=SOAK_OPERATIONS=10000
#include <signal.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/status_details.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"
#include "tests/testing_util/notification.h"
#include "tests/testing_util/subprocess.h"

namespace clouddesktop {
namespace {

using testing_util::EmulatorBinary;
using testing_util::ListeningAddress;
using testing_util::Subprocess;

constexpr char kFolder[] = "soak-folder";
constexpr char kComputeImage[] = "fd8soakimage00000001";

// Faults of every emulator run: flaky starts and polls, NOT_FOUND on fresh
// operations (within the waiter's tolerance), latency, and group creates
// that always fail.
constexpr char kFaults[] =
    "DesktopImageService.Copy:unavailable=0.15,resource_exhausted=0.05,"
    "latency=5ms;"
    "DesktopGroupService.Create:unavailable=0.1,op_error=RESOURCE_EXHAUSTED;"
    "OperationService.Get:unavailable=0.15,resource_exhausted=0.05,"
    "not_found_polls=2,latency=2ms";

// What each slot does.
enum class Kind { kCopy, kFailingCreate, kCancel, kShortWait };
constexpr std::array<const char*, 4> kKindNames = {"copy", "failing-create",
                                                   "cancel", "short-wait"};

// How each slot ended, as the library reported it.
enum class Outcome {
  kSucceeded,        // typed result
  kOperationFailed,  // the operation's own error (not CANCELLED)
  kCancelled,        // the operation's own CANCELLED
  kWaitIncomplete,   // the wait gave up; the operation may go on
  kStartFailed,      // no operation was started (or none came back)
};
constexpr std::array<const char*, 5> kOutcomeNames = {
    "succeeded", "operation failed", "cancelled", "wait incomplete",
    "start failed"};

struct Slot {
  Kind kind = Kind::kCopy;
  std::string name;
  std::string operation_id;
  std::optional<Outcome> outcome;
  absl::Status status;
  int reports = 0;  // how many times an outcome arrived (must be 1)
};

int SoakOperations() {
  const char* env = std::getenv("SOAK_OPERATIONS");
  int n = 0;
  return env != nullptr && absl::SimpleAtoi(env, &n) && n > 0 ? n : 2000;
}

ConnectionOptions Options(const std::string& address) {
  ConnectionOptions options;
  options.endpoint = address;
  options.operation_endpoint = address;
  options.insecure = true;
  // Generous: sanitizer builds of the emulator answer a page of 1,000
  // images slowly on a loaded machine.
  options.rpc_timeout = absl::Seconds(60);
  // Enough attempts to span the emulator's restart (~0.5 s).
  options.retry_policy =
      std::make_shared<LimitedRetryPolicy>(40, absl::Seconds(30));
  options.backoff_policy = std::make_shared<ExponentialBackoffPolicy>(
      absl::Milliseconds(5), absl::Milliseconds(100), 2.0);
  PollingSettings polling;
  polling.initial_interval = absl::Milliseconds(20);
  polling.maximum_interval = absl::Milliseconds(200);
  polling.maximum_duration = absl::Minutes(2);
  options.polling_policy = std::make_shared<ExponentialPollingPolicy>(polling);
  // Reconnect soon after the restart instead of gRPC's default backoff.
  options.channel_arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  options.channel_arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 200);
  return options;
}

class SoakTest : public ::testing::Test {
 protected:
  std::string StartEmulator(const std::string& listen) {
    emulator_ = std::make_unique<Subprocess>(
        EmulatorBinary(),
        std::vector<std::string>{"--listen", listen, "--operation-delay",
                                 "150ms", "--faults", kFaults});
    return ListeningAddress(*emulator_);
  }

  // Records the outcome of slot `i` (once per slot; more is a failure the
  // final check reports).
  void Report(size_t i, Outcome outcome, absl::Status status) {
    internal::MutexLock lock(&mu_);
    Slot& slot = slots_[i];
    ++slot.reports;
    slot.outcome = outcome;
    slot.status = std::move(status);
    if (++reported_ == slots_.size()) all_reported_.Notify();
  }

  // The outcome of a wait's result.
  template <typename T>
  static Outcome Classify(const absl::StatusOr<T>& result) {
    if (result.ok()) return Outcome::kSucceeded;
    if (IncompleteWaitOperationId(result.status()).has_value()) {
      return Outcome::kWaitIncomplete;
    }
    return result.status().code() == absl::StatusCode::kCancelled
               ? Outcome::kCancelled
               : Outcome::kOperationFailed;
  }

  void StartSlot(size_t i, const DesktopImageClient& images,
                 const DesktopGroupClient& groups,
                 const OperationClient& operations) {
    Slot& slot = slots_[i];
    auto started = [this, i](const std::string& id) {
      internal::MutexLock lock(&mu_);
      slots_[i].operation_id = id;
    };
    if (slot.kind == Kind::kFailingCreate) {
      api::CreateDesktopGroupRequest request;
      request.set_folder_id(kFolder);
      request.set_desktop_image_id("img-ubuntu-22-04");
      request.set_name(slot.name);
      groups.CreateDesktopGroupAsync(request).Then(
          [this, i, started](absl::StatusOr<CreateDesktopGroupOperation> op) {
            if (!op.ok()) return Report(i, Outcome::kStartFailed, op.status());
            started(op->id());
            op->AwaitAsync().Then([this, i](auto result) {
              absl::Status status = result.status();
              Report(i, Classify(result), status);
            });
          });
      return;
    }
    api::CopyDesktopImageRequest request;
    request.set_folder_id(kFolder);
    request.set_name(slot.name);
    request.set_image_id(kComputeImage);
    Kind kind = slot.kind;
    images.CopyDesktopImageAsync(request).Then(
        [this, i, kind, started,
         operations](absl::StatusOr<CopyDesktopImageOperation> op) {
          if (!op.ok()) return Report(i, Outcome::kStartFailed, op.status());
          started(op->id());
          auto done = [this, i](absl::StatusOr<api::DesktopImage> result) {
            absl::Status status = result.status();
            Report(i, Classify(result), status);
          };
          if (kind == Kind::kCancel) {
            op->CancelAndAwaitAsync().Then(done);
          } else if (kind == Kind::kShortWait) {
            // A client deadline that ends the wait early; the caller then
            // resumes it by id, as the incomplete status invites.
            AwaitOptions short_wait;
            short_wait.deadline = absl::Now() + absl::Milliseconds(20);
            std::string id = op->id();
            op->AwaitAsync(short_wait)
                .Then([this, i, id, done, operations](
                          absl::StatusOr<api::DesktopImage> first) mutable {
                  if (first.ok() ||
                      !IncompleteWaitOperationId(first.status())) {
                    return done(std::move(first));
                  }
                  operations.AwaitAsync<api::DesktopImage>(id).Then(done);
                });
          } else {
            op->AwaitAsync().Then(done);
          }
        });
  }

  std::unique_ptr<Subprocess> emulator_;
  internal::Mutex mu_;
  std::vector<Slot> slots_;
  size_t reported_ = 0;
  // internal::Mutex (std::mutex) based, so TSAN sees the hand-off to the test
  // thread.
  testing_util::Notification all_reported_;
};

TEST_F(SoakTest, EveryOperationIsAccountedForAcrossFaultsAndARestart) {
  const int n = SoakOperations();
  std::string address = StartEmulator("127.0.0.1:0");
  ASSERT_FALSE(address.empty()) << emulator_->Stderr();

  // The baseline thread count: gRPC's process-wide threads exist once any
  // channel has been used, so count after one connection came and went.
  {
    Connections warm = MakeConnections(Options(address));
    api::GetDesktopImageRequest get;
    get.set_image_id("img-ubuntu-22-04");
    ASSERT_TRUE(DesktopImageClient(warm).GetDesktopImage(get).ok());
  }
  absl::SleepFor(absl::Milliseconds(200));
  const int threads_before = clouddesktop_test::ThreadCount();

  slots_.resize(n);
  for (int i = 0; i < n; ++i) {
    // 60% copies, 15% failing creates, 10% cancelled, 15% short waits.
    int r = i % 20;
    slots_[i].kind = r < 12   ? Kind::kCopy
                     : r < 15 ? Kind::kFailingCreate
                     : r < 17 ? Kind::kCancel
                              : Kind::kShortWait;
    slots_[i].name = absl::StrCat("soak-", i);
  }

  absl::Time start = absl::Now();
  {
    Connections connections = MakeConnections(Options(address));
    DesktopImageClient images(connections);
    DesktopGroupClient groups(connections);
    OperationClient operations(connections);
    for (int i = 0; i < n; ++i) {
      StartSlot(i, images, groups, operations);
      if (i == n / 2) {
        // Kill the emulator mid-flight and bring it back on the same port:
        // its state is gone, calls in flight fail and are retried.
        emulator_->Signal(SIGKILL);
        emulator_->Wait(absl::Seconds(10));
        std::string again = StartEmulator(address);
        ASSERT_EQ(again, address) << emulator_->Stderr();
      }
      // Pace the starts a little so that the burst spans the restart.
      if (i % 50 == 49) absl::SleepFor(absl::Milliseconds(5));
    }
    ASSERT_TRUE(all_reported_.WaitForNotificationWithTimeout(absl::Minutes(4)))
        << reported_ << " of " << n << " reported";

    // --- Accounting.
    internal::MutexLock lock(&mu_);
    std::map<std::pair<int, int>, int> table;  // (kind, outcome) -> count
    for (const Slot& slot : slots_) {
      ASSERT_EQ(slot.reports, 1) << slot.name << " reported " << slot.reports;
      ASSERT_TRUE(slot.outcome.has_value()) << slot.name;
      ++table[{static_cast<int>(slot.kind), static_cast<int>(*slot.outcome)}];
      const std::string message(slot.status.message());
      switch (*slot.outcome) {
        case Outcome::kSucceeded:
          EXPECT_NE(slot.kind, Kind::kFailingCreate) << slot.name;
          break;
        case Outcome::kOperationFailed:
          // Only the creates fail, with their injected error, named.
          EXPECT_EQ(slot.kind, Kind::kFailingCreate) << slot.status;
          EXPECT_EQ(slot.status.code(), absl::StatusCode::kResourceExhausted)
              << slot.status;
          EXPECT_TRUE(absl::StrContains(message, slot.operation_id))
              << slot.status;
          break;
        case Outcome::kCancelled:
          EXPECT_EQ(slot.kind, Kind::kCancel) << slot.status;
          EXPECT_TRUE(absl::StrContains(message, slot.operation_id))
              << slot.status;
          break;
        case Outcome::kWaitIncomplete:
          // Only across the restart (the operation is gone with the old
          // emulator: its polls or its Cancel find nothing). It names the
          // operation to resume.
          EXPECT_EQ(IncompleteWaitOperationId(slot.status), slot.operation_id)
              << slot.status;
          break;
        case Outcome::kStartFailed:
          EXPECT_TRUE(slot.operation_id.empty()) << slot.name;
          EXPECT_TRUE(absl::StrContains(message, "x-client-request-id="))
              << slot.status;
          break;
      }
    }

    // Nothing that succeeded on the (current) emulator is reported as an
    // error; no image was made twice (one idempotency key per start, kept
    // across retries).
    std::map<std::string, int> images_by_name;
    api::ListDesktopImagesRequest list;
    list.set_folder_id(kFolder);
    list.set_page_size(1000);
    for (const auto& image : images.ListDesktopImages(list)) {
      ASSERT_TRUE(image.ok()) << image.status();
      ++images_by_name[image->name()];
    }
    int lost = 0;
    for (const Slot& slot : slots_) {
      if (slot.kind == Kind::kFailingCreate) continue;
      EXPECT_LE(images_by_name[slot.name], 1) << slot.name << " made twice";
      if (*slot.outcome == Outcome::kSucceeded || slot.operation_id.empty()) {
        continue;
      }
      operation::GetOperationRequest get;
      get.set_operation_id(slot.operation_id);
      absl::StatusOr<operation::Operation> op = operations.GetOperation(get);
      if (op.ok() && op->done() && !op->has_error()) {
        ++lost;
        ADD_FAILURE() << slot.name << ": operation " << slot.operation_id
                      << " succeeded on the server but was reported as "
                      << slot.status;
      }
    }
    EXPECT_EQ(lost, 0);

    // The table.
    std::cout << absl::StrFormat("soak: %d operations in %s, one restart\n", n,
                                 absl::FormatDuration(absl::Trunc(
                                     absl::Now() - start, absl::Seconds(1))));
    std::cout << absl::StrFormat("%-16s", "kind");
    for (const char* outcome : kOutcomeNames) {
      std::cout << absl::StrFormat("%17s", outcome);
    }
    std::cout << "\n";
    for (size_t k = 0; k < kKindNames.size(); ++k) {
      std::cout << absl::StrFormat("%-16s", kKindNames[k]);
      for (size_t o = 0; o < kOutcomeNames.size(); ++o) {
        std::cout << absl::StrFormat(
            "%17d", table[{static_cast<int>(k), static_cast<int>(o)}]);
      }
      std::cout << "\n";
    }
  }
  // The connection is gone: its threads are joined.
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (clouddesktop_test::ThreadCount() > threads_before &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_LE(clouddesktop_test::ThreadCount(), threads_before);
}

}  // namespace
}  // namespace clouddesktop
