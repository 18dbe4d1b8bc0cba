// Validate() on real API requests (nested messages, repeated fields, maps,
// the status message and its BadRequest payload), and on small message types
// built at run time for the forms the public API does not use (exactly_one,
// bytes, doubles, explicit presence, map keys of other types, Any, recursive
// types, malformed options).

#include "clouddesktop/validation.h"

#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/validation_plan.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/text_format.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "tests/testing_util/allocation_counter.h"
#include "vtestgen/types.pb.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/disk.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.pb.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Readable gtest output for violations (ADL finds it here, next to the type).
void PrintTo(const FieldViolation& v, std::ostream* os) {
  *os << "{" << v.field << ", " << v.rule << ", \"" << v.description << "\"}";
}

namespace {

namespace pb = google::protobuf;
namespace api = yandex::cloud::clouddesktop::v1::api;
namespace access = yandex::cloud::access;

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

auto Violation(const std::string& field, const std::string& rule) {
  return AllOf(Field(&FieldViolation::field, field),
               Field(&FieldViolation::rule, rule));
}

auto Violation(const std::string& field, const std::string& rule,
               const std::string& description) {
  return AllOf(Field(&FieldViolation::field, field),
               Field(&FieldViolation::rule, rule),
               Field(&FieldViolation::description, description));
}

std::vector<FieldViolation> Violations(const pb::Message& message) {
  const absl::Status status = Validate(message);
  if (!status.ok()) {
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  }
  return ValidationViolations(status);
}

api::CreateDesktopRequest ValidCreateDesktop() {
  api::CreateDesktopRequest request;
  request.set_desktop_group_id("e3v8vlt7q0e3hn8ap7bk");
  request.set_name("dev-desktop-1");
  request.set_description("Desktop for the platform team");
  (*request.mutable_labels())["env"] = "prod";
  (*request.mutable_labels())["team"] = "platform";
  api::User* user = request.add_users();
  user->set_subject_id("ajeg2b2et02f8ut6c6hm");
  user->set_subject_type("userAccount");
  return request;
}

api::CreateDesktopGroupRequest ValidCreateDesktopGroup() {
  api::CreateDesktopGroupRequest request;
  request.set_folder_id("b1g0ijbfaqsn12345678");
  request.set_desktop_image_id("fdvrgmb7hkf33h9bqvdo");
  request.set_name("engineering");
  api::ResourcesSpec* resources = request.mutable_resources_spec();
  resources->set_memory(int64_t{8} << 30);
  resources->set_cores(4);
  resources->set_core_fraction(100);
  api::NetworkInterfaceSpec* network = request.mutable_network_interface_spec();
  network->set_network_id("enp0q0qqc4lbl1q2m3n4");
  network->add_subnet_ids("e9b5m6n7o8p9q0r1s2t3");
  network->add_subnet_ids("e2lq1w2e3r4t5y6u7i8o");
  request.mutable_boot_disk_spec()->set_type(api::DiskSpec::SSD);
  request.mutable_boot_disk_spec()->set_size(int64_t{64} << 30);
  api::DesktopGroupConfiguration* config = request.mutable_group_config();
  config->set_min_ready_desktops(2);
  config->set_max_desktops_amount(20);
  config->set_desktop_type(api::DesktopGroupConfiguration::PERSISTENT);
  access::Subject* member = config->add_members();
  member->set_id("ajeg2b2et02f8ut6c6hm");
  member->set_type("userAccount");
  config->mutable_lifetime()->set_time_zone("Europe/Moscow");
  config->mutable_lifetime()->set_cron_start("0 9 * * 1-5");
  (*request.mutable_labels())["env"] = "prod";
  return request;
}

access::UpdateAccessBindingsRequest ValidUpdateAccessBindings() {
  access::UpdateAccessBindingsRequest request;
  request.set_resource_id("e3v8vlt7q0e3hn8ap7bk");
  access::AccessBindingDelta* delta = request.add_access_binding_deltas();
  delta->set_action(access::ADD);
  delta->mutable_access_binding()->set_role_id("vdi.viewer");
  delta->mutable_access_binding()->mutable_subject()->set_id("ajeabc");
  delta->mutable_access_binding()->mutable_subject()->set_type("userAccount");
  return request;
}

// --- Real requests ---------------------------------------------------------

TEST(ValidateTest, ValidRequestsPass) {
  EXPECT_TRUE(Validate(ValidCreateDesktop()).ok());
  EXPECT_TRUE(Validate(ValidCreateDesktopGroup()).ok());
  EXPECT_TRUE(Validate(ValidUpdateAccessBindings()).ok());
}

TEST(ValidateTest, TypesWithoutRulesPass) {
  EXPECT_TRUE(Validate(pb::Empty()).ok());
  EXPECT_TRUE(Validate(api::Desktop()).ok());
}

// DesktopGroup.update_policy is (exactly_one) in the public API.
TEST(ValidateTest, ResourceOneofsNeedExactlyOneMember) {
  const absl::Status status = Validate(api::DesktopGroup());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("update_policy"));
  api::DesktopGroup group;
  group.mutable_manual_update_policy();
  EXPECT_TRUE(Validate(group).ok());
}

TEST(ValidateTest, MessageListsEveryViolationInFieldOrder) {
  const absl::Status status = Validate(api::CreateDesktopRequest());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "invalid yandex.cloud.clouddesktop.v1.api.CreateDesktopRequest: "
            "desktop_group_id: is required; "
            "users: number of elements must be > 0 (got 0)");
}

