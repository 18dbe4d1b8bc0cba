// Scale and lifetime: a thousand concurrent waits on the fixed pool, and
// destroying connections with calls and waits in flight.
#include <atomic>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/operation_client.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/fake_cloud.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

using ::clouddesktop_test::FakeCloud;
using ::clouddesktop_test::MakeOperation;
using ::clouddesktop_test::Reply;
using ::clouddesktop_test::ThreadCount;
using ::testing::HasSubstr;

api::GetDesktopRequest GetRequest(const std::string& id) {
  api::GetDesktopRequest r;
  r.set_desktop_id(id);
  return r;
}

// Samples the process's thread count until stopped.
class ThreadSampler {
 public:
  ThreadSampler()
      : thread_([this] {
          while (!stop_) {
            int n = ThreadCount();
            int prev = max_.load();
            while (n > prev && !max_.compare_exchange_weak(prev, n)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }) {}
  ~ThreadSampler() { Stop(); }
  int Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return max_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> max_{0};
  std::thread thread_;
};

TEST(LifecycleTest, AThousandConcurrentWaitsRunOnTheFixedPool) {
  FakeCloud fake;
  // Each operation is done on its third poll.
  fake.SetOperationHandler([](const std::string& id, int poll) {
    api::Desktop desktop;
    desktop.set_id(id);
    return Reply::Ok(MakeOperation(id, poll >= 3, nullptr, &desktop));
  });
  ConnectionOptions options = fake.Options();
  options.thread_count = 2;
  Connections connections = MakeConnections(options);
  OperationClient ops(connections);
  // Warm up: channels, gRPC's own threads, the fake's.
  ASSERT_TRUE(ops.Await<api::Desktop>("warm-up").ok());
  int baseline = ThreadCount();

  constexpr int kWaits = 1000;
  ThreadSampler sampler;
  std::vector<Future<absl::StatusOr<api::Desktop>>> waits;
  waits.reserve(kWaits);
  for (int i = 0; i < kWaits; ++i) {
    waits.push_back(ops.AwaitAsync<api::Desktop>(absl::StrCat("op-", i)));
  }
  for (int i = 0; i < kWaits; ++i) {
    absl::StatusOr<api::Desktop> d = waits[i].Get();
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->id(), absl::StrCat("op-", i));
  }
  int peak = sampler.Stop();
  std::cout << "threads: baseline " << baseline << ", peak " << peak << " for "
            << kWaits << " waits\n";
  EXPECT_EQ(fake.CallCount("OperationService.Get"), 3 * kWaits + 3);
  // No thread per wait, per call or per timer: whatever gRPC adds under
  // load is a small constant (its pollers), not a function of kWaits.
  EXPECT_LE(peak - baseline, 8) << "baseline " << baseline << ", peak " << peak;
}

TEST(LifecycleTest, DestroyingConnectionsCompletesCallsInFlightWithCancelled) {
  FakeCloud fake;
  fake.SetDefault("DesktopService.Get", Reply::Hang());
  fake.SetDefault("OperationService.Get", Reply::Hang());
  std::vector<Future<absl::StatusOr<api::Desktop>>> gets;
  std::vector<Future<absl::StatusOr<api::Desktop>>> waits;
  {
    Connections connections = MakeConnections(fake.Options());
    DesktopClient desktops(connections);
    OperationClient ops(connections);
    for (int i = 0; i < 10; ++i) {
      gets.push_back(
          desktops.GetDesktopAsync(GetRequest(absl::StrCat("d", i))));
      waits.push_back(ops.AwaitAsync<api::Desktop>(absl::StrCat("op-", i)));
    }
    ASSERT_TRUE(fake.WaitForCalls("DesktopService.Get", 10));
    ASSERT_TRUE(fake.WaitForCalls("OperationService.Get", 10));
    // The clients and connections go here: every call in flight must be
    // completed by the time the last connection's destructor returns.
  }
  for (auto& f : gets) {
    ASSERT_TRUE(f.is_ready());
    auto d = f.Get();
    EXPECT_EQ(d.status().code(), absl::StatusCode::kCancelled);
    EXPECT_THAT(d.status().message(),
                HasSubstr("the connection was destroyed"));
  }
  for (auto& f : waits) {
    ASSERT_TRUE(f.is_ready());
    auto d = f.Get();
    EXPECT_EQ(d.status().code(), absl::StatusCode::kCancelled);
  }
}

TEST(LifecycleTest, DestroyingOneConnectionCancelsOnlyItsCalls) {
  FakeCloud fake;
  fake.SetDefault("DesktopService.Get", Reply::Hang());
  Reply slow = Reply::Ok(MakeOperation("op-1", true));
  slow.delay = absl::Milliseconds(50);
  fake.SetDefault("OperationService.Get", slow);
  Connections connections = MakeConnections(fake.Options());
  auto get = DesktopClient(connections).GetDesktopAsync(GetRequest("d"));
  auto wait =
      OperationClient(connections).AwaitAsync<google::protobuf::Empty>("op-1");
  ASSERT_TRUE(fake.WaitForCalls("DesktopService.Get", 1));
  connections.desktop.reset();  // the last reference to the DesktopConnection
  ASSERT_TRUE(get.is_ready());
  EXPECT_EQ(get.Get().status().code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(wait.Get().ok());  // the OperationConnection lives on
}

TEST(LifecycleTest, CallsAfterTheConnectionStartedClosingAreCancelled) {
  FakeCloud fake;
  Connections connections = MakeConnections(fake.Options());
  DesktopClient desktops(connections);
  // Clients hold the connection: it stays usable while any client lives.
  connections = Connections();
  auto d = desktops.GetDesktop(GetRequest("d"));
  EXPECT_TRUE(d.ok()) << d.status();
}

TEST(LifecycleTest, ReleasingTheLastClientInsideAContinuation) {
  FakeCloud fake;
  Reply slow = Reply::Ok(api::Desktop());
  slow.delay = absl::Milliseconds(10);
  fake.SetDefault("DesktopService.Get", slow);
  Future<int> done;
  {
    Connections connections = MakeConnections(fake.Options());
    auto client = std::make_shared<DesktopClient>(connections);
    connections = Connections();
    // The continuation holds the only client: the connection (and its
    // executor) is destroyed on its own pool thread.
    done = client->GetDesktopAsync(GetRequest("d"))
               .Then([client](absl::StatusOr<api::Desktop>) mutable {
                 client.reset();
                 return 1;
               });
  }
  EXPECT_EQ(done.Get(), 1);
}

TEST(LifecycleTest, ManyConnectionsComeAndGo) {
  FakeCloud fake;
  int baseline = -1;
  for (int i = 0; i < 20; ++i) {
    Connections connections = MakeConnections(fake.Options());
    ASSERT_TRUE(DesktopClient(connections).GetDesktop(GetRequest("d")).ok());
    if (i == 0) baseline = ThreadCount();
  }
  // Executor threads are joined, not leaked.
  EXPECT_LE(ThreadCount(), baseline);
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
