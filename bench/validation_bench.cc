// Cost of Validate() per request, next to the cost of serialising the same
// request (which every call pays anyway). Target: validation well under
// serialisation (at most half).
//
// For each request R: BM_Validate/R, BM_ValidateReflection/R (the same walk
// through Reflection only) and BM_Serialize/R, then a table of their CPU
// times and the ratios to serialising (the fastest repetition when run with
// repetitions, which is the least disturbed by other load).
//   bazel run -c opt //bench:validation_bench
//   bazel run -c opt //bench:validation_bench -- --benchmark_repetitions=10

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/field_mask.pb.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

namespace api = yandex::cloud::clouddesktop::v1::api;
namespace access = yandex::cloud::access;

void AddLabels(google::protobuf::Map<std::string, std::string>* labels) {
  (*labels)["env"] = "production";
  (*labels)["team"] = "platform-infra";
  (*labels)["cost-center"] = "cc-1234";
  (*labels)["owner"] = "jdoe";
  (*labels)["project"] = "vdi-rollout-2024";
}

void FillConfiguration(api::DesktopGroupConfiguration* config) {
  config->set_min_ready_desktops(2);
  config->set_max_desktops_amount(50);
  config->set_desktop_type(api::DesktopGroupConfiguration::PERSISTENT);
  for (int i = 0; i < 3; ++i) {
    access::Subject* member = config->add_members();
    member->set_id(absl::StrCat("ajeg2b2et02f8ut6c6h", i));
    member->set_type("userAccount");
  }
  config->mutable_lifetime()->set_time_zone("Europe/Moscow");
  config->mutable_lifetime()->set_cron_start("0 9 * * 1-5");
  config->mutable_lifetime()->set_cron_stop("0 20 * * 1-5");
}

// The largest request of the API: every section of a group filled in.
api::CreateDesktopGroupRequest MakeCreateGroup() {
  api::CreateDesktopGroupRequest request;
  request.set_folder_id("b1g0ijbfaqsn12345678");
  request.set_desktop_image_id("fdvrgmb7hkf33h9bqvdo");
  request.set_name("engineering-desktops");
  request.set_description("Persistent desktops for the engineering team");
  AddLabels(request.mutable_labels());
  api::ResourcesSpec* resources = request.mutable_resources_spec();
  resources->set_memory(int64_t{8} << 30);
  resources->set_cores(4);
  resources->set_core_fraction(100);
  api::NetworkInterfaceSpec* network = request.mutable_network_interface_spec();
  network->set_network_id("enp0q0qqc4lbl1q2m3n4");
  network->add_subnet_ids("e9b5m6n7o8p9q0r1s2t3");
  network->add_subnet_ids("e2lq1w2e3r4t5y6u7i8o");
  network->add_subnet_ids("fl8a9s0d1f2g3h4j5k6l");
  request.mutable_boot_disk_spec()->set_type(api::DiskSpec::SSD);
  request.mutable_boot_disk_spec()->set_size(int64_t{64} << 30);
  request.mutable_data_disk_spec()->set_type(api::DiskSpec::HDD);
  request.mutable_data_disk_spec()->set_size(int64_t{256} << 30);
  FillConfiguration(request.mutable_group_config());
  return request;
}

api::UpdateDesktopGroupRequest MakeUpdateGroup() {
  api::UpdateDesktopGroupRequest request;
  for (const char* path : {"name", "description", "labels", "resources_spec",
                           "group_config", "auto_update_policy"}) {
    request.mutable_update_mask()->add_paths(path);
  }
  request.set_desktop_group_id("e3v8vlt7q0e3hn8ap7bk");
  request.set_name("engineering-desktops-v2");
  request.set_description("Persistent desktops for the engineering team");
  AddLabels(request.mutable_labels());
  api::ResourcesSpec* resources = request.mutable_resources_spec();
  resources->set_memory(int64_t{16} << 30);
  resources->set_cores(8);
  resources->set_core_fraction(100);
  FillConfiguration(request.mutable_group_config());
  request.mutable_auto_update_policy();
  return request;
}

api::CreateDesktopRequest MakeCreateDesktop() {
  api::CreateDesktopRequest request;
  request.set_desktop_group_id("e3v8vlt7q0e3hn8ap7bk");
  request.set_subnet_id("e9b5m6n7o8p9q0r1s2t3");
  request.set_name("jdoe-desktop");
  request.set_description("Personal desktop");
  AddLabels(request.mutable_labels());
  api::User* user = request.add_users();
  user->set_subject_id("ajeg2b2et02f8ut6c6hm");
  user->set_subject_type("userAccount");
  return request;
}

access::UpdateAccessBindingsRequest MakeUpdateAccessBindings() {
  access::UpdateAccessBindingsRequest request;
  request.set_resource_id("e3v8vlt7q0e3hn8ap7bk");
  for (int i = 0; i < 5; ++i) {
    access::AccessBindingDelta* delta = request.add_access_binding_deltas();
    delta->set_action(i % 2 == 0 ? access::ADD : access::REMOVE);
    access::AccessBinding* binding = delta->mutable_access_binding();
    binding->set_role_id(i < 3 ? "vdi.viewer" : "vdi.editor");
    binding->mutable_subject()->set_id(absl::StrCat("ajeg2b2et02f8ut6c6h", i));
    binding->mutable_subject()->set_type("userAccount");
  }
  return request;
}

