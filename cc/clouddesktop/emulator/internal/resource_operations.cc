#include "clouddesktop/emulator/internal/resource_operations.h"

#include <vector>

#include "clouddesktop/emulator/internal/listing.h"

namespace clouddesktop::emulator::internal {

absl::Status ListResourceOperations(
    const Records& records, const PageTokenCodec& pages,
    const std::string& request_type, const std::string& resource_id,
    int64_t page_size, const std::string& page_token, const std::string& filter,
    google::protobuf::RepeatedPtrField<yandex::cloud::operation::Operation>*
        out,
    std::string* next_page_token) {
  std::vector<const google::protobuf::Message*> items;
  auto ids = records.operations_by_resource.find(resource_id);
  if (ids != records.operations_by_resource.end()) {
    // Stored oldest first; listed newest first.
    for (auto it = ids->second.rbegin(); it != ids->second.rend(); ++it) {
      auto op = records.operations.find(*it);
      if (op != records.operations.end())
        items.push_back(&op->second.operation);
    }
  }
  ListQuery query{request_type,
                  "operations?resource_id=" + resource_id,
                  page_size,
                  page_token,
                  filter,
                  "",
                  // The reference gives ListOperations the filter text of
                  // the resource lists ("filtering only on [Desktop.name]");
                  // an Operation has no name, so `name` compares as "".
                  {"name"},
                  {},
                  ""};
  absl::Status status = Paginate(query, pages, &items, next_page_token);
  if (!status.ok()) return status;
  for (const google::protobuf::Message* item : items)
    out->Add()->CopyFrom(*item);
  return absl::OkStatus();
}

}  // namespace clouddesktop::emulator::internal
