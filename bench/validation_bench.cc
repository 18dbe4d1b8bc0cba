// Cost of Validate() for every request type of the API (every method of
// DesktopService, DesktopGroupService, DesktopImageService and
// OperationService), next to the cost of one loopback Get through the raw
// generated stub (in process, callback API), which every call pays anyway.
// Target: validation under 2% of that Get for every request type; the
// binary prints a table and exits 1 if a request type misses it or has no
// sample here.
//
// Samples: the requests with the most rules are built in full below (every
// field with a rule filled in, as in real use); the rest are the text-format
// samples of kSamples.
//   bazel run -c opt //bench:validation_bench
//   bazel run -c opt //bench:validation_bench -- --benchmark_repetitions=10

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "clouddesktop/validation.h"
#include "clouddesktop/version.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/text_format.h"
#include "loopback_get.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

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

// Every other request type, in the text format: the fields a caller sets.
const absl::flat_hash_map<std::string, std::string>& Samples() {
  static const auto* const samples =
      new absl::flat_hash_map<std::string, std::string>{
          {"GetDesktopGroupRequest",
           R"pb(desktop_group_id: "e3v8vlt7q0e3hn8ap7bk")pb"},
          {"ListDesktopGroupsRequest",
           R"pb(folder_id: "b1g0ijbfaqsn12345678"
                page_size: 100
                page_token: "eyJvZmZzZXQiOjEwMH0"
                filter: "name=\"eng\""
                order_by: "name")pb"},
          {"ListDesktopGroupDesktopsRequest",
           R"pb(desktop_group_id: "e3v8vlt7q0e3hn8ap7bk"
                page_size: 100
                filter: "name=\"jdoe-desktop\""
                order_by: "name")pb"},
          {"ListDesktopGroupOperationsRequest",
           R"pb(desktop_group_id: "e3v8vlt7q0e3hn8ap7bk" page_size: 100)pb"},
          {"DeleteDesktopGroupRequest",
           R"pb(desktop_group_id: "e3v8vlt7q0e3hn8ap7bk")pb"},
          {"ListAccessBindingsRequest", R"pb(resource_id: "e3v8vlt7q0e3hn8ap7bk"
                                             page_size: 100)pb"},
          {"SetAccessBindingsRequest",
           R"pb(resource_id: "e3v8vlt7q0e3hn8ap7bk"
                access_bindings {
                  role_id: "vdi.viewer"
                  subject { id: "ajeg2b2et02f8ut6c6hm" type: "userAccount" }
                }
                access_bindings {
                  role_id: "vdi.editor"
                  subject { id: "ajeg2b2et02f8ut6c6hn" type: "userAccount" }
                })pb"},
          {"ListDesktopImagesRequest",
           R"pb(folder_id: "b1g0ijbfaqsn12345678"
                page_size: 100
                order_by: "name")pb"},
          {"GetDesktopImageRequest", R"pb(image_id: "fdvrgmb7hkf33h9bqvdo")pb"},
          {"CopyDesktopImageRequest",
           R"pb(folder_id: "b1g0ijbfaqsn12345678"
                name: "ubuntu-2204-vdi"
                description: "Ubuntu 22.04 for desktops"
                labels { key: "env" value: "production" }
                labels { key: "team" value: "platform-infra" }
                image_id: "fd8kdq6d0p8sij7h5qe3")pb"},
          {"CopyFromDesktopRequest",
           R"pb(folder_id: "b1g0ijbfaqsn12345678"
                name: "jdoe-snapshot"
                description: "Before the upgrade"
                labels { key: "env" value: "production" }
                desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"UpdateDesktopImageRequest",
           R"pb(update_mask { paths: "name" paths: "labels" }
                image_id: "fdvrgmb7hkf33h9bqvdo"
                name: "ubuntu-2204-vdi-v2"
                labels { key: "env" value: "staging" })pb"},
          {"DeleteDesktopImageRequest",
           R"pb(image_id: "fdvrgmb7hkf33h9bqvdo")pb"},
          {"GetDesktopRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"GetRdpFileRequest",
           R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8"
                user {
                  subject_id: "ajeg2b2et02f8ut6c6hm"
                  subject_type: "userAccount"
                })pb"},
          {"ListDesktopOperationsRequest",
           R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8" page_size: 100)pb"},
          {"DeleteDesktopRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"UpdateRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"UpdatePropertiesRequest",
           R"pb(update_mask { paths: "name" paths: "labels" }
                desktop_id: "e3v0a1b2c3d4e5f6g7h8"
                name: "jdoe-desktop-2"
                labels { key: "env" value: "production" })pb"},
          {"ResetPasswordRequest",
           R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8"
                user {
                  subject_id: "ajeg2b2et02f8ut6c6hm"
                  subject_type: "userAccount"
                })pb"},
          {"RestartRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"StartRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"StopRequest", R"pb(desktop_id: "e3v0a1b2c3d4e5f6g7h8")pb"},
          {"GetOperationRequest",
           R"pb(operation_id: "e3vq2b6h5r5bfq7c8s0d")pb"},
          {"CancelOperationRequest",
           R"pb(operation_id: "e3vq2b6h5r5bfq7c8s0d")pb"},
      };
  return *samples;
}

