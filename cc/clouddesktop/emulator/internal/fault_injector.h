// Draws the faults of each call and each new operation from a FaultSpec.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_FAULT_INJECTOR_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_FAULT_INJECTOR_H_

#include <cstdint>
#include <optional>
#include <random>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/emulator/faults.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {

// What happens to one call before the service sees it.
struct CallFault {
  absl::Duration latency = absl::ZeroDuration();
  absl::Status error;  // OK: no injected error
};

// What happens to one new operation.
struct OperationFault {
  int not_found_polls = 0;
  std::optional<absl::StatusCode> op_error;
  // Zero: no health check phase.
  absl::Duration health_check = absl::ZeroDuration();
};

// Thread-safe (one mutex). Draws are reproducible for a given seed and
// sequence of calls. Cost: one rule resolution (linear in the rules) per call.
class FaultInjector {
 public:
  // `seed` 0: a random seed.
  FaultInjector(FaultSpec spec, uint64_t seed);

  void Set(FaultSpec spec);

  // `service` is the short service name.
  CallFault ForCall(absl::string_view service, absl::string_view method);
  OperationFault ForOperation(absl::string_view service,
                              absl::string_view method);

 private:
  clouddesktop::internal::Mutex mu_;
  FaultSpec spec_ ABSL_GUARDED_BY(mu_);
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_FAULT_INJECTOR_H_
