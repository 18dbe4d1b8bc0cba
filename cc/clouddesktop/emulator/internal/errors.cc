#include "clouddesktop/emulator/internal/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/validation.h"
#include "google/rpc/error_details.pb.h"

namespace clouddesktop::emulator::internal {

absl::Status InvalidField(absl::string_view request_type,
                          absl::string_view field,
                          absl::string_view description,
                          absl::string_view reason) {
  absl::Status status = absl::InvalidArgumentError(
      absl::StrCat("invalid ", request_type, ": ", field, ": ", description));
  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation =
      bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(description));
  violation->set_reason(std::string(reason));
  status.SetPayload(clouddesktop::kBadRequestTypeUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status NotFound(absl::string_view kind, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat(kind, " ", id, " not found"));
}

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(status.code()));
  rpc.set_message(std::string(status.message()));
  status.ForEachPayload(
      [&rpc](absl::string_view type_url, const absl::Cord& payload) {
        google::protobuf::Any* any = rpc.add_details();
        any->set_type_url(std::string(type_url));
        any->set_value(std::string(payload));
      });
  return rpc;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()),
                      ToRpcStatus(status).SerializeAsString());
}

}  // namespace clouddesktop::emulator::internal