// The sample of `type`, or null (with the reason on stderr).
std::unique_ptr<google::protobuf::Message> MakeSample(
    const google::protobuf::Descriptor* type) {
  std::unique_ptr<google::protobuf::Message> message;
  const std::string& name = type->name();
  if (name == "CreateDesktopGroupRequest") {
    message =
        std::make_unique<api::CreateDesktopGroupRequest>(MakeCreateGroup());
  } else if (name == "UpdateDesktopGroupRequest") {
    message =
        std::make_unique<api::UpdateDesktopGroupRequest>(MakeUpdateGroup());
  } else if (name == "CreateDesktopRequest") {
    message = std::make_unique<api::CreateDesktopRequest>(MakeCreateDesktop());
  } else if (name == "UpdateAccessBindingsRequest") {
    message = std::make_unique<access::UpdateAccessBindingsRequest>(
        MakeUpdateAccessBindings());
  } else if (name == "ListDesktopsRequest") {
    message = std::make_unique<api::ListDesktopsRequest>(MakeListDesktops());
  } else {
    auto it = Samples().find(name);
    if (it == Samples().end()) {
      std::fprintf(stderr, "no sample of %s\n", type->full_name().c_str());
      return nullptr;
    }
    const google::protobuf::Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(
            type);
    message.reset(prototype->New());
    if (!google::protobuf::TextFormat::ParseFromString(it->second,
                                                       message.get())) {
      std::fprintf(stderr, "bad sample of %s\n", type->full_name().c_str());
      return nullptr;
    }
  }
  const absl::Status status = Validate(*message);
  if (!status.ok()) {
    std::fprintf(stderr, "sample is not valid: %s\n",
                 status.ToString().c_str());
    return nullptr;
  }
  return message;
}

// The request types of every method of the API's services, in order.
std::vector<const google::protobuf::Descriptor*> RequestTypes() {
  std::vector<const google::protobuf::Descriptor*> types;
  // Named through a message of each file, which also links the file in.
  for (const google::protobuf::FileDescriptor* file :
       {api::GetDesktopRequest::descriptor()->file(),
        api::GetDesktopGroupRequest::descriptor()->file(),
        api::GetDesktopImageRequest::descriptor()->file(),
        yandex::cloud::operation::GetOperationRequest::descriptor()->file()}) {
    if (file->service_count() != 1) {
      std::fprintf(stderr, "%s has %d services\n", file->name().c_str(),
                   file->service_count());
      std::exit(1);
    }
    const google::protobuf::ServiceDescriptor* service = file->service(0);
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::Descriptor* type =
          service->method(i)->input_type();
      if (std::find(types.begin(), types.end(), type) == types.end()) {
        types.push_back(type);
      }
    }
  }
  return types;
}

void BM_Validate(benchmark::State& state,
                 const google::protobuf::Message* request) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(*request));
  }
}

void BM_Serialize(benchmark::State& state,
                  const google::protobuf::Message* request) {
  for (auto _ : state) {
    std::string wire;
    request->SerializeToString(&wire);
    benchmark::DoNotOptimize(wire);
  }
}

