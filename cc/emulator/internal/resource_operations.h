// ListOperations of desktops and groups: a resource's operations, newest
// first, filtered and paged like every other list.

#ifndef EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_
#define EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_

#include <string>

#include "absl/status/status.h"
#include "emulator/internal/page_token.h"
#include "emulator/internal/store.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace emulator::internal {

// Appends one page of `resource_id`'s operations to `out`. The filter may
// name id, description and done. Call inside Store::Locked.
absl::Status ListResourceOperations(
    const Records& records, const PageTokenCodec& pages,
    const std::string& request_type, const std::string& resource_id,
    int64_t page_size, const std::string& page_token, const std::string& filter,
    google::protobuf::RepeatedPtrField<yandex::cloud::operation::Operation>*
        out,
    std::string* next_page_token);

}  // namespace emulator::internal

#endif  // EMULATOR_INTERNAL_RESOURCE_OPERATIONS_H_