TEST(ValidateTest, RequiredStringMessageEnumAndList) {
  access::UpdateAccessBindingsRequest request = ValidUpdateAccessBindings();
  request.clear_resource_id();
  access::AccessBindingDelta* delta = request.mutable_access_binding_deltas(0);
  delta->set_action(access::ACCESS_BINDING_ACTION_UNSPECIFIED);
  delta->clear_access_binding();
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("resource_id", "required", "is required"),
                          Violation("access_binding_deltas[0].action",
                                    "required", "is required"),
                          Violation("access_binding_deltas[0].access_binding",
                                    "required", "is required")));
}

TEST(ValidateTest, RequiredFalseChecksNothing) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  request.clear_subnet_id();  // required = false
  EXPECT_TRUE(Validate(request).ok());
  api::GetRdpFileRequest rdp;
  rdp.set_desktop_id("e3v8vlt7q0e3hn8ap7bk");
  EXPECT_TRUE(Validate(rdp).ok());  // user: required = false
}

TEST(ValidateTest, NestedPathsThroughMessagesAndLists) {
  access::UpdateAccessBindingsRequest request = ValidUpdateAccessBindings();
  access::AccessBindingDelta* second = request.add_access_binding_deltas();
  *second = request.access_binding_deltas(0);
  second->mutable_access_binding()->mutable_subject()->clear_id();
  second->mutable_access_binding()->set_role_id(std::string(65, 'r'));
  EXPECT_THAT(
      Violations(request),
      ElementsAre(
          Violation("access_binding_deltas[1].access_binding.role_id", "length",
                    "length must be <= 64 (got 65)"),
          Violation("access_binding_deltas[1].access_binding.subject.id",
                    "required", "is required")));
}

TEST(ValidateTest, NumericValuesAndUnsetNumbers) {
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  request.mutable_resources_spec()->set_cores(-1);
  request.mutable_resources_spec()->set_core_fraction(101);
  request.mutable_group_config()->set_max_desktops_amount(513);
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("resources_spec.cores", "value",
                                    "must be >= 1 (got -1)"),
                          Violation("resources_spec.core_fraction", "value",
                                    "must be between 0 and 100 (got 101)"),
                          Violation("group_config.max_desktops_amount", "value",
                                    "must be between 0 and 512 (got 513)")));

  // 0 means "not set": memory (>=1) and DiskSpec.size (>0) are not required.
  request = ValidCreateDesktopGroup();
  request.mutable_resources_spec()->set_memory(0);
  request.mutable_boot_disk_spec()->set_size(0);
  EXPECT_TRUE(Validate(request).ok());

  api::ListDesktopsRequest list;
  list.set_folder_id("b1g0ijbfaqsn12345678");
  EXPECT_TRUE(Validate(list).ok());
  list.set_page_size(1000);
  EXPECT_TRUE(Validate(list).ok());
  list.set_page_size(1001);
  EXPECT_THAT(Violations(list), ElementsAre(Violation("page_size", "value")));
  list.set_page_size(-1);
  EXPECT_THAT(Violations(list), ElementsAre(Violation("page_size", "value")));
}

TEST(ValidateTest, UnsetMessagesAreNotEntered) {
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  request.clear_boot_disk_spec();  // DiskSpec.type is required inside.
  EXPECT_TRUE(Validate(request).ok());
  request.mutable_data_disk_spec();  // present but empty
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("data_disk_spec.type", "required")));
}

TEST(ValidateTest, RepeatedStringsSizeElementsAndUnique) {
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  api::NetworkInterfaceSpec* network = request.mutable_network_interface_spec();
  network->clear_subnet_ids();
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("network_interface_spec.subnet_ids", "size",
                                    "number of elements must be > 0 (got 0)")));

  network->add_subnet_ids("a");
  network->add_subnet_ids(std::string(51, 's'));
  network->add_subnet_ids("a");
  network->add_subnet_ids("b");
  network->add_subnet_ids("a");
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("network_interface_spec.subnet_ids[1]",
                                    "length", "length must be <= 50 (got 51)"),
                          Violation("network_interface_spec.subnet_ids[2]",
                                    "unique", "must be unique (same as [0])"),
                          Violation("network_interface_spec.subnet_ids[4]",
                                    "unique", "must be unique (same as [0])")));
}

TEST(ValidateTest, UniqueOnLongListsMatchesShortLists) {
  // Long lists take the sorting path; reports must read the same.
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  api::NetworkInterfaceSpec* network = request.mutable_network_interface_spec();
  network->clear_subnet_ids();
  for (int i = 0; i < 100; ++i) network->add_subnet_ids(absl::StrCat("s", i));
  EXPECT_TRUE(Validate(request).ok());
  network->set_subnet_ids(70, "s5");
  network->set_subnet_ids(99, "s5");
  network->set_subnet_ids(40, "s1");
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("network_interface_spec.subnet_ids[40]",
                                    "unique", "must be unique (same as [1])"),
                          Violation("network_interface_spec.subnet_ids[70]",
                                    "unique", "must be unique (same as [5])"),
                          Violation("network_interface_spec.subnet_ids[99]",
                                    "unique", "must be unique (same as [5])")));
}

