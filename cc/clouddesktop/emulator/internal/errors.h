// Errors as the real service sends them: an absl::Status inside the
// emulator, a grpc::Status whose binary details hold a google.rpc.Status
// (with google.rpc.BadRequest for invalid fields) on the wire.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_ERRORS_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_ERRORS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"

namespace clouddesktop::emulator::internal {

// INVALID_ARGUMENT shaped like clouddesktop::Validate's:
//   message "invalid <request_type>: <field>: <description>"
//   payload google.rpc.BadRequest{field, description, reason}.
absl::Status InvalidField(absl::string_view request_type,
                          absl::string_view field,
                          absl::string_view description,
                          absl::string_view reason);

// NOT_FOUND "<kind> <id> not found", e.g. "desktop dsk... not found".
absl::Status NotFound(absl::string_view kind, absl::string_view id);

// The google.rpc.Status of `status`: code, message, and one Any per payload
// (payload keys are type URLs).
google::rpc::Status ToRpcStatus(const absl::Status& status);

// `status` for the wire. Non-OK statuses carry ToRpcStatus(status),
// serialized, as binary details (grpc-status-details-bin).
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_ERRORS_H_
