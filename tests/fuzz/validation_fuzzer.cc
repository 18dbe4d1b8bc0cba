// Fuzz target: the validation engine (clouddesktop/validation.h) on
// arbitrary messages of every request type of the API's services. Input:
// the first byte picks the request type (methods of DesktopImageService,
// DesktopService, DesktopGroupService and OperationService in declaration
// order), the rest is that message's wire encoding.
//
// Properties: Validate returns OK or INVALID_ARGUMENT (INTERNAL would mean
// a malformed rule in the .proto files, which no input can cause); a
// rejection lists at least one violation, each naming a field and a rule;
// and the generated-class fast path agrees exactly with the reflection path
// that DynamicMessage takes.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clouddesktop/validation.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/message.h"
#include "google/protobuf/stubs/logging.h"
#include "tests/fuzz/fuzz_check.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace pb = ::google::protobuf;

// Every distinct request type, in a stable order (the seed corpus's first
// bytes index this list).
const std::vector<const pb::Descriptor*>& RequestTypes() {
  static const auto* const kTypes = [] {
    auto* types = new std::vector<const pb::Descriptor*>;
    const pb::FileDescriptor* files[] = {
        api::ListDesktopImagesRequest::descriptor()->file(),
        api::GetDesktopRequest::descriptor()->file(),
        api::GetDesktopGroupRequest::descriptor()->file(),
        yandex::cloud::operation::GetOperationRequest::descriptor()->file(),
    };
    for (const pb::FileDescriptor* file : files) {
      for (int s = 0; s < file->service_count(); ++s) {
        const pb::ServiceDescriptor* service = file->service(s);
        for (int m = 0; m < service->method_count(); ++m) {
          const pb::Descriptor* input = service->method(m)->input_type();
          bool seen = false;
          for (const pb::Descriptor* t : *types) seen = seen || t == input;
          if (!seen) types->push_back(input);
        }
      }
    }
    return types;
  }();
  return *kTypes;
}

}  // namespace

// protobuf logs every string field with invalid UTF-8 it rejects: at
// thousands of inputs a second that is all the output and most of the time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::vector<const pb::Descriptor*>& types = RequestTypes();
  FUZZ_CHECK(types.size() > 20);
  const pb::Descriptor* type = types[data[0] % types.size()];
  const char* wire = reinterpret_cast<const char*>(data + 1);
  int wire_size = static_cast<int>(size - 1);

  std::unique_ptr<pb::Message> generated(
      pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!generated->ParseFromArray(wire, wire_size)) return 0;
  absl::Status status = clouddesktop::Validate(*generated);
  FUZZ_CHECK(status.ok() ||
             status.code() == absl::StatusCode::kInvalidArgument);
  std::vector<clouddesktop::FieldViolation> violations =
      clouddesktop::ValidationViolations(status);
  FUZZ_CHECK(status.ok() == violations.empty());
  for (const clouddesktop::FieldViolation& v : violations) {
    FUZZ_CHECK(!v.field.empty());
    FUZZ_CHECK(!v.rule.empty());
    FUZZ_CHECK(!v.description.empty());
  }

  // The same bytes through reflection: a DynamicMessage of the same type.
  pb::DynamicMessageFactory factory;
  std::unique_ptr<pb::Message> dynamic(factory.GetPrototype(type)->New());
  FUZZ_CHECK(dynamic->ParseFromArray(wire, wire_size));
  absl::Status dynamic_status = clouddesktop::Validate(*dynamic);
  if (dynamic_status.code() != status.code() ||
      dynamic_status.message() != status.message()) {
    std::fprintf(stderr, "%s\n%s\ngenerated: %s\ndynamic:   %s\n",
                 type->full_name().c_str(), generated->DebugString().c_str(),
                 status.ToString().c_str(), dynamic_status.ToString().c_str());
    FUZZ_CHECK(false && "the two validation paths disagree");
  }
  return 0;
}