TEST(ValidateTest, MapKeysAndValues) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  (*request.mutable_labels())["Env"] = "prod";
  const absl::Status status = Validate(request);
  EXPECT_EQ(status.message(),
            "invalid yandex.cloud.clouddesktop.v1.api.CreateDesktopRequest: "
            "labels[\"Env\"]: key must match [a-z][-_0-9a-z]*");
  EXPECT_THAT(ValidationViolations(status),
              ElementsAre(Violation("labels[\"Env\"]", "map_key",
                                    "key must match [a-z][-_0-9a-z]*")));

  request = ValidCreateDesktop();
  (*request.mutable_labels())["owner"] = "Jane Doe";
  (*request.mutable_labels())["note"] = std::string(64, 'x');
  (*request.mutable_labels())[""] = "x";
  (*request.mutable_labels())[std::string(64, 'k')] = "x";
  EXPECT_THAT(
      Violations(request),
      ElementsAre(
          Violation("labels[\"\"]", "map_key",
                    "key length must be between 1 and 63 (got 0)"),
          Violation("labels[\"\"]", "map_key",
                    "key must match [a-z][-_0-9a-z]*"),
          Violation(absl::StrCat("labels[\"", std::string(64, 'k'), "\"]"),
                    "map_key", "key length must be between 1 and 63 (got 64)"),
          Violation("labels[\"note\"]", "length",
                    "value length must be <= 63 (got 64)"),
          Violation("labels[\"owner\"]", "pattern",
                    "value must match [-_0-9a-z]*")));
}

TEST(ValidateTest, MapKeysAreEscapedInPaths) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  (*request.mutable_labels())["a\"b"] = "x";
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("labels[\"a\\\"b\"]", "map_key")));
}

TEST(ValidateTest, MapViolationsAreOrderedByKey) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  for (const char* key : {"Zeta", "Alpha", "Mid", "Beta", "Omega", "Kappa"}) {
    (*request.mutable_labels())[key] = "v";
  }
  std::vector<std::string> paths;
  for (const FieldViolation& v : Violations(request)) paths.push_back(v.field);
  EXPECT_THAT(paths, ElementsAre("labels[\"Alpha\"]", "labels[\"Beta\"]",
                                 "labels[\"Kappa\"]", "labels[\"Mid\"]",
                                 "labels[\"Omega\"]", "labels[\"Zeta\"]"));
}

TEST(ValidateTest, MapSize) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  request.clear_labels();
  for (int i = 0; i < 64; ++i) {
    (*request.mutable_labels())[absl::StrCat("k", i)] = "v";
  }
  EXPECT_TRUE(Validate(request).ok());
  (*request.mutable_labels())["k64"] = "v";
  EXPECT_THAT(
      Violations(request),
      ElementsAre(Violation("labels", "size",
                            "number of elements must be <= 64 (got 65)")));
}

TEST(ValidateTest, EmptyStringsAreUnsetButSetStringsAreChecked) {
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  request.clear_name();  // pattern has no empty alternative, name is unset
  EXPECT_TRUE(Validate(request).ok());
  request.set_name("Bad_Name");
  EXPECT_THAT(
      Violations(request),
      ElementsAre(Violation("name", "pattern",
                            "must match [a-z]([-a-z0-9]{0,61}[a-z0-9])")));
  request.set_name("a");  // the pattern needs two characters
  EXPECT_THAT(Violations(request), ElementsAre(Violation("name", "pattern")));
  request.set_name(std::string(63, 'a'));
  EXPECT_TRUE(Validate(request).ok());
  request.set_name(std::string(64, 'a'));
  EXPECT_THAT(Violations(request), ElementsAre(Violation("name", "pattern")));
}

TEST(ValidateTest, PatternMustMatchTheWholeValue) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  request.set_name("ok-name but not all");
  EXPECT_THAT(Violations(request), ElementsAre(Violation("name", "pattern")));
}

TEST(ValidateTest, LengthCountsCharactersNotBytes) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  std::string cyrillic;
  for (int i = 0; i < 1024; ++i) cyrillic += "\xd0\xb6";  // 2 bytes each
  request.set_description(cyrillic);
  EXPECT_TRUE(Validate(request).ok());
  request.set_description(cyrillic + "\xd0\xb6");
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("description", "length",
                                    "length must be <= 1024 (got 1025)")));
}

TEST(ValidateTest, PayloadIsABadRequest) {
  api::CreateDesktopRequest request = ValidCreateDesktop();
  request.mutable_users(0)->clear_subject_id();
  request.set_name("X");
  const absl::Status status = Validate(request);
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const absl::optional<absl::Cord> payload =
      status.GetPayload(kBadRequestTypeUrl);
  ASSERT_TRUE(payload.has_value());
  google::rpc::BadRequest details;
  ASSERT_TRUE(details.ParseFromString(std::string(*payload)));
  ASSERT_EQ(details.field_violations_size(), 2);
  EXPECT_EQ(details.field_violations(0).field(), "name");
  EXPECT_EQ(details.field_violations(0).reason(), "pattern");
  EXPECT_EQ(details.field_violations(1).field(), "users[0].subject_id");
  EXPECT_EQ(details.field_violations(1).reason(), "required");
  EXPECT_EQ(details.field_violations(1).description(), "is required");

  EXPECT_THAT(
      ValidationViolations(status),
      ElementsAre(
          FieldViolation{"name", "pattern",
                         "must match |[a-z]([-a-z0-9]{0,61}[a-z0-9])"},
          FieldViolation{"users[0].subject_id", "required", "is required"}));
  EXPECT_EQ(status.message(),
            "invalid yandex.cloud.clouddesktop.v1.api.CreateDesktopRequest: "
            "name: must match |[a-z]([-a-z0-9]{0,61}[a-z0-9]); "
            "users[0].subject_id: is required");
}

