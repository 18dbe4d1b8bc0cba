// Fan-out: N DesktopImageService.Copy operations started at once on a
// standalone emulator process (TLS on loopback) and all awaited, per N,
// operation duration and polling policy. Client and emulator costs are
// measured apart (the emulator's from /proc/<pid>/stat).
//
//   bazel run -c opt //bench:fanout_bench                 # full set
//   bazel run -c opt //bench:fanout_bench -- --quick      # N 1,000 / 10,000; 2
//   s / 10 s
//   bazel run -c opt //bench:fanout_bench -- --n=1000 --durations=2 \
//       --policies=default,fixed --out=/tmp/fanout.tsv
//   ... --transport=rest    # the same over the emulator's REST API (HTTPS)
//
// Per case it prints: all completed and none lost, wall / ideal (ideal: the
// operation's duration), slowest lag (from the operation's completion on the
// server, its modified_at, until the client's wait saw it), polls per
// operation, client CPU per operation, emulator CPU per operation and per
// RPC, the client's peak RSS growth per operation, the client's threads,
// where the slowest lag's time went (the gap between the answers of its
// last two polls) and the 1-minute load average at the case's end (the
// machine is shared: compare the default with the fixed 1 s reference of
// the same run).

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/polling_policy.h"
#include "google/protobuf/util/time_util.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/subprocess.h"
#include "tests/testing_util/temp_file.h"

namespace cd = ::clouddesktop;
namespace api = ::clouddesktop::api;

