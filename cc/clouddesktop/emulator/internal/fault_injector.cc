#include "clouddesktop/emulator/internal/fault_injector.h"

#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {
namespace {

uint64_t PickSeed(uint64_t seed) {
  if (seed != 0) return seed;
  absl::BitGen gen;
  return absl::Uniform<uint64_t>(gen);
}

}  // namespace

FaultInjector::FaultInjector(FaultSpec spec, uint64_t seed)
    : spec_(std::move(spec)), rng_(PickSeed(seed)) {}

void FaultInjector::Set(FaultSpec spec) {
  clouddesktop::internal::MutexLock lock(&mu_);
  spec_ = std::move(spec);
}

CallFault FaultInjector::ForCall(absl::string_view service,
                                 absl::string_view method) {
  clouddesktop::internal::MutexLock lock(&mu_);
  CallFault fault;
  if (spec_.empty()) return fault;
  MethodFaults faults = spec_.Resolve(service, method);
  fault.latency = faults.latency.value_or(absl::ZeroDuration());
  double unavailable = faults.unavailable.value_or(0);
  double exhausted = faults.resource_exhausted.value_or(0);
  double internal = faults.internal.value_or(0);
  if (unavailable + exhausted + internal <= 0) return fault;
  // [0, 1) so that a share of 1 always fails and a share of 0 never does.
  double draw = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  absl::StatusCode code = absl::StatusCode::kOk;
  if (draw < unavailable) {
    code = absl::StatusCode::kUnavailable;
  } else if (draw < unavailable + exhausted) {
    code = absl::StatusCode::kResourceExhausted;
  } else if (draw < unavailable + exhausted + internal) {
    code = absl::StatusCode::kInternal;
  }
  if (code != absl::StatusCode::kOk) {
    fault.error = absl::Status(
        code, absl::StrCat("injected fault: ", absl::StatusCodeToString(code),
                           " for ", service, ".", method));
  }
  return fault;
}

OperationFault FaultInjector::ForOperation(absl::string_view service,
                                           absl::string_view method) {
  clouddesktop::internal::MutexLock lock(&mu_);
  OperationFault fault;
  if (spec_.empty()) return fault;
  MethodFaults faults = spec_.Resolve(service, method);
  fault.op_error = faults.op_error;
  fault.health_check = faults.health_check.value_or(absl::ZeroDuration());
  fault.not_found_polls = faults.not_found_polls.value_or(
      spec_.Resolve("OperationService", "Get").not_found_polls.value_or(0));
  return fault;
}

}  // namespace clouddesktop::emulator::internal