TEST(ValidateTest, ViolationsOfOtherStatuses) {
  EXPECT_THAT(ValidationViolations(absl::OkStatus()), IsEmpty());
  EXPECT_THAT(ValidationViolations(absl::InvalidArgumentError("x")), IsEmpty());
  // A BadRequest from elsewhere (e.g. the server's status details) reads the
  // same way.
  google::rpc::BadRequest details;
  auto* v = details.add_field_violations();
  v->set_field("desktop_id");
  v->set_reason("length");
  v->set_description("too long");
  absl::Status status = absl::InvalidArgumentError("server said no");
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(details.SerializeAsString()));
  EXPECT_THAT(ValidationViolations(status),
              ElementsAre(FieldViolation{"desktop_id", "length", "too long"}));
}

TEST(ValidateTest, ValidMessagesAllocateNothing) {
  if (!testing_util::AllocationCountingEnabled()) {
    GTEST_SKIP() << "allocation counting is off under the sanitizers";
  }
  const api::CreateDesktopGroupRequest group = ValidCreateDesktopGroup();
  const api::CreateDesktopRequest desktop = ValidCreateDesktop();
  const access::UpdateAccessBindingsRequest bindings =
      ValidUpdateAccessBindings();
  // The first calls build the plans (and let protobuf set up its reflection
  // view of the map fields of these objects).
  ASSERT_TRUE(Validate(group).ok());
  ASSERT_TRUE(Validate(desktop).ok());
  ASSERT_TRUE(Validate(bindings).ok());
  const long before = testing_util::AllocationCount();
  for (int i = 0; i < 100; ++i) {
    if (!Validate(group).ok() || !Validate(desktop).ok() ||
        !Validate(bindings).ok()) {
      break;
    }
  }
  EXPECT_EQ(testing_util::AllocationCount() - before, 0);
  // The counter is live: an invalid message allocates its report.
  api::CreateDesktopRequest invalid = desktop;
  invalid.clear_desktop_group_id();
  const long before_invalid = testing_util::AllocationCount();
  EXPECT_FALSE(Validate(invalid).ok());
  EXPECT_GT(testing_util::AllocationCount() - before_invalid, 0);
}

// A name with bytes that are not UTF-8 is refused by its own rule, before
// the request could be sent; the error never echoes the bytes.
TEST(ValidateTest, InvalidUtf8OnARealRequest) {
  api::CreateDesktopGroupRequest request = ValidCreateDesktopGroup();
  request.set_description("caf\xc3");
  (*request.mutable_labels())["env"] =
      "pr\xff"
      "d";
  const absl::Status status = Validate(request);
  EXPECT_THAT(
      Violations(request),
      ElementsAre(Violation("description", "utf8",
                            "must be valid UTF-8 (byte 3 of 4 is 0xc3)"),
                  Violation("labels[\"env\"]", "utf8",
                            "value must be valid UTF-8 (byte 2 of 4 is "
                            "0xff)")));
  EXPECT_EQ(status.message().find('\xff'), absl::string_view::npos);
  EXPECT_EQ(status.message().find('\xc3'), absl::string_view::npos);
}

TEST(ValidateTest, ExactlyOneOnARealRequest) {
  yandex::cloud::iam::v1::CreateIamTokenRequest request;
  EXPECT_THAT(
      Violations(request),
      ElementsAre(Violation(
          "identity", "exactly_one",
          "exactly one of yandex_passport_oauth_token, jwt must be set")));
  request.set_jwt("header.payload.signature");
  EXPECT_TRUE(Validate(request).ok());
  request.set_jwt(std::string(8001, 'j'));
  EXPECT_THAT(Violations(request), ElementsAre(Violation("jwt", "length")));
}

TEST(ValidateTest, RepeatedCallsAreStableAndConcurrent) {
  const api::CreateDesktopGroupRequest good = ValidCreateDesktopGroup();
  api::CreateDesktopGroupRequest bad = good;
  bad.mutable_resources_spec()->set_cores(-5);
  const std::string expected(Validate(bad).message());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        EXPECT_TRUE(Validate(good).ok());
        EXPECT_EQ(Validate(bad).message(), expected);
        EXPECT_TRUE(Validate(api::GetDesktopRequest()).code() ==
                    absl::StatusCode::kInvalidArgument);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
}

// --- Message types built at run time ---------------------------------------

