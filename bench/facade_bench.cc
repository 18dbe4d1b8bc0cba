// What the facade costs:
//  1. DesktopService.Get through DesktopClient versus the raw generated stub
//     on the very same loopback channel against an in-process server that
//     answers at once (so the difference is the client's own work:
//     validation, request ids, the retry loop, the future). Reported as
//     median latency per call and the median ratio facade / raw; beside
//     them the facade's layers alone (the Stub, the retry loop over it), and
//     per variant the context switches and CPU time of all the process's
//     threads per call (from /proc/self/task), which tell thread hand-offs
//     from work.
//  2. Awaiting N operations at once on the in-process emulator (N = 1,000
//     and 10,000): threads stay constant in N, memory per awaited operation.
//
//   bazel run -c opt //bench:facade_bench
//   bazel run -c opt //bench:facade_bench -- --benchmark_repetitions=5
//       --benchmark_filter=Get/interleaved
#include <dirent.h>
#include <grpcpp/grpcpp.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/internal/desktop_stub.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/internal/uuid.h"
#include "clouddesktop/operation_client.h"
#include "loopback_get.h"
#include "tests/testing_util/allocation_counter.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"

namespace {

namespace cd = ::clouddesktop;
namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace operation = ::yandex::cloud::operation;

// ---------------------------------------------------------------------------
// 1. Get: facade versus raw stub.

struct GetEnv {
  GetEnv() {
    cd::ConnectionOptions options;
    options.insecure = true;
    // The same channel for the facade and the raw stub.
    transport =
        std::make_shared<cd::internal::Transport>(options, loopback.channel());
    connections = cd::internal::MakeConnections(transport);
    client = std::make_unique<cd::DesktopClient>(connections);
    request = loopback.request();
  }

  clouddesktop_bench::LoopbackGet loopback;
  std::shared_ptr<cd::internal::Transport> transport;
  cd::Connections connections;
  std::unique_ptr<cd::DesktopClient> client;
  api::GetDesktopRequest request;
};

GetEnv& Env() {
  static GetEnv* env = new GetEnv();  // lives until exit
  return *env;
}

void RawBlockingGet(GetEnv& env) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  api::Desktop desktop;
  grpc::Status status = env.loopback.stub().Get(&ctx, env.request, &desktop);
  if (!status.ok()) std::abort();
}

void RawCallbackGet(GetEnv& env) { env.loopback.RawCallbackGet(false); }
void RawCallbackGetWithIds(GetEnv& env) { env.loopback.RawCallbackGet(true); }
// The facade's layers alone, to tell where its time goes: the Stub (the
// decorators and the gRPC transport: per-attempt headers, the attempt's
// state, the cancellation hook) waited for on a notification; then the retry
// loop over it (settings, registry, limiter, the call object), still without
// the Future, validation and the Client.
void StubGet(GetEnv& env) {
  cd::internal::RpcContext ctx;
  ctx.method = "DesktopService.Get";
  ctx.attempt = 1;
  ctx.deadline = absl::Now() + absl::Seconds(30);
  ctx.ids.client_request_id = cd::internal::MakeUuid();
  ctx.ids.client_trace_id = cd::internal::MakeUuid();
  absl::Notification done;
  bool ok = false;
  env.transport->stubs().desktop->AsyncGet(ctx, env.request,
                                           [&](absl::StatusOr<api::Desktop> r) {
                                             ok = r.ok();
                                             done.Notify();
                                           });
  done.WaitForNotification();
  if (!ok) std::abort();
}
void RetryLoopGet(GetEnv& env) {
  static auto* registry = new std::shared_ptr<cd::internal::CallRegistry>(
      std::make_shared<cd::internal::CallRegistry>());
  using Loop =
      cd::internal::AsyncRetryLoop<cd::internal::DesktopStub,
                                   api::GetDesktopRequest, api::Desktop>;
  auto call = std::make_shared<Loop>(
      env.transport,
      cd::internal::MakeCallSettings(env.transport->options(),
                                     "DesktopService.Get", true, {}),
      env.transport->stubs().desktop.get(),
      &cd::internal::DesktopStub::AsyncGet, env.request);
  absl::Notification done;
  bool ok = false;
  call->set_done(
      [&](absl::StatusOr<api::Desktop> r, const cd::internal::AttemptInfo&) {
        ok = r.ok();
        done.Notify();
      });
  cd::internal::RetryLoopBase::Start(std::move(call), **registry);
  done.WaitForNotification();
  if (!ok) std::abort();
}

void FacadeGet(GetEnv& env) {
  absl::StatusOr<api::Desktop> desktop = env.client->GetDesktop(env.request);
  if (!desktop.ok()) std::abort();
}