api::ListDesktopsRequest MakeListDesktops() {
  api::ListDesktopsRequest request;
  request.set_folder_id("b1g0ijbfaqsn12345678");
  request.set_page_size(100);
  request.set_page_token("eyJvZmZzZXQiOjEwMH0");
  request.set_filter("name=\"jdoe-desktop\"");
  request.set_order_by("name desc");
  return request;
}

template <typename Request>
void BM_Validate(benchmark::State& state, Request request) {
  if (!Validate(request).ok()) state.SkipWithError("request is not valid");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(request));
  }
}

// The same request as a DynamicMessage of the same descriptor: the walk
// reads it through Reflection only, as it reads every message on a protobuf
// other than 3.21 (the direct reads of generated classes are off).
template <typename Request>
void BM_ValidateReflection(benchmark::State& state, Request request) {
  static auto* const factory = new google::protobuf::DynamicMessageFactory();
  std::unique_ptr<google::protobuf::Message> dynamic(
      factory->GetPrototype(Request::descriptor())->New());
  dynamic->ParseFromString(request.SerializeAsString());
  if (!Validate(*dynamic).ok()) state.SkipWithError("request is not valid");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(*dynamic));
  }
}

template <typename Request>
void BM_Serialize(benchmark::State& state, Request request) {
  for (auto _ : state) {
    std::string wire;
    request.SerializeToString(&wire);
    benchmark::DoNotOptimize(wire);
  }
}

// A request object that validation has not read before (a new request per
// call, as in real use). Copy cost is measured separately.
template <typename Request>
void BM_CopyThenValidate(benchmark::State& state, Request request) {
  for (auto _ : state) {
    Request copy = request;
    benchmark::DoNotOptimize(Validate(copy));
  }
}

template <typename Request>
void BM_CopyOnly(benchmark::State& state, Request request) {
  for (auto _ : state) {
    Request copy = request;
    benchmark::DoNotOptimize(copy);
  }
}

// An invalid request: the report (message, payload) is built.
void BM_ValidateInvalid(benchmark::State& state) {
  api::CreateDesktopRequest request = MakeCreateDesktop();
  request.clear_desktop_group_id();
  (*request.mutable_labels())["Bad Key"] = "value";
  request.mutable_users(0)->clear_subject_id();
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(request));
  }
}

// With --benchmark_repetitions, the fastest repetition is the least
// disturbed by other load on the machine; the table uses it.
double Min(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

#define VALIDATION_BENCH_REQUEST(name, make)                                   \
  BENCHMARK_CAPTURE(BM_Validate, name, make())->ComputeStatistics("min", Min); \
  BENCHMARK_CAPTURE(BM_ValidateReflection, name, make())                       \
      ->ComputeStatistics("min", Min);                                         \
  BENCHMARK_CAPTURE(BM_Serialize, name, make())->ComputeStatistics("min", Min)

VALIDATION_BENCH_REQUEST(CreateDesktopGroupRequest, MakeCreateGroup);
VALIDATION_BENCH_REQUEST(UpdateDesktopGroupRequest, MakeUpdateGroup);
VALIDATION_BENCH_REQUEST(CreateDesktopRequest, MakeCreateDesktop);
VALIDATION_BENCH_REQUEST(UpdateAccessBindingsRequest, MakeUpdateAccessBindings);
VALIDATION_BENCH_REQUEST(ListDesktopsRequest, MakeListDesktops);
BENCHMARK_CAPTURE(BM_CopyThenValidate, CreateDesktopGroupRequest,
                  MakeCreateGroup());
BENCHMARK_CAPTURE(BM_CopyOnly, CreateDesktopGroupRequest, MakeCreateGroup());
BENCHMARK(BM_ValidateInvalid);

// The console output, then one line per request with the CPU time of
// Validate and of SerializeToString and their ratio: the fastest repetition
// when run with repetitions, else the single run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool min =
          run.run_type == Run::RT_Aggregate && run.aggregate_name == "min";
      if (run.run_type == Run::RT_Aggregate && !min) continue;
      const std::string& name = run.run_name.function_name;
      const size_t slash = name.find('/');
      if (slash == std::string::npos) continue;
      const std::string kind = name.substr(0, slash);
      double Entry::*slot = kind == "BM_Validate"    ? &Entry::validate
                            : kind == "BM_Serialize" ? &Entry::serialize
                            : kind == "BM_ValidateReflection"
                                ? &Entry::reflection
                                : nullptr;
      if (slot == nullptr) continue;
      Entry& entry = entries_[name.substr(slash + 1)];
      // The minimum replaces the single runs it summarises.
      if (min) entry.from_min = true;
      if (!min && entry.from_min) continue;
      entry.*slot = run.GetAdjustedCPUTime();
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-30s %9s %10s %6s %11s %6s\n", "Request (CPU ns)",
                "Validate", "Serialize", "Ratio", "Reflection", "Ratio");
    for (const auto& [request, entry] : entries_) {
      if (entry.validate <= 0 || entry.serialize <= 0) continue;
      std::printf("%-30s %9.0f %10.0f %6.2f %11.0f %6.2f\n", request.c_str(),
                  entry.validate, entry.serialize,
                  entry.validate / entry.serialize, entry.reflection,
                  entry.reflection / entry.serialize);
    }
  }

 private:
  struct Entry {
    double validate = 0;
    double serialize = 0;
    double reflection = 0;
    bool from_min = false;
  };
  std::map<std::string, Entry> entries_;
};

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  clouddesktop::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