constexpr char kDynamicProto[] = R"pb(
  name: "clouddesktop_validation_test/dynamic.proto"
  package: "vtest"
  syntax: "proto3"
  dependency: "google/protobuf/any.proto"
  dependency: "yandex/cloud/validation.proto"
  enum_type {
    name: "Kind"
    value { name: "KIND_UNSPECIFIED" number: 0 }
    value { name: "KIND_A" number: 1 }
  }
  message_type {
    name: "Item"
    field {
      name: "id"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.required]: true
        [yandex.cloud.length]: "<=5"
      }
    }
  }
  message_type {
    name: "Forms"
    field {
      name: "count"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_INT32
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "flag"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_BOOL
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "kind"
      number: 3
      label: LABEL_OPTIONAL
      type: TYPE_ENUM
      type_name: ".vtest.Kind"
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "item"
      number: 4
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".vtest.Item"
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "tags"
      number: 5
      label: LABEL_REPEATED
      type: TYPE_STRING
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "attrs"
      number: 6
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".vtest.Forms.AttrsEntry"
      options {
        [yandex.cloud.required]: true
      }
    }
    nested_type {
      name: "AttrsEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
      options { map_entry: true }
    }
  }
  message_type {
    name: "Kinds"
    field {
      name: "ratio"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_DOUBLE
      options {
        [yandex.cloud.value]: "0.5-1.5"
      }
    }
    field {
      name: "blob"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_BYTES
      options {
        [yandex.cloud.bytes]: "<=4"
        [yandex.cloud.length]: ">=2"
      }
    }
    field {
      name: "text"
      number: 3
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.bytes]: "<=4"
      }
    }
    field {
      name: "opt_count"
      number: 4
      label: LABEL_OPTIONAL
      type: TYPE_INT32
      oneof_index: 1
      proto3_optional: true
      options {
        [yandex.cloud.value]: ">=1"
      }
    }
    field {
      name: "ids"
      number: 5
      label: LABEL_REPEATED
      type: TYPE_INT64
      options {
        [yandex.cloud.unique]: true
        [yandex.cloud.value]: ">=0"
      }
    }
    field {
      name: "by_id"
      number: 6
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".vtest.Kinds.ByIdEntry"
      options {
        [yandex.cloud.map_key] { value: ">0" }
      }
    }
    field {
      name: "any"
      number: 7
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Any"
    }
    field {
      name: "token"
      number: 8
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      oneof_index: 0
      options {
        [yandex.cloud.length]: "<=3"
      }
    }
    field {
      name: "jwt"
      number: 9
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      oneof_index: 0
    }
    field {
      name: "items"
      number: 10
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".vtest.Item"
      options {
        [yandex.cloud.unique]: true
      }
    }
    field {
      name: "counts"
      number: 11
      label: LABEL_REPEATED
      type: TYPE_UINT64
      options {
        [yandex.cloud.size]: "<=2"
        [yandex.cloud.value]: "<=10"
      }
    }
    oneof_decl {
      name: "identity"
      options {
        [yandex.cloud.exactly_one]: true
      }
    }
    oneof_decl { name: "_opt_count" }
    nested_type {
      name: "ByIdEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_INT64 }
      field {
        name: "value"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_MESSAGE
        type_name: ".vtest.Item"
      }
      options { map_entry: true }
    }
  }
  message_type {
    name: "Node"
    field {
      name: "name"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.length]: "<=3"
      }
    }
    field {
      name: "children"
      number: 2
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".vtest.Node"
    }
  }
  message_type {
    name: "BadBound"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.length]: "<=abc"
      }
    }
  }
  message_type {
    name: "BadRegex"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.pattern]: "([a-z]"
      }
    }
  }
  message_type {
    name: "LengthOnInt"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_INT32
      options {
        [yandex.cloud.length]: "<=5"
      }
    }
  }
  message_type {
    name: "ValueOnString"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.value]: "1-2"
      }
    }
  }
  message_type {
    name: "SizeOnSingular"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.size]: "<=2"
      }
    }
  }
  message_type {
    name: "FractionalLength"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.length]: "<=1.5"
      }
    }
  }
  message_type {
    name: "MapKeyOnString"
    field {
      name: "f"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.map_key] { length: "<=3" }
      }
    }
  }
  message_type {
    name: "HoldsBad"
    field {
      name: "ok"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      options {
        [yandex.cloud.required]: true
      }
    }
    field {
      name: "inner"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".vtest.BadBound"
    }
  }
)pb";

// A pool of test types. Leaked on purpose: plans are keyed by descriptor
// address for the life of the process.
class DynamicTypes {
 public:
  static DynamicTypes& Get() {
    static DynamicTypes* const types = new DynamicTypes;
    return *types;
  }

  std::unique_ptr<pb::Message> Parse(const std::string& type,
                                     const std::string& text) {
    const pb::Descriptor* descriptor =
        pool_.FindMessageTypeByName(absl::StrCat("vtest.", type));
    EXPECT_NE(descriptor, nullptr) << type;
    if (descriptor == nullptr) return nullptr;
    std::unique_ptr<pb::Message> message(
        factory_.GetPrototype(descriptor)->New());
    EXPECT_TRUE(pb::TextFormat::ParseFromString(text, message.get())) << text;
    return message;
  }

 private:
  DynamicTypes() : pool_(pb::DescriptorPool::generated_pool()) {
    pb::FileDescriptorProto file;
    EXPECT_TRUE(pb::TextFormat::ParseFromString(kDynamicProto, &file));
    EXPECT_NE(pool_.BuildFile(file), nullptr);
  }

  pb::DescriptorPool pool_;
  pb::DynamicMessageFactory factory_{&pool_};
};

