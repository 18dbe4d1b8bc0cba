// Cost of Validate() per request, next to the cost of serialising the same
// request (which every call pays anyway). Target: validation well under
// serialisation.

#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "clouddesktop/validation.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"

namespace clouddesktop {
namespace {

namespace api = yandex::cloud::clouddesktop::v1::api;

void AddLabels(google::protobuf::Map<std::string, std::string>* labels) {
  (*labels)["env"] = "production";
  (*labels)["team"] = "platform-infra";
  (*labels)["cost-center"] = "cc-1234";
  (*labels)["owner"] = "jdoe";
  (*labels)["project"] = "vdi-rollout-2024";
}

api::CreateDesktopGroupRequest MakeGroupRequest() {
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
  api::DesktopGroupConfiguration* config = request.mutable_group_config();
  config->set_min_ready_desktops(2);
  config->set_max_desktops_amount(50);
  config->set_desktop_type(api::DesktopGroupConfiguration::PERSISTENT);
  for (int i = 0; i < 3; ++i) {
    yandex::cloud::access::Subject* member = config->add_members();
    member->set_id(absl::StrCat("ajeg2b2et02f8ut6c6h", i));
    member->set_type("userAccount");
  }
  config->mutable_lifetime()->set_time_zone("Europe/Moscow");
  config->mutable_lifetime()->set_cron_start("0 9 * * 1-5");
  config->mutable_lifetime()->set_cron_stop("0 20 * * 1-5");
  return request;
}

api::CreateDesktopRequest MakeDesktopRequest() {
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

template <typename Request>
void BM_Validate(benchmark::State& state, Request request) {
  if (!Validate(request).ok()) state.SkipWithError("request is not valid");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(request));
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

// A request object that reflection has not read before: the first reflective
// read of a map field makes protobuf build its repeated-field view, which
// steady-state figures do not show. Copy cost is measured separately.
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
  api::CreateDesktopRequest request = MakeDesktopRequest();
  request.clear_desktop_group_id();
  (*request.mutable_labels())["Bad Key"] = "value";
  request.mutable_users(0)->clear_subject_id();
  for (auto _ : state) {
    benchmark::DoNotOptimize(Validate(request));
  }
}

BENCHMARK_CAPTURE(BM_Validate, CreateDesktopGroupRequest, MakeGroupRequest());
BENCHMARK_CAPTURE(BM_Serialize, CreateDesktopGroupRequest, MakeGroupRequest());
BENCHMARK_CAPTURE(BM_Validate, CreateDesktopRequest, MakeDesktopRequest());
BENCHMARK_CAPTURE(BM_Serialize, CreateDesktopRequest, MakeDesktopRequest());
BENCHMARK_CAPTURE(BM_CopyThenValidate, CreateDesktopRequest,
                  MakeDesktopRequest());
BENCHMARK_CAPTURE(BM_CopyOnly, CreateDesktopRequest, MakeDesktopRequest());
BENCHMARK(BM_ValidateInvalid);

}  // namespace
}  // namespace clouddesktop

BENCHMARK_MAIN();