// The reference: one Get on loopback through the raw callback stub.
void BM_LoopbackGet(benchmark::State& state) {
  static auto* const loopback = new clouddesktop_bench::LoopbackGet();
  for (auto _ : state) loopback->RawCallbackGet();
}

// A request object that validation has not read before (a new request per
// call, as in real use). Copy cost is measured separately.
void BM_CopyThenValidate(benchmark::State& state) {
  const api::CreateDesktopGroupRequest request = MakeCreateGroup();
  for (auto _ : state) {
    api::CreateDesktopGroupRequest copy = request;
    benchmark::DoNotOptimize(Validate(copy));
  }
}
BENCHMARK(BM_CopyThenValidate);

void BM_CopyOnly(benchmark::State& state) {
  const api::CreateDesktopGroupRequest request = MakeCreateGroup();
  for (auto _ : state) {
    api::CreateDesktopGroupRequest copy = request;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_CopyOnly);

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
BENCHMARK(BM_ValidateInvalid);

// With --benchmark_repetitions, the fastest repetition is the least
// disturbed by other load on the machine; the table uses it.
double Min(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// The console output, then one line per request type: CPU time of Validate
// and of SerializeToString, and Validate as a share of the loopback Get's
// real time (the fastest repetition when run with repetitions).
class ShareReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool min =
          run.run_type == Run::RT_Aggregate && run.aggregate_name == "min";
      if (run.run_type == Run::RT_Aggregate && !min) continue;
      const std::string& name = run.run_name.function_name;
      if (name == "BM_LoopbackGet") {
        if (min || get_from_min_ == false) get_ns_ = run.GetAdjustedRealTime();
        get_from_min_ = get_from_min_ || min;
        continue;
      }
      const size_t slash = name.find('/');
      if (slash == std::string::npos) continue;
      const std::string kind = name.substr(0, slash);
      double Entry::*slot = kind == "BM_Validate"    ? &Entry::validate
                            : kind == "BM_Serialize" ? &Entry::serialize
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
    std::printf("\nloopback Get (raw callback stub): %.0f ns\n", get_ns_);
    std::printf("%-34s %9s %10s %12s\n", "Request (CPU ns)", "Validate",
                "Serialize", "% of a Get");
    for (const auto& [request, entry] : entries_) {
      if (entry.validate <= 0) continue;
      const double share = get_ns_ > 0 ? 100 * entry.validate / get_ns_ : 0;
      std::printf("%-34s %9.0f %10.0f %11.2f%%\n", request.c_str(),
                  entry.validate, entry.serialize, share);
      if (share >= kTargetPercent || get_ns_ <= 0) ++missed_;
    }
    std::printf(
        "target: under %.0f%% of a loopback Get: %zu of %zu request "
        "types miss it\n",
        kTargetPercent, missed_, entries_.size());
  }

  size_t missed() const { return missed_; }

 private:
  static constexpr double kTargetPercent = 2;
  struct Entry {
    double validate = 0;
    double serialize = 0;
    bool from_min = false;
  };
  std::map<std::string, Entry> entries_;
  double get_ns_ = 0;
  bool get_from_min_ = false;
  size_t missed_ = 0;
};

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

int main(int argc, char** argv) {
  namespace cd = clouddesktop;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Samples live until exit: the benchmarks hold pointers to them.
  bool complete = true;
  for (const google::protobuf::Descriptor* type : cd::RequestTypes()) {
    std::unique_ptr<google::protobuf::Message> sample = cd::MakeSample(type);
    if (sample == nullptr) {
      complete = false;
      continue;
    }
    const google::protobuf::Message* request = sample.release();
    benchmark::RegisterBenchmark(("BM_Validate/" + type->name()).c_str(),
                                 cd::BM_Validate, request)
        ->ComputeStatistics("min", cd::Min);
    benchmark::RegisterBenchmark(("BM_Serialize/" + type->name()).c_str(),
                                 cd::BM_Serialize, request)
        ->ComputeStatistics("min", cd::Min);
  }
  benchmark::RegisterBenchmark("BM_LoopbackGet", cd::BM_LoopbackGet)
      ->UseRealTime()
      ->ComputeStatistics("min", cd::Min);
  cd::ShareReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return complete && reporter.missed() == 0 ? 0 : 1;
}