// The same test types as generated classes (vtestgen/types.proto), which
// validation reads directly rather than through Reflection.
std::unique_ptr<pb::Message> ParseGenerated(const std::string& type,
                                            const std::string& text) {
  // Links the generated file, so that its types can be found by name.
  static const pb::Descriptor* const linked = vtestgen::Kinds::descriptor();
  const pb::Descriptor* descriptor =
      linked->file()->pool()->FindMessageTypeByName(
          absl::StrCat("vtestgen.", type));
  EXPECT_NE(descriptor, nullptr) << type;
  if (descriptor == nullptr) return nullptr;
  std::unique_ptr<pb::Message> message(
      pb::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
  EXPECT_TRUE(pb::TextFormat::ParseFromString(text, message.get())) << text;
  return message;
}

enum class Source { kDynamic, kGenerated };

// Cases that run on both forms of the test types.
class TestTypesTest : public ::testing::TestWithParam<Source> {
 protected:
  std::vector<FieldViolation> ViolationsOf(const std::string& type,
                                           const std::string& text) {
    std::unique_ptr<pb::Message> message = Make(type, text);
    return message ? Violations(*message) : std::vector<FieldViolation>{};
  }
  std::unique_ptr<pb::Message> Make(const std::string& type,
                                    const std::string& text) {
    return GetParam() == Source::kDynamic
               ? DynamicTypes::Get().Parse(type, text)
               : ParseGenerated(type, text);
  }
};

INSTANTIATE_TEST_SUITE_P(BothForms, TestTypesTest,
                         ::testing::Values(Source::kDynamic,
                                           Source::kGenerated),
                         [](const ::testing::TestParamInfo<Source>& info) {
                           return info.param == Source::kDynamic ? "Dynamic"
                                                                 : "Generated";
                         });

TEST(ValidateTest, MapsChangedThroughReflectionAreSeen) {
  // Reflection writes a map through its repeated view of entries; the map
  // itself is brought up to date only when next read.
  api::CreateDesktopRequest request = ValidCreateDesktop();
  ASSERT_TRUE(Validate(request).ok());
  const pb::FieldDescriptor* labels =
      request.GetDescriptor()->FindFieldByName("labels");
  pb::Message* entry = request.GetReflection()->AddMessage(&request, labels);
  entry->GetReflection()->SetString(entry, entry->GetDescriptor()->map_key(),
                                    "Bad Key");
  entry->GetReflection()->SetString(entry, entry->GetDescriptor()->map_value(),
                                    "v");
  EXPECT_THAT(Violations(request),
              ElementsAre(Violation("labels[\"Bad Key\"]", "map_key",
                                    "key must match [a-z][-_0-9a-z]*")));
}

// Found by //tests/fuzz:validation_fuzzer (its corpus keeps the input). A
// key repeated on the wire leaves one map entry, the last: a message parsed
// through reflection (DynamicMessage) still holds every occurrence in its
// repeated view, and validation checked and counted them all, so the two
// forms of one message disagreed (a value the map no longer holds failed
// it; a bad key was reported once per occurrence).
TEST(ValidateTest, RepeatedMapKeysOnTheWireCountOnceWhateverTheForm) {
  api::CreateDesktopRequest first = ValidCreateDesktop();
  (*first.mutable_labels())["env"] = "Not Valid";
  (*first.mutable_labels())["Bad Key"] = "v";
  api::CreateDesktopRequest second;
  (*second.mutable_labels())["env"] = "prod";
  (*second.mutable_labels())["Bad Key"] = "w";
  // Concatenated encodings merge: each key's last entry wins.
  const std::string wire =
      first.SerializeAsString() + second.SerializeAsString();

  api::CreateDesktopRequest generated;
  ASSERT_TRUE(generated.ParseFromString(wire));
  pb::DynamicMessageFactory factory;
  std::unique_ptr<pb::Message> dynamic(
      factory.GetPrototype(api::CreateDesktopRequest::descriptor())->New());
  ASSERT_TRUE(dynamic->ParseFromString(wire));

  const auto expected = ElementsAre(Violation(
      "labels[\"Bad Key\"]", "map_key", "key must match [a-z][-_0-9a-z]*"));
  EXPECT_THAT(Violations(generated), expected);
  EXPECT_THAT(Violations(*dynamic), expected);
  EXPECT_EQ(Validate(*dynamic).message(), Validate(generated).message());
}

TEST(ValidateTest, MessagesOnAnArena) {
  pb::Arena arena;
  auto* request =
      pb::Arena::CreateMessage<api::CreateDesktopGroupRequest>(&arena);
  *request = ValidCreateDesktopGroup();
  EXPECT_TRUE(Validate(*request).ok());
  request->set_name("Engineering");
  request->mutable_group_config()->mutable_members(0)->clear_id();
  (*request->mutable_labels())["env"] = "Prod";
  EXPECT_THAT(Violations(*request),
              ElementsAre(Violation("name", "pattern"),
                          Violation("labels[\"env\"]", "pattern",
                                    "value must match [-_0-9a-z]*"),
                          Violation("group_config.members[0].id", "required")));
}

// Every proto `string` value must be UTF-8, whatever its other rules;
// `bytes` values are not text. Set through Reflection: the text format would
// refuse the bytes.
TEST_P(TestTypesTest, StringsMustBeUtf8) {
  const std::string bad = "ok\xff\xfe";
  std::unique_ptr<pb::Message> kinds = Make("Kinds", R"pb(token: "abc")pb");
  ASSERT_NE(kinds, nullptr);
  const pb::Descriptor* d = kinds->GetDescriptor();
  const pb::Reflection* r = kinds->GetReflection();
  r->SetString(kinds.get(), d->FindFieldByName("text"), bad);
  r->SetString(kinds.get(), d->FindFieldByName("jwt"), "\xc0\xaf");
  r->SetString(kinds.get(), d->FindFieldByName("blob"), "\xff\xfe\xfd");
  pb::Message* item = r->AddMessage(kinds.get(), d->FindFieldByName("items"));
  item->GetReflection()->SetString(
      item, item->GetDescriptor()->FindFieldByName("id"), "\xed\xa0\x80");
  EXPECT_THAT(
      Violations(*kinds),
      ElementsAre(
          Violation("text", "utf8",
                    "must be valid UTF-8 (byte 2 of 4 is 0xff)"),
          Violation("jwt", "utf8", "must be valid UTF-8 (byte 0 of 2 is 0xc0)"),
          Violation("items[0].id", "utf8",
                    "must be valid UTF-8 (byte 0 of 3 is 0xed)")));

  std::unique_ptr<pb::Message> forms = Make("Forms", R"pb(
    count: 1
    flag: true
    kind: KIND_A
    item { id: "x" }
  )pb");
  ASSERT_NE(forms, nullptr);
  const pb::Descriptor* fd = forms->GetDescriptor();
  const pb::Reflection* fr = forms->GetReflection();
  fr->AddString(forms.get(), fd->FindFieldByName("tags"), "fine");
  fr->AddString(forms.get(), fd->FindFieldByName("tags"), "x\x80");
  pb::Message* entry =
      fr->AddMessage(forms.get(), fd->FindFieldByName("attrs"));
  entry->GetReflection()->SetString(entry, entry->GetDescriptor()->map_key(),
                                    "k\xff");
  entry->GetReflection()->SetString(entry, entry->GetDescriptor()->map_value(),
                                    "\xe2\x82");
  EXPECT_THAT(
      Violations(*forms),
      ElementsAre(
          Violation("tags[1]", "utf8",
                    "must be valid UTF-8 (byte 1 of 2 is 0x80)"),
          Violation("attrs[\"k\\377\"]", "utf8",
                    "key must be valid UTF-8 (byte 1 of 2 is 0xff)"),
          Violation("attrs[\"k\\377\"]", "utf8",
                    "value must be valid UTF-8 (byte 0 of 2 is 0xe2)")));
}

constexpr char kValidKinds[] = R"pb(token: "abc")pb";

TEST_P(TestTypesTest, RequiredForms) {
  EXPECT_THAT(ViolationsOf("Forms", ""),
              ElementsAre(Violation("count", "required", "is required"),
                          Violation("flag", "required", "is required"),
                          Violation("kind", "required", "is required"),
                          Violation("item", "required", "is required"),
                          Violation("tags", "required", "is required"),
                          Violation("attrs", "required", "is required")));
  EXPECT_THAT(ViolationsOf("Forms", R"pb(
                count: -3
                flag: true
                kind: KIND_A
                item { id: "x" }
                tags: ""
                attrs { key: "" value: "" }
              )pb"),
              IsEmpty());
  EXPECT_THAT(ViolationsOf("Forms", R"pb(
                count: 1
                flag: true
                kind: KIND_A
                item {}
                tags: "t"
                attrs { key: "k" value: "v" }
              )pb"),
              ElementsAre(Violation("item.id", "required")));
}

TEST_P(TestTypesTest, ExactlyOne) {
  EXPECT_THAT(ViolationsOf("Kinds", ""),
              ElementsAre(Violation("identity", "exactly_one",
                                    "exactly one of token, jwt must be set")));
  EXPECT_THAT(ViolationsOf("Kinds", R"pb(jwt: "")pb"), IsEmpty());
  EXPECT_THAT(ViolationsOf("Kinds", R"pb(token: "abcd")pb"),
              ElementsAre(Violation("token", "length")));
  // A oneof member is "set" even when empty, and then checked as it is.
  EXPECT_THAT(ViolationsOf("Kinds", R"pb(token: "")pb"), IsEmpty());
}

TEST_P(TestTypesTest, DoublesBytesAndByteCounts) {
  EXPECT_THAT(ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(
                             ratio: 1.5
                             blob: "\x01\x02\x03\x04"
                             text: "abcd"
                           )pb")),
              IsEmpty());
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(
                     ratio: 1.6
                     blob: "\x01\x02\x03\x04\x05"
                     text: "\xd0\xb6\xd0\xb6\xd0\xb6"
                   )pb")),
      ElementsAre(
          Violation("ratio", "value", "must be between 0.5 and 1.5 (got 1.6)"),
          Violation("blob", "bytes", "size in bytes must be <= 4 (got 5)"),
          Violation("text", "bytes", "size in bytes must be <= 4 (got 6)")));
  // length on bytes counts bytes.
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(blob: "\xd0")pb")),
      ElementsAre(Violation("blob", "length", "length must be >= 2 (got 1)")));
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(ratio: nan)pb")),
      ElementsAre(Violation("ratio", "value")));
}