// What the threads of this process did, from /proc/self/task: the scheduler's
// CPU time and run-queue wait (schedstat) and the context switches, summed
// over every thread ("all") and per thread name. Where a variant's time per
// call goes: thread hand-offs show up as switches, work as CPU time.
struct ThreadUse {
  double cpu_ns = 0, wait_ns = 0, switches = 0;
};
using ThreadUseByName = std::map<std::string, ThreadUse>;

ThreadUseByName SnapshotThreads() {
  ThreadUseByName out;
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return out;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    std::string base = std::string("/proc/self/task/") + e->d_name;
    std::string name;
    std::getline(std::ifstream(base + "/comm"), name);
    ThreadUse use;
    std::ifstream(base + "/schedstat") >> use.cpu_ns >> use.wait_ns;
    std::ifstream status(base + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.find("ctxt_switches:") != std::string::npos) {
        use.switches += std::stod(line.substr(line.find(':') + 1));
      }
    }
    for (const std::string& key : {std::string("all"), name}) {
      ThreadUse& t = out[key];
      t.cpu_ns += use.cpu_ns;
      t.wait_ns += use.wait_ns;
      t.switches += use.switches;
    }
  }
  closedir(dir);
  return out;
}

// after - before, per thread name; `sum` accumulates.
void AddDelta(const ThreadUseByName& before, const ThreadUseByName& after,
              ThreadUseByName* sum) {
  for (const auto& [name, a] : after) {
    auto it = before.find(name);
    ThreadUse b = it == before.end() ? ThreadUse{} : it->second;
    ThreadUse& t = (*sum)[name];
    t.cpu_ns += a.cpu_ns - b.cpu_ns;
    t.wait_ns += a.wait_ns - b.wait_ns;
    t.switches += a.switches - b.switches;
  }
}

// Per call, as benchmark counters: cpu_us_<thread name>, switches_<thread
// name> ("all": every thread; runq_us_all: time runnable but waiting for a
// core). Threads that did nothing are left out.
void ReportThreadUse(const ThreadUseByName& use, double calls,
                     benchmark::State& state) {
  for (const auto& [name, t] : use) {
    double cpu_us = t.cpu_ns / 1e3 / calls;
    double switches = t.switches / calls;
    if (cpu_us < 0.05 && switches < 0.005) continue;
    state.counters["cpu_us_" + name] = cpu_us;
    state.counters["switches_" + name] = switches;
    if (name == "all") state.counters["runq_us_all"] = t.wait_ns / 1e3 / calls;
  }
}

template <void (*Call)(GetEnv&)>
void BM_Get(benchmark::State& state) {
  GetEnv& env = Env();
  for (int i = 0; i < 200; ++i) Call(env);  // warm up
  std::vector<double> us;
  us.reserve(1 << 16);
  ThreadUseByName before = SnapshotThreads();
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    Call(env);
    us.push_back(std::chrono::duration<double, std::micro>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  ThreadUseByName use;
  AddDelta(before, SnapshotThreads(), &use);
  ReportThreadUse(use, us.size(), state);
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
}
BENCHMARK_TEMPLATE(BM_Get, RawBlockingGet)->Name("Get/raw_stub_blocking");
BENCHMARK_TEMPLATE(BM_Get, RawCallbackGet)->Name("Get/raw_stub_callback");
BENCHMARK_TEMPLATE(BM_Get, RawCallbackGetWithIds)
    ->Name("Get/raw_stub_callback_ids");
BENCHMARK_TEMPLATE(BM_Get, FacadeGet)->Name("Get/facade_blocking");
BENCHMARK_TEMPLATE(BM_Get, StubGet)->Name("Get/stub_layer");
BENCHMARK_TEMPLATE(BM_Get, RetryLoopGet)->Name("Get/retry_loop");

// ---------------------------------------------------------------------------
// 1b. The library alone: the same facade call over a Stub that answers
// inline on the calling thread (no gRPC, no thread, no socket), so what is
// measured is the library's own work per call (validation, settings, ids,
// registry, limiter, decorators, retry loop, future), in CPU time and in
// heap allocations (operator new, less the stub's own answer; gRPC's C
// core allocates with malloc and is not part of this variant).

class InlineDesktopStub final : public cd::internal::DesktopStub {
 public:
  // Answers every call at once, with a desktop like the loopback server's.
#define CLOUDDESKTOP_BENCH_INLINE(Method, Request, Response)               \
  void Async##Method(cd::internal::RpcContext&, const Request&,            \
                     cd::internal::StubCallback<Response> done) override { \
    std::move(done)(Answer<Response>());                                   \
  }
  CLOUDDESKTOP_INTERNAL_DESKTOP_RPCS(CLOUDDESKTOP_BENCH_INLINE)
#undef CLOUDDESKTOP_BENCH_INLINE

  template <typename Response>
  static Response Answer() {
    Response r;
    if constexpr (std::is_same_v<Response, api::Desktop>) {
      r.set_id("dsk-bench-0000000001");
      r.set_folder_id("folder-1");
      r.set_name("bench-desktop");
      r.set_status(api::Desktop::ACTIVE);
    }
    return r;
  }
};

