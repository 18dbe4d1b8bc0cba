// Ten thousand operations in flight at once, completed by timers on one
// scheduler thread: the emulator does not spend a thread per call or per
// operation.
#include <dirent.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <thread>

#include "clouddesktop/internal/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "tests/testing_util/notification.h"

namespace emulator_test {
namespace {

// Ten thousand; a thousand under ThreadSanitizer (whose config sets
// TSAN_OPTIONS), which makes every call some twenty times slower.
const int kOperations = std::getenv("TSAN_OPTIONS") != nullptr ? 1000 : 10000;
// Delay of the first burst; the second's is set from how fast the first
// went, so that it provably overlaps on any machine.
constexpr absl::Duration kDelay = absl::Seconds(3);

int ThreadCount() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(dir)) {
      if (entry->d_name[0] != '.') ++count;
    }
    closedir(dir);
  }
  return count;
}

// Samples the process's thread count until stopped; keeps the peak.
class ThreadSampler {
 public:
  ThreadSampler() : thread_([this] { Run(); }) {}
  ~ThreadSampler() { Stop(); }
  int Stop() {
    if (!stop_.HasBeenNotified()) stop_.Notify();
    if (thread_.joinable()) thread_.join();
    return peak_;
  }

 private:
  void Run() {
    do {
      peak_ = std::max(peak_.load(), ThreadCount());
    } while (!stop_.WaitForNotificationWithTimeout(absl::Milliseconds(5)));
  }
  testing_util::Notification stop_;
  std::atomic<int> peak_{0};
  std::thread thread_;
};

class ScaleTest : public EmulatorTest {
 protected:
  clouddesktop::emulator::EmulatorOptions Options() override {
    clouddesktop::emulator::EmulatorOptions options = FastOptions();
    options.operation_delay = kDelay;
    return options;
  }