TEST_P(TestTypesTest, ExplicitPresenceChecksSetZero) {
  EXPECT_THAT(ViolationsOf("Kinds", kValidKinds), IsEmpty());
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(opt_count: 0)pb")),
      ElementsAre(Violation("opt_count", "value", "must be >= 1 (got 0)")));
}

TEST_P(TestTypesTest, RepeatedNumbers) {
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(
                     ids: [ 3, -1, 3, 0, 0 ]
                     counts: [ 1, 11, 18446744073709551615 ]
                   )pb")),
      ElementsAre(Violation("ids[1]", "value", "must be >= 0 (got -1)"),
                  Violation("ids[2]", "unique", "must be unique (same as [0])"),
                  Violation("ids[4]", "unique", "must be unique (same as [3])"),
                  Violation("counts", "size",
                            "number of elements must be <= 2 (got 3)"),
                  Violation("counts[1]", "value", "must be <= 10 (got 11)"),
                  Violation("counts[2]", "value",
                            "must be <= 10 (got 18446744073709551615)")));
}

TEST_P(TestTypesTest, UniqueMessages) {
  EXPECT_THAT(ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(
                             items { id: "a" }
                             items { id: "b" }
                             items { id: "a" }
                           )pb")),
              ElementsAre(Violation("items[2]", "unique",
                                    "must be unique (same as [0])")));
}

