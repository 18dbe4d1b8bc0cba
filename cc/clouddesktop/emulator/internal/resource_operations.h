// ListOperations of desktops and groups: a resource's operations, newest
// first, filtered and paged like every other list.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_

#include <string>

#include "absl/status/status.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "clouddesktop/emulator/internal/store.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop::emulator::internal {

// Appends one page of `resource_id`'s operations to `out`. The filter may
// name id, description and done. Call inside Store::Locked.
absl::Status ListResourceOperations(
    const Records& records, const PageTokenCodec& pages,
    const std::string& request_type, const std::string& resource_id,
    int64_t page_size, const std::string& page_token, const std::string& filter,
    google::protobuf::RepeatedPtrField<yandex::cloud::operation::Operation>*
        out,
    std::string* next_page_token);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_
