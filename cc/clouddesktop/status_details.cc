#include "clouddesktop/status_details.h"

#include <string>

#include "google/rpc/status.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

std::vector<google::protobuf::Any> ErrorDetails(const absl::Status& status) {
  std::vector<google::protobuf::Any> out;
  auto payload = status.GetPayload(kRpcStatusPayloadUrl);
  if (!payload.has_value()) return out;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(std::string(*payload))) return out;
  out.assign(rpc.details().begin(), rpc.details().end());
  return out;
}

std::optional<std::string> IncompleteWaitOperationId(
    const absl::Status& status) {
  auto payload = status.GetPayload(kWaitIncompletePayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