TEST_P(TestTypesTest, IntegerMapKeysAndMessageValues) {
  EXPECT_THAT(
      ViolationsOf("Kinds", absl::StrCat(kValidKinds, R"pb(
                     by_id {
                       key: 7
                       value { id: "ok" }
                     }
                     by_id {
                       key: -2
                       value { id: "toolong" }
                     }
                     by_id {
                       key: 3
                       value {}
                     }
                   )pb")),
      ElementsAre(Violation("by_id[-2]", "map_key", "key must be > 0 (got -2)"),
                  Violation("by_id[-2].id", "length"),
                  Violation("by_id[3].id", "required")));
}

TEST(DynamicValidateTest, AnyIsNeverOpened) {
  std::unique_ptr<pb::Message> bad_item =
      DynamicTypes::Get().Parse("Item", R"pb(id: "much too long")pb");
  ASSERT_FALSE(Validate(*bad_item).ok());
  pb::Any any;
  any.set_type_url("type.googleapis.com/vtest.Item");
  any.set_value(bad_item->SerializeAsString());
  std::unique_ptr<pb::Message> kinds =
      DynamicTypes::Get().Parse("Kinds", kValidKinds);
  kinds->GetReflection()
      ->MutableMessage(kinds.get(),
                       kinds->GetDescriptor()->FindFieldByName("any"))
      ->ParseFromString(any.SerializeAsString());
  EXPECT_TRUE(Validate(*kinds).ok());
}

TEST_P(TestTypesTest, RecursiveTypes) {
  EXPECT_THAT(ViolationsOf("Node", R"pb(
                name: "a"
                children {
                  name: "b"
                  children { name: "c" }
                }
                children { children { children { name: "long" } } }
              )pb"),
              ElementsAre(Violation("children[1].children[0].children[0].name",
                                    "length")));
}

TEST(DynamicValidateTest, MalformedOptionsAreInternalErrors) {
  struct Case {
    const char* type;
    const char* expected;
  };
  for (const Case& c : std::vector<Case>{
           {"BadBound", "vtest.BadBound.f: (yandex.cloud.length) = \"<=abc\""},
           {"BadRegex",
            "vtest.BadRegex.f: (yandex.cloud.pattern) = \"([a-z]\""},
           {"LengthOnInt",
            "(yandex.cloud.length) = \"<=5\": applies only to "
            "string and bytes values"},
           {"ValueOnString",
            "(yandex.cloud.value) = \"1-2\": applies only to "
            "numeric and enum values"},
           {"SizeOnSingular",
            "(yandex.cloud.size) = \"<=2\": applies only to "
            "repeated and map fields"},
           {"FractionalLength", "counts must be integers"},
           {"MapKeyOnString", "(yandex.cloud.map_key)"},
           {"HoldsBad", "vtest.BadBound.f: (yandex.cloud.length) = \"<=abc\""},
       }) {
    std::unique_ptr<pb::Message> message =
        DynamicTypes::Get().Parse(c.type, "");
    // Twice: the error is cached with the plan, not reported once and lost.
    for (int i = 0; i < 2; ++i) {
      const absl::Status status = Validate(*message);
      EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << c.type;
      EXPECT_THAT(status.message(), HasSubstr(c.expected)) << c.type;
      EXPECT_THAT(status.message(), HasSubstr("bad validation option on"));
    }
  }
}

TEST(DynamicValidateTest, OptionsOfAPoolThatDoesNotKnowTheExtensions) {
  // A pool that has never loaded yandex/cloud/validation.proto (the emulator
  // may build its types from descriptors at run time): the rules must still
  // be read.
  pb::FileDescriptorProto file;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      R"pb(
        name: "clouddesktop_validation_test/unknown.proto"
        package: "vtest2"
        syntax: "proto3"
        message_type {
          name: "M"
          field { name: "f" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
        }
      )pb",
      &file));
  pb::FieldOptions* options =
      file.mutable_message_type(0)->mutable_field(0)->mutable_options();
  options->SetExtension(yandex::cloud::length, "<=2");
  static pb::DescriptorPool* const pool = new pb::DescriptorPool;
  static pb::DynamicMessageFactory* const factory =
      new pb::DynamicMessageFactory(pool);
  pb::FileDescriptorProto copy;
  ASSERT_TRUE(copy.ParseFromString(file.SerializeAsString()));
  ASSERT_NE(pool->BuildFile(copy), nullptr);
  const pb::Descriptor* descriptor = pool->FindMessageTypeByName("vtest2.M");
  std::unique_ptr<pb::Message> message(
      factory->GetPrototype(descriptor)->New());
  message->GetReflection()->SetString(message.get(), descriptor->field(0),
                                      "abc");
  EXPECT_THAT(Violations(*message), ElementsAre(Violation("f", "length")));
}

}  // namespace
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
