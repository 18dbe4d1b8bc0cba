#include "clouddesktop/emulator/faults.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace clouddesktop::emulator {
namespace {

// The six API services, short name -> full name.
constexpr std::pair<absl::string_view, absl::string_view> kServices[] = {
    {"DesktopImageService",
     "yandex.cloud.clouddesktop.v1.api.DesktopImageService"},
    {"DesktopService", "yandex.cloud.clouddesktop.v1.api.DesktopService"},
    {"DesktopGroupService",
     "yandex.cloud.clouddesktop.v1.api.DesktopGroupService"},
    {"OperationService", "yandex.cloud.operation.OperationService"},
    {"IamTokenService", "yandex.cloud.iam.v1.IamTokenService"},
    {"ApiEndpointService", "yandex.cloud.endpoint.ApiEndpointService"},
};

// The short name of `name` (short or full), or empty if it is none of the
// six services.
absl::string_view ShortServiceName(absl::string_view name) {
  for (const auto& [short_name, full_name] : kServices) {
    if (name == short_name || name == full_name) return short_name;
  }
  return {};
}

const google::protobuf::ServiceDescriptor* FindService(
    absl::string_view short_name) {
  for (const auto& [s, full_name] : kServices) {
    if (s == short_name) {
      return google::protobuf::DescriptorPool::generated_pool()
          ->FindServiceByName(std::string(full_name));
    }
  }
  return nullptr;
}

absl::Status SpecError(int rule_number, absl::string_view rule,
                       absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "fault spec: ", what, " in rule ", rule_number, " (\"", rule, "\")"));
}

absl::StatusOr<absl::StatusCode> ParseCode(absl::string_view text) {
  int number = 0;
  if (absl::SimpleAtoi(text, &number)) {
    if (number >= 1 && number <= 16) {
      return static_cast<absl::StatusCode>(number);
    }
    return absl::InvalidArgumentError("out of range");
  }
  for (int i = 1; i <= 16; ++i) {
    auto code = static_cast<absl::StatusCode>(i);
    if (absl::EqualsIgnoreCase(text, absl::StatusCodeToString(code))) {
      return code;
    }
  }
  return absl::InvalidArgumentError("unknown");
}

int Specificity(const FaultRule& rule) {
  if (rule.service.empty()) return 0;
  return rule.method.empty() ? 1 : 2;
}

}  // namespace

void MethodFaults::OverrideWith(const MethodFaults& other) {
  if (other.latency) latency = other.latency;
  if (other.unavailable) unavailable = other.unavailable;
  if (other.resource_exhausted) resource_exhausted = other.resource_exhausted;
  if (other.internal) internal = other.internal;
  if (other.not_found_polls) not_found_polls = other.not_found_polls;
  if (other.op_error) op_error = other.op_error;
  if (other.health_check) health_check = other.health_check;
}

MethodFaults FaultSpec::Resolve(absl::string_view service,
                                absl::string_view method) const {
  MethodFaults result;
  for (int level = 0; level <= 2; ++level) {
    for (const FaultRule& rule : rules) {
      if (Specificity(rule) != level) continue;
      if (!rule.service.empty() && rule.service != service) continue;
      if (!rule.method.empty() && rule.method != method) continue;
      result.OverrideWith(rule.faults);
    }
  }
  return result;
}