void BM_GetOverInlineStub(benchmark::State& state) {
  cd::ConnectionOptions options;
  options.insecure = true;
  cd::internal::Stubs stubs;
  stubs.desktop = std::make_shared<InlineDesktopStub>();
  auto transport =
      std::make_shared<cd::internal::Transport>(options, std::move(stubs));
  cd::DesktopClient client(cd::internal::MakeDesktopConnection(transport));
  api::GetDesktopRequest request;
  request.set_desktop_id("dsk-bench-0000000001");
  for (int i = 0; i < 1000; ++i) {
    if (!client.GetDesktop(request).ok()) std::abort();
  }
  // The stub's own answer (its strings) is not the library's.
  long before_answer = testing_util::AllocationCount();
  benchmark::DoNotOptimize(InlineDesktopStub::Answer<api::Desktop>());
  const long answer_allocations =
      testing_util::AllocationCount() - before_answer;
  long allocations = testing_util::AllocationCount();
  long calls = 0;
  for (auto _ : state) {
    absl::StatusOr<api::Desktop> desktop = client.GetDesktop(request);
    if (!desktop.ok()) std::abort();
    ++calls;
  }
  state.counters["allocations_per_call"] =
      static_cast<double>(testing_util::AllocationCount() - allocations) /
          calls -
      answer_allocations;
}
BENCHMARK(BM_GetOverInlineStub)->Name("Get/facade_over_inline_stub");

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The figure the target is about: interleaved blocks of each variant, so
// drift (CPU frequency, other load on the machine) hits all of them alike;
// medians over every call of each variant. One iteration = kRounds blocks
// of kBlock calls of each variant; use --benchmark_repetitions for spread.
void BM_GetInterleaved(benchmark::State& state) {
  GetEnv& env = Env();
  constexpr int kRounds = 10;
  constexpr int kBlock = 2000;
  for (int i = 0; i < 200; ++i) {
    RawCallbackGet(env);
    FacadeGet(env);
  }
  for (auto _ : state) {
    std::vector<double> raw_blocking, raw_callback, raw_ids, facade, stub, loop;
    // Context switches and CPU time of every thread, per variant.
    std::map<std::vector<double>*, ThreadUseByName> use;
    auto run = [&](void (*call)(GetEnv&), std::vector<double>* out) {
      ThreadUseByName before = SnapshotThreads();
      for (int i = 0; i < kBlock; ++i) {
        auto start = std::chrono::steady_clock::now();
        call(env);
        out->push_back(std::chrono::duration<double, std::micro>(
                           std::chrono::steady_clock::now() - start)
                           .count());
      }
      AddDelta(before, SnapshotThreads(), &use[out]);
    };
    for (int r = 0; r < kRounds; ++r) {
      run(RawBlockingGet, &raw_blocking);
      run(RawCallbackGet, &raw_callback);
      run(RawCallbackGetWithIds, &raw_ids);
      run(FacadeGet, &facade);
      run(StubGet, &stub);
      run(RetryLoopGet, &loop);
    }
    state.counters["stub_layer_p50_us"] = Median(stub);
    state.counters["retry_loop_p50_us"] = Median(loop);
    for (auto [out, name] :
         {std::pair(&raw_callback, "raw_callback"),
          std::pair(&raw_ids, "raw_ids"), std::pair(&stub, "stub_layer"),
          std::pair(&loop, "retry_loop"), std::pair(&facade, "facade")}) {
      const ThreadUse& all = use[out]["all"];
      state.counters[std::string(name) + "_switches_per_call"] =
          all.switches / out->size();
      state.counters[std::string(name) + "_cpu_us_per_call"] =
          all.cpu_ns / 1e3 / out->size();
      // gRPC's own executor: work its threads hand off (e.g. a contended
      // transport combiner offloaded from an application thread).
      state.counters[std::string(name) + "_grpc_executor_switches_per_call"] =
          use[out]["default-executo"].switches / out->size();
    }
    double b = Median(raw_blocking), c = Median(raw_callback),
           f = Median(facade);
    state.counters["raw_blocking_p50_us"] = b;
    state.counters["raw_callback_p50_us"] = c;
    state.counters["raw_callback_ids_p50_us"] = Median(raw_ids);
    state.counters["facade_p50_us"] = f;
    state.counters["ratio_vs_callback"] = f / c;
    state.counters["ratio_vs_blocking"] = f / b;
  }
}
BENCHMARK(BM_GetInterleaved)
    ->Name("Get/interleaved_medians")
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// ---------------------------------------------------------------------------
// 2. Awaiting N operations at once on the emulator.