namespace {

// A field of /proc/<pid>/status ("VmRSS", "VmHWM": bytes; "Threads").
long ProcStatus(const std::string& pid, const std::string& key) {
  std::ifstream in("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    long value = 0;
    fields >> value;
    return key.rfind("Vm", 0) == 0 ? value * 1024 : value;
  }
  return -1;
}

// utime + stime of a process, in seconds.
double ProcCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  // Fields after the command (which may hold spaces) start after ')'.
  std::istringstream rest(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Resets VmHWM to the current RSS (Linux >= 4.0).
void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

struct Result {
  std::string policy;
  int n = 0;
  absl::Duration d;
  int ok = 0;
  int failed = 0;
  std::string first_error;
  absl::Duration starts;  // until every start had answered
  absl::Duration wall;    // until every wait had ended
  absl::Duration slowest_lag;
  absl::Duration median_lag;
  // Where the slowest lag's time went: from the answer of the poll before
  // the one that saw it done until that one's answer (the schedule's delay,
  // the 100 ms slot, the connection's queue and the round trip), and from
  // that earlier answer until the operation finished.
  absl::Duration slowest_gap;
  absl::Duration slowest_done_after;
  double load1 = 0;  // the 1-minute load average at the case's end
  double polls_per_op = 0;
  double client_cpu_ms_per_op = 0;
  double emulator_cpu_ms_per_op = 0;
  double emulator_cpu_us_per_rpc = 0;
  double rss_kib_per_op = 0;
  long threads_before = 0;
  long threads_peak = 0;
};

// Shared by the N waits of one case.
struct Tally {
  std::mutex mu;
  std::condition_variable cv;
  int ended = 0;
  int ok = 0;
  int failed = 0;
  std::string first_error;
  absl::Time last_start_answer = absl::InfinitePast();
  std::atomic<int64_t> polls{0};
  // Per operation: when the client saw it done, and when it was done on the
  // server (the done Operation's modified_at).
  std::vector<absl::Time> seen;
  std::vector<absl::Time> finished;
  // When the last poll that found it still running was answered.
  std::vector<absl::Time> previous;

  void End(bool success, const absl::Status& status) {
    std::lock_guard<std::mutex> lock(mu);
    ++ended;
    if (success) {
      ++ok;
    } else {
      ++failed;
      if (first_error.empty()) first_error = status.ToString();
    }
    cv.notify_all();
  }
};

std::shared_ptr<const cd::PollingPolicy> MakePolicy(const std::string& name) {
  if (name == "fixed") {
    return std::make_shared<cd::FixedIntervalPollingPolicy>();
  }
  if (name == "exponential") {
    return std::make_shared<cd::ExponentialPollingPolicy>();
  }
  return std::make_shared<cd::ProportionalPollingPolicy>();
}

Result RunCase(const std::string& emulator_binary, const std::string& cert,
               const std::string& key, const std::string& ca_pem,
               const std::string& policy, int n, absl::Duration d, bool rest) {
  Result r;
  r.policy = policy;
  r.n = n;
  r.d = d;
  std::vector<std::string> args = {
      "--listen",          "127.0.0.1:0",
      "--tls-cert",        cert,
      "--tls-key",         key,
      "--operation-delay", absl::StrCat(absl::ToInt64Milliseconds(d), "ms")};
  if (rest) args.insert(args.end(), {"--http-listen", "127.0.0.1:0"});
  testing_util::Subprocess emu(emulator_binary, args);
  std::string address = testing_util::ListeningAddress(emu);
  if (address.empty()) {
    std::cerr << "the emulator did not start: " << emu.Stderr() << "\n";
    std::exit(1);
  }
  cd::ConnectionOptions options;
  options.endpoint = address;
  options.operation_endpoint = address;
  if (rest) {
    options.rest_endpoint = testing_util::HttpListeningAddress(emu);
    if (options.rest_endpoint.empty()) {
      std::cerr << "the emulator serves no REST API: " << emu.Stderr() << "\n";
      std::exit(1);
    }
    options.transport = cd::TransportKind::kRest;
    options.rest_operation_endpoint = options.rest_endpoint;
  }
  options.ca_pem = ca_pem;
  options.polling_policy = MakePolicy(policy);
  cd::Connections connections = cd::MakeConnections(options);
  cd::DesktopImageClient images(connections);
  {
    // Warm up: the TLS handshake and the first call's setup.
    api::ListDesktopImagesRequest list;
    list.set_folder_id("emulator-folder");
    auto warm = images.ListDesktopImagesAsync(list).Get();
    if (!warm.ok()) {
      std::cerr << "warm-up failed: " << warm.status() << "\n";
      std::exit(1);
    }
  }

  auto tally = std::make_shared<Tally>();
  tally->seen.assign(n, absl::InfinitePast());
  tally->finished.assign(n, absl::InfinitePast());
  tally->previous.assign(n, absl::InfinitePast());
  const std::string self = "self";
  r.threads_before = ProcStatus(self, "Threads");
  long threads_peak = r.threads_before;
  const long rss_before = ProcStatus(self, "VmRSS");
  ResetPeakRss();
  const double cpu_before = SelfCpuSeconds();
  const double emu_cpu_before = ProcCpuSeconds(emu.pid());
  const absl::Time start = absl::Now();

  // A caller who starts 100,000 calls at once gives them time to get
  // through the connection's queue: the starts' deadline is 10 minutes.
  cd::CallOptions start_options;
  start_options.timeout = absl::Minutes(10);
  for (int i = 0; i < n; ++i) {
    api::CopyDesktopImageRequest request;
    request.set_folder_id("emulator-folder");
    request.set_name(absl::StrCat("fanout-", i));
    request.set_image_id("fd8a1b2c3d4e5f6g7h8i");
    images.CopyDesktopImageAsync(request, start_options)
        .Then([tally, i](absl::StatusOr<cd::CopyDesktopImageOperation> op) {
          {
            std::lock_guard<std::mutex> lock(tally->mu);
            tally->last_start_answer = absl::Now();
          }
          if (!op.ok()) {
            tally->End(false, op.status());
            return;
          }
          cd::AwaitOptions await;
          await.on_poll =
              [tally,
               i](const absl::StatusOr<yandex::cloud::operation::Operation>&
                      state) {
                tally->polls.fetch_add(1, std::memory_order_relaxed);
                if (state.ok() && !state->done()) {
                  tally->previous[i] = absl::Now();
                }
                if (state.ok() && state->done()) {
                  // Each index is written by its own wait only.
                  tally->seen[i] = absl::Now();
                  tally->finished[i] = absl::FromUnixNanos(
                      google::protobuf::util::TimeUtil::TimestampToNanoseconds(
                          state->modified_at()));
                }
              };
          op->AwaitAsync(std::move(await))
              .Then([tally](absl::StatusOr<api::DesktopImage> image) {
                tally->End(image.ok(), image.status());
              });
        });
  }
  {
    std::unique_lock<std::mutex> lock(tally->mu);
    while (tally->ended < n) {
      tally->cv.wait_for(lock, std::chrono::milliseconds(100));
      threads_peak = std::max(threads_peak, ProcStatus(self, "Threads"));
    }
  }
  const absl::Time end = absl::Now();
  const double cpu = SelfCpuSeconds() - cpu_before;
  const double emu_cpu = ProcCpuSeconds(emu.pid()) - emu_cpu_before;
  const long rss_peak = ProcStatus(self, "VmHWM");

  std::vector<absl::Duration> lags;
  lags.reserve(n);
  int slowest = -1;
  for (int i = 0; i < n; ++i) {
    if (tally->seen[i] == absl::InfinitePast()) continue;
    lags.push_back(tally->seen[i] - tally->finished[i]);
    if (slowest < 0 ||
        lags.back() > tally->seen[slowest] - tally->finished[slowest]) {
      slowest = i;
    }
  }
  if (slowest >= 0 && tally->previous[slowest] != absl::InfinitePast()) {
    r.slowest_gap = tally->seen[slowest] - tally->previous[slowest];
    r.slowest_done_after = tally->finished[slowest] - tally->previous[slowest];
  }
  std::sort(lags.begin(), lags.end());
  r.ok = tally->ok;
  r.failed = tally->failed;
  r.first_error = tally->first_error;
  r.starts = tally->last_start_answer - start;
  r.wall = end - start;
  r.slowest_lag = lags.empty() ? absl::ZeroDuration() : lags.back();
  r.median_lag = lags.empty() ? absl::ZeroDuration() : lags[lags.size() / 2];
  const double polls = static_cast<double>(tally->polls.load());
  r.polls_per_op = polls / n;
  r.client_cpu_ms_per_op = cpu * 1e3 / n;
  r.emulator_cpu_ms_per_op = emu_cpu * 1e3 / n;
  r.emulator_cpu_us_per_rpc = emu_cpu * 1e6 / (n + polls);
  r.rss_kib_per_op = static_cast<double>(rss_peak - rss_before) / 1024.0 / n;
  r.threads_peak = threads_peak;
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  r.load1 = load[0];

  connections = cd::Connections();
  emu.Signal(SIGTERM);
  emu.Wait(absl::Seconds(30));
  return r;
}

std::vector<std::string> SplitList(const std::string& value) {
  return absl::StrSplit(value, ',', absl::SkipEmpty());
}

}  // namespace

int main(int argc, char** argv) {
  std::string emulator_binary = testing_util::EmulatorBinary();
  std::vector<int> ns = {1000, 10000, 100000};
  std::vector<int> durations = {2, 10, 60};
  std::vector<std::string> policies = {"default", "fixed"};
  std::string out;
  bool rest = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const std::string& flag) -> std::optional<std::string> {
      if (arg.rfind(flag + "=", 0) != 0) return std::nullopt;
      return arg.substr(flag.size() + 1);
    };
    auto ints = [](const std::string& list) {
      std::vector<int> v;
      for (const auto& s : SplitList(list)) {
        int x;
        if (!absl::SimpleAtoi(s, &x) || x <= 0) {
          std::cerr << "not a positive number: " << s << "\n";
          std::exit(2);
        }
        v.push_back(x);
      }
      return v;
    };
    if (arg == "--quick") {
      ns = {1000, 10000};
      durations = {2, 10};
    } else if (auto v = value("--n")) {
      ns = ints(*v);
    } else if (auto v = value("--durations")) {
      durations = ints(*v);
    } else if (auto v = value("--policies")) {
      policies = SplitList(*v);
      for (const auto& p : policies) {
        if (p != "default" && p != "fixed" && p != "exponential") {
          std::cerr << "--policies: unknown policy " << p
                    << " (default, fixed, exponential)\n";
          return 2;
        }
      }
    } else if (auto v = value("--transport")) {
      if (*v != "grpc" && *v != "rest") {
        std::cerr << "--transport: grpc or rest, not " << *v << "\n";
        return 2;
      }
      rest = *v == "rest";
    } else if (auto v = value("--out")) {
      out = *v;
    } else if (auto v = value("--emulator")) {
      emulator_binary = *v;
    } else {
      std::cerr
          << "unknown argument " << arg
          << "\nusage: fanout_bench [--quick] [--n=1000,...] "
             "[--durations=2,10,60] [--policies=default,fixed] "
             "[--transport=grpc|rest] [--out=FILE.tsv] [--emulator=PATH]\n";
      return 2;
    }
  }

  auto key = testing_util::NewRsaKey();
  const std::string cert_pem =
      testing_util::SelfSignedCertificatePem(key.get());
  const std::string cert =
      testing_util::WriteTempFile("fanout-cert.pem", cert_pem);
  const std::string key_file = testing_util::WriteTempFile(
      "fanout-key.pem", testing_util::PrivateKeyPem(key.get()));

  std::ofstream tsv;
  if (!out.empty()) {
    tsv.open(out);
    tsv << "policy\tn\tduration_s\tok\tfailed\tstarts_s\twall_s\twall_over_"
           "ideal\tslowest_lag_s\tmedian_lag_s\tpolls_per_op\tclient_cpu_ms_"
           "per_op\temulator_cpu_ms_per_op\temulator_cpu_us_per_rpc\trss_kib_"
           "per_op\tthreads_before\tthreads_peak\tslowest_gap_s\tslowest_done_"
           "after_s\tload1\ttransport\n";
  }
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("transport: %s; load average at start: %.2f %.2f %.2f\n",
              rest ? "rest" : "grpc", load[0], load[1], load[2]);
  std::printf(
      "| policy | N | D | completed | starts | wall / ideal | slowest lag | "
      "median lag | polls/op | client CPU/op | emulator CPU/op | "
      "emulator CPU/RPC | client RSS/op | threads | slowest: poll gap | "
      "load |\n"
      "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:"
      "|---:|\n");
  std::fflush(stdout);
  for (int d : durations) {
    for (int n : ns) {
      for (const auto& policy : policies) {
        Result r = RunCase(emulator_binary, cert, key_file, cert_pem, policy, n,
                           absl::Seconds(d), rest);
        const double ideal = static_cast<double>(d);
        std::printf(
            "| %s | %d | %d s | %s | %.1f s | %.2f | %.2f s | %.2f s | %.1f | "
            "%.3f ms | %.3f ms | %.0f µs | %.1f KiB | %ld → %ld | %.2f s | "
            "%.1f |\n",
            r.policy.c_str(), n, d,
            r.failed == 0 && r.ok == n
                ? absl::StrCat("all ", n).c_str()
                : absl::StrCat(r.ok, " of ", n, ", ", r.failed,
                               " failed: ", r.first_error)
                      .c_str(),
            absl::ToDoubleSeconds(r.starts),
            absl::ToDoubleSeconds(r.wall) / ideal,
            absl::ToDoubleSeconds(r.slowest_lag),
            absl::ToDoubleSeconds(r.median_lag), r.polls_per_op,
            r.client_cpu_ms_per_op, r.emulator_cpu_ms_per_op,
            r.emulator_cpu_us_per_rpc, r.rss_kib_per_op, r.threads_before,
            r.threads_peak, absl::ToDoubleSeconds(r.slowest_gap), r.load1);
        std::fflush(stdout);
        if (tsv.is_open()) {
          tsv << r.policy << "\t" << n << "\t" << d << "\t" << r.ok << "\t"
              << r.failed << "\t" << absl::ToDoubleSeconds(r.starts) << "\t"
              << absl::ToDoubleSeconds(r.wall) << "\t"
              << absl::ToDoubleSeconds(r.wall) / ideal << "\t"
              << absl::ToDoubleSeconds(r.slowest_lag) << "\t"
              << absl::ToDoubleSeconds(r.median_lag) << "\t" << r.polls_per_op
              << "\t" << r.client_cpu_ms_per_op << "\t"
              << r.emulator_cpu_ms_per_op << "\t" << r.emulator_cpu_us_per_rpc
              << "\t" << r.rss_kib_per_op << "\t" << r.threads_before << "\t"
              << r.threads_peak << "\t" << absl::ToDoubleSeconds(r.slowest_gap)
              << "\t" << absl::ToDoubleSeconds(r.slowest_done_after) << "\t"
              << r.load1 << "\t" << (rest ? "rest" : "grpc") << "\n";
          tsv.flush();
        }
      }
    }
  }
  getloadavg(load, 3);
  std::printf("load average at end: %.2f %.2f %.2f\n", load[0], load[1],
              load[2]);
  return 0;
}