absl::StatusOr<FaultSpec> ParseFaultSpec(absl::string_view spec) {
  FaultSpec result;
  int rule_number = 0;
  for (absl::string_view rule_text : absl::StrSplit(spec, ';')) {
    rule_text = absl::StripAsciiWhitespace(rule_text);
    if (rule_text.empty()) continue;
    ++rule_number;
    size_t colon = rule_text.find(':');
    if (colon == absl::string_view::npos) {
      return SpecError(rule_number, rule_text,
                       "missing ':' between target and faults");
    }
    FaultRule rule;
    absl::string_view target =
        absl::StripAsciiWhitespace(rule_text.substr(0, colon));
    if (target.empty()) {
      return SpecError(rule_number, rule_text, "empty target");
    }
    if (target != "*") {
      absl::string_view service = target;
      absl::string_view method;
      bool all_methods = absl::ConsumeSuffix(&service, ".*");
      if (!all_methods && ShortServiceName(service).empty()) {
        size_t dot = target.rfind('.');
        if (dot != absl::string_view::npos) {
          service = target.substr(0, dot);
          method = target.substr(dot + 1);
        }
      }
      absl::string_view short_name = ShortServiceName(service);
      if (short_name.empty()) {
        return SpecError(rule_number, rule_text,
                         absl::StrCat("unknown service \"", service, "\""));
      }
      if (!method.empty()) {
        const google::protobuf::ServiceDescriptor* descriptor =
            FindService(short_name);
        if (descriptor == nullptr ||
            descriptor->FindMethodByName(std::string(method)) == nullptr) {
          return SpecError(
              rule_number, rule_text,
              absl::StrCat("unknown method \"", method, "\" of ", short_name));
        }
      }
      rule.service = std::string(short_name);
      rule.method = std::string(method);
    }

    absl::string_view faults_text = rule_text.substr(colon + 1);
    if (absl::StripAsciiWhitespace(faults_text).empty()) {
      return SpecError(rule_number, rule_text, "no faults after ':'");
    }
    double share_sum = 0;
    for (absl::string_view fault : absl::StrSplit(faults_text, ',')) {
      fault = absl::StripAsciiWhitespace(fault);
      size_t eq = fault.find('=');
      if (eq == absl::string_view::npos) {
        return SpecError(
            rule_number, rule_text,
            absl::StrCat("fault \"", fault, "\" is not name=value"));
      }
      absl::string_view name = absl::StripAsciiWhitespace(fault.substr(0, eq));
      absl::string_view value =
          absl::StripAsciiWhitespace(fault.substr(eq + 1));
      auto bad_value = [&](absl::string_view expected) {
        return SpecError(rule_number, rule_text,
                         absl::StrCat("bad value \"", value, "\" of ", name,
                                      " (expected ", expected, ")"));
      };
      if (name == "latency" || name == "health_check") {
        absl::Duration duration;
        if (!absl::ParseDuration(value, &duration) ||
            duration < absl::ZeroDuration() ||
            duration == absl::InfiniteDuration()) {
          return bad_value("a duration such as 200ms");
        }
        (name == "latency" ? rule.faults.latency : rule.faults.health_check) =
            duration;
      } else if (name == "unavailable" || name == "resource_exhausted" ||
                 name == "internal") {
        double share = 0;
        if (!absl::SimpleAtod(value, &share) || !(share >= 0 && share <= 1)) {
          return bad_value("a share between 0 and 1");
        }
        share_sum += share;
        if (share_sum > 1 + 1e-9) {
          return SpecError(rule_number, rule_text,
                           "error shares add up to more than 1");
        }
        if (name == "unavailable") rule.faults.unavailable = share;
        if (name == "resource_exhausted") {
          rule.faults.resource_exhausted = share;
        }
        if (name == "internal") rule.faults.internal = share;
      } else if (name == "not_found_polls") {
        int count = 0;
        if (!absl::SimpleAtoi(value, &count) || count < 0) {
          return bad_value("a count >= 0");
        }
        rule.faults.not_found_polls = count;
      } else if (name == "op_error") {
        absl::StatusOr<absl::StatusCode> code = ParseCode(value);
        if (!code.ok()) {
          return bad_value("a status code name such as RESOURCE_EXHAUSTED");
        }
        rule.faults.op_error = *code;
      } else {
        return SpecError(rule_number, rule_text,
                         absl::StrCat("unknown fault \"", name, "\""));
      }
    }
    result.rules.push_back(std::move(rule));
  }
  return result;
}

}  // namespace clouddesktop::emulator