int ThreadCount() {
  int n = 0;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) n = std::stoi(line.substr(8));
  }
  return n;
}

long RssBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Memory is measured twice: once while every wait is parked on its timer
// (the first poll is delayed by 1 s for that, later polls follow the
// default policy), which is the waiter's own cost per operation; and as the
// peak RSS while the polls run, which adds gRPC's per-call buffers of both
// the client and the in-process emulator.
void BM_AwaitOperations(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    clouddesktop::emulator::EmulatorOptions emu_options;
    // Long enough that every operation is still running when the waits
    // start, so they all wait at once.
    emu_options.operation_delay = absl::Seconds(4);
    auto emu = clouddesktop::emulator::Emulator::Start(emu_options);
    if (!emu.ok()) {
      state.SkipWithError(std::string(emu.status().message()).c_str());
      return;
    }
    cd::ConnectionOptions options;
    options.endpoint = (*emu)->address();
    options.operation_endpoint = (*emu)->address();
    options.insecure = true;
    cd::PollingSettings polling;
    polling.first_delay = absl::Seconds(1);
    polling.maximum_interval = absl::Seconds(1);
    options.polling_policy =
        std::make_shared<cd::ExponentialPollingPolicy>(polling);
    cd::Connections connections = cd::MakeConnections(options);
    cd::DesktopGroupClient groups(connections);

    // Start N operations (CreateDesktopGroup), 500 in flight at a time.
    std::vector<cd::CreateDesktopGroupOperation> ops;
    ops.reserve(n);
    for (int base = 0; base < n; base += 500) {
      std::vector<cd::Future<absl::StatusOr<cd::CreateDesktopGroupOperation>>>
          batch;
      for (int i = base; i < std::min(n, base + 500); ++i) {
        api::CreateDesktopGroupRequest request;
        request.set_folder_id(
            std::string(clouddesktop::emulator::kDefaultFolderId));
        request.set_desktop_image_id("img-ubuntu-22-04");
        batch.push_back(groups.CreateDesktopGroupAsync(request));
      }
      for (auto& f : batch) {
        auto op = f.Get();
        if (!op.ok()) {
          state.SkipWithError(std::string(op.status().message()).c_str());
          return;
        }
        ops.push_back(*std::move(op));
      }
    }

    malloc_trim(0);
    int threads_before = ThreadCount();
    size_t heap_before = mallinfo2().uordblks;
    long rss_before = RssBytes();
    std::atomic<int> threads_peak{threads_before};
    std::atomic<long> rss_peak{rss_before};
    std::atomic<bool> stop{false};
    std::thread sampler([&] {
      while (!stop) {
        int t = ThreadCount();
        if (t > threads_peak) threads_peak = t;
        long r = RssBytes();
        if (r > rss_peak) rss_peak = r;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });

    absl::Time start = absl::Now();
    std::vector<cd::Future<absl::StatusOr<api::DesktopGroup>>> waits;
    waits.reserve(n);
    for (auto& op : ops) waits.push_back(op.AwaitAsync());
    // Every wait registered and parked on its first-poll timer.
    absl::SleepFor(start + absl::Milliseconds(500) - absl::Now());
    size_t heap_parked = mallinfo2().uordblks;
    int ok = 0;
    for (auto& w : waits) ok += w.Get().ok();
    absl::Duration elapsed = absl::Now() - start;
    stop = true;
    sampler.join();

    state.counters["waits"] = n;
    state.counters["succeeded"] = ok;
    state.counters["threads_before"] = threads_before;
    state.counters["threads_peak"] = threads_peak.load();
    state.counters["heap_B_per_parked_wait"] =
        static_cast<double>(static_cast<long>(heap_parked) -
                            static_cast<long>(heap_before)) /
        n;
    state.counters["peak_rss_B_per_wait"] =
        static_cast<double>(rss_peak.load() - rss_before) / n;
    state.counters["seconds_to_all_done"] = absl::ToDoubleSeconds(elapsed);
    waits.clear();
    ops.clear();
    connections = cd::Connections();
    (*emu)->Shutdown();
  }
}
BENCHMARK(BM_AwaitOperations)
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