  // Sends `count` calls at once through `start(i, context, op, done)` and
  // returns the operations they answered with.
  template <typename Request>
  std::vector<operation::Operation> Burst(
      int count, const std::function<Request(int)>& make_request,
      void (api::DesktopService::StubInterface::async_interface::*method)(
          grpc::ClientContext*, const Request*, operation::Operation*,
          std::function<void(grpc::Status)>)) {
    struct Call {
      grpc::ClientContext context;
      Request request;
      operation::Operation response;
    };
    // Each call writes only its own slot; the main thread reads them after
    // the last callback has signalled. Shared, so that callbacks arriving
    // after a timeout still write into live memory.
    struct State {
      explicit State(int n) : ops(n), statuses(n) {}
      std::vector<operation::Operation> ops;
      std::vector<grpc::Status> statuses;
      clouddesktop::internal::Mutex mu;
      int finished = 0;
      testing_util::Notification all_done;
    };
    auto state = std::make_shared<State>(count);
    for (int i = 0; i < count; ++i) {
      auto* call = new Call;
      call->context.set_deadline(
          absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
      call->request = make_request(i);
      (stubs_->desktops->async()->*method)(
          &call->context, &call->request, &call->response,
          [state, call, i, count](grpc::Status status) {
            state->ops[i] = std::move(call->response);
            state->statuses[i] = std::move(status);
            delete call;  // before signalling: see CONTRIBUTING.md
            clouddesktop::internal::MutexLock lock(&state->mu);
            if (++state->finished == count) state->all_done.Notify();
          });
    }
    if (!state->all_done.WaitForNotificationWithTimeout(absl::Seconds(120))) {
      ADD_FAILURE() << "calls did not finish";
      return {};
    }
    clouddesktop::internal::MutexLock lock(&state->mu);
    int failed = 0;
    for (const grpc::Status& status : state->statuses) {
      if (!status.ok() && failed++ < 5) ADD_FAILURE() << status.error_message();
    }
    return std::move(state->ops);
  }

  // Counts the group's desktops with `status`, a page of 1000 at a time
  // (the service filters on name only, so the count is made here).
  int CountWithStatus(const std::string& group_id, const std::string& status) {
    api::ListDesktopGroupDesktopsRequest request;
    request.set_desktop_group_id(group_id);
    request.set_page_size(1000);
    int count = 0;
    for (int page = 0; page < 100; ++page) {
      api::ListDesktopGroupDesktopsResponse response;
      grpc::Status s =
          stubs_->groups->ListDesktops(Ctx().get(), request, &response);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) return -1;
      for (const api::Desktop& desktop : response.desktops()) {
        if (api::Desktop::Status_Name(desktop.status()) == status) ++count;
      }
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return count;
  }

  // Checks that the operations were all running at the same moment (the
  // last started before the first could finish) if `must_overlap`, and
  // that each one completed by its timer, no earlier than `delay`. Returns
  // how long the burst took.
  absl::Duration CheckInFlightTogetherAndCompleted(
      const std::vector<operation::Operation>& ops, absl::Duration delay,
      bool must_overlap) {
    EXPECT_EQ(ops.size(), static_cast<size_t>(kOperations));
    if (ops.empty()) return absl::ZeroDuration();
    auto time_of = [](const google::protobuf::Timestamp& t) {
      return absl::FromUnixNanos(t.seconds() * 1000000000 + t.nanos());
    };
    absl::Time first = absl::InfiniteFuture(), last = absl::InfinitePast();
    for (const operation::Operation& op : ops) {
      EXPECT_FALSE(op.done());
      first = std::min(first, time_of(op.created_at()));
      last = std::max(last, time_of(op.created_at()));
    }
    std::cout << "burst of " << ops.size() << " operations took "
              << (last - first) << "\n";
    // The first cannot finish before `first + delay`; if that is after
    // `last`, then at `last` every one of them was running.
    if (must_overlap) {
      EXPECT_LT(last - first, delay) << "not all in flight at once";
    }
    // Sample operations: each completed by its timer, after the delay.
    for (size_t i = 0; i < ops.size(); i += ops.size() / 50) {
      operation::Operation done = WaitDone(ops[i].id());
      EXPECT_TRUE(done.done());
      EXPECT_EQ(done.result_case(), operation::Operation::kResponse);
      EXPECT_GE(time_of(done.modified_at()) - time_of(done.created_at()),
                delay);
    }
    return last - first;
  }
};

TEST_F(ScaleTest, TenThousandCreatesThenRestartsInFlightAtOnce) {
  std::cout << kOperations << " operations per burst\n";
  api::DesktopGroup group;
  {
    emu_->SetOperationDelay(absl::Milliseconds(1));
    group = CreateGroup("big");
    emu_->SetOperationDelay(kDelay);
  }
  int threads_before = ThreadCount();
  ThreadSampler sampler;
  absl::Time start = absl::Now();

  std::vector<operation::Operation> creates = Burst<api::CreateDesktopRequest>(
      kOperations,
      [&](int) {
        api::CreateDesktopRequest request;
        request.set_desktop_group_id(group.id());
        api::User* user = request.add_users();
        user->set_subject_id("alice");
        user->set_subject_type("userAccount");
        return request;
      },
      &api::DesktopService::StubInterface::async_interface::Create);
  absl::Duration create_burst =
      CheckInFlightTogetherAndCompleted(creates, kDelay, false);
  ASSERT_TRUE(
      WaitFor([&] { return CountWithStatus(group.id(), "CREATING") == 0; },
              absl::Seconds(60)));
  EXPECT_EQ(CountWithStatus(group.id(), "ACTIVE"), kOperations);

  std::vector<std::string> ids;
  for (const operation::Operation& op : creates) {
    api::CreateDesktopMetadata metadata;
    ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
    ids.push_back(metadata.desktop_id());
  }
  absl::Duration restart_delay = std::max(absl::Seconds(2), 3 * create_burst);
  emu_->SetOperationDelay(restart_delay);
  std::vector<operation::Operation> restarts = Burst<api::RestartRequest>(
      kOperations,
      [&](int i) {
        api::RestartRequest request;
        request.set_desktop_id(ids[i]);
        return request;
      },
      &api::DesktopService::StubInterface::async_interface::Restart);
  CheckInFlightTogetherAndCompleted(restarts, restart_delay, true);
  ASSERT_TRUE(
      WaitFor([&] { return CountWithStatus(group.id(), "RESTARTING") == 0; },
              absl::Seconds(60)));
  EXPECT_EQ(CountWithStatus(group.id(), "ACTIVE"), kOperations);

  int peak = sampler.Stop();
  std::cout << 2 * kOperations << " operations in " << (absl::Now() - start)
            << "; threads before " << threads_before << ", peak " << peak
            << "\n";
  // A thread per call or per operation would mean thousands.
  EXPECT_LT(peak, threads_before + 64);
}

}  // namespace
}  // namespace emulator_test
