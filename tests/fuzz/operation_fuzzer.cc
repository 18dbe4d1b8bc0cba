// Fuzz target: unpacking operations (clouddesktop/operation.h) whatever a
// server put in them. Input: an Operation's wire encoding, so `response`,
// `metadata` and the error's details are arbitrary Any payloads (any type
// URL, any bytes).
//
// Properties: OperationResult and OperationMetadata never crash; a result
// is OK only for a done operation without an error whose response has the
// declared type (or for Empty); an error names the operation; a failed
// operation is never reported as success, whatever its code; ErrorInfo
// reads every status produced.
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "clouddesktop/error_info.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/status_details.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/stubs/logging.h"
#include "tests/fuzz/fuzz_check.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::yandex::cloud::operation::Operation;

void CheckError(const Operation& op, const absl::Status& status) {
  FUZZ_CHECK(!status.ok());
  FUZZ_CHECK(absl::StrContains(status.message(), op.id()));
  clouddesktop::ErrorInfo info = clouddesktop::FromStatus(status);
  FUZZ_CHECK(info.code == status.code());
  info.ToString();
  clouddesktop::ErrorDetails(status);
  clouddesktop::IncompleteWaitOperationId(status);
}

template <typename Response>
void CheckResult(const Operation& op) {
  absl::StatusOr<Response> result = clouddesktop::OperationResult<Response>(op);
  if (!result.ok()) {
    CheckError(op, result.status());
    return;
  }
  FUZZ_CHECK(op.done());
  FUZZ_CHECK(!op.has_error());
  if (!std::is_same<Response, google::protobuf::Empty>::value) {
    FUZZ_CHECK(op.response().Is<Response>());
  }
}

template <typename Metadata>
void CheckMetadata(const Operation& op) {
  absl::StatusOr<Metadata> metadata =
      clouddesktop::OperationMetadata<Metadata>(op);
  if (!metadata.ok()) {
    CheckError(op, metadata.status());
    return;
  }
  FUZZ_CHECK(op.metadata().Is<Metadata>());
}

}  // namespace

// protobuf logs every string field with invalid UTF-8 it rejects: at
// thousands of inputs a second that is all the output and most of the time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Operation op;
  if (!op.ParseFromArray(data, static_cast<int>(size))) return 0;
  CheckResult<api::Desktop>(op);
  CheckResult<api::DesktopImage>(op);
  CheckResult<api::DesktopGroup>(op);
  CheckResult<api::ResetPasswordResponse>(op);
  CheckResult<google::protobuf::Empty>(op);
  CheckMetadata<api::CreateDesktopMetadata>(op);
  CheckMetadata<api::DeleteDesktopMetadata>(op);
  CheckMetadata<api::UpdateDesktopGroupMetadata>(op);
  CheckMetadata<api::DeleteDesktopImageMetadata>(op);
  return 0;
}
