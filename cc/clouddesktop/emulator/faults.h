// Fault injection for the emulator: which methods answer late, fail, or start
// operations that fail, described by a short spec string so that the same
// text works in a test (`EmulatorOptions::faults`, `Emulator::SetFaults`)
// and on the command line (`emulator_main --faults SPEC`).
//
// Grammar (whitespace around every token is ignored):
//
//   spec    = [ rule *( ";" rule ) ]        empty rules (";;") are skipped
//   rule    = target ":" fault *( "," fault )
//   target  = "*"                           every method of every service
//           | service [ ".*" ]              every method of one service
//           | service "." method            one method
//   service = short name ("DesktopService") or full name
//             ("yandex.cloud.clouddesktop.v1.api.DesktopService") of one of
//             the six API services; `method` must be one of its methods
//   fault   = "latency=" duration           absl duration: 200ms, 1.5s, 1m
//           | "unavailable=" share          share of calls answered UNAVAILABLE
//           | "resource_exhausted=" share   ... RESOURCE_EXHAUSTED
//           | "internal=" share             ... INTERNAL
//           | "not_found_polls=" count      the first `count` OperationService
//                                           polls of each new operation
//                                           answer NOT_FOUND
//           | "op_error=" code              operations finish with this error
//                                           (a code name such as
//                                           RESOURCE_EXHAUSTED, or 1-16)
//           | "health_check=" duration      desktops that Create, Start or
//                                           Restart bring up spend this long
//                                           in HEALTH_CHECK before ACTIVE
//                                           (the operation finishes then)
//   share   = a decimal number in [0, 1]; the shares in one rule add up to at
//             most 1
//
// Example: `DesktopService.Get:latency=200ms,unavailable=0.3;
//           OperationService.Get:not_found_polls=2;
//           DesktopService.Create:op_error=RESOURCE_EXHAUSTED;*:internal=0.05`
//
// Resolution for a call of Service.Method: the rules that match it are
// applied from the least to the most specific ("*", then "Service",
// then "Service.Method"; rules of equal specificity in spec order), and a
// later rule overrides only the faults it names. The error shares of the
// result are drawn in the order unavailable, resource_exhausted, internal,
// so together they fail at most every call. `not_found_polls`, `op_error`
// and `health_check` are taken from the method that starts the operation;
// `not_found_polls` falls back to the value resolved for OperationService.Get,
// so `OperationService.Get:not_found_polls=2` applies to every new operation.

#ifndef CLOUDDESKTOP_EMULATOR_FAULTS_H_
#define CLOUDDESKTOP_EMULATOR_FAULTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace clouddesktop::emulator {

// The faults of one method (or of the methods a rule targets). Unset fields
// mean "no opinion": a less specific rule's value, or no fault, applies.
// A plain value type: copyable, no synchronization.
struct MethodFaults {
  // The faults of the grammar above, each as its `name=`.
  std::optional<absl::Duration> latency;
  std::optional<double> unavailable;
  std::optional<double> resource_exhausted;
  std::optional<double> internal;
  std::optional<int> not_found_polls;
  std::optional<absl::StatusCode> op_error;
  std::optional<absl::Duration> health_check;

  // Sets every field that `other` sets.
  void OverrideWith(const MethodFaults& other);
};

// One `target:faults` rule. `service` is the short service name
// ("DesktopService") or empty for "*"; `method` is empty for every method.
struct FaultRule {
  std::string service;  // short name; empty: every service
  std::string method;   // empty: every method
  MethodFaults faults;  // what the rule sets
};

// A parsed spec. A plain value type: copyable, no synchronization.
struct FaultSpec {
  std::vector<FaultRule> rules;  // in spec order

  // The faults that apply to `service` (short name) `method`, resolved as
  // described at the top of this file. Cost: linear in the number of rules.
  MethodFaults Resolve(absl::string_view service,
                       absl::string_view method) const;

  // No rules: no faults.
  bool empty() const { return rules.empty(); }
};

// Parses `spec` (grammar above). On error returns INVALID_ARGUMENT whose
// message quotes the offending token, e.g.
//   fault spec: unknown fault "latncy" in rule 2 ("DesktopService.Get:...")
absl::StatusOr<FaultSpec> ParseFaultSpec(absl::string_view spec);

}  // namespace clouddesktop::emulator

#endif  // CLOUDDESKTOP_EMULATOR_FAULTS_H_
