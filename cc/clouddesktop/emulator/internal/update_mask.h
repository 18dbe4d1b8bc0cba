// Update methods: which fields a request changes and copying them onto a
// resource. As the API reference states for every Update of the service
// (e.g. cloud-desktop/api-ref/DesktopGroup/update): "If updateMask is not
// sent in the request, all fields' values will be updated. Fields specified
// in the request will be updated to provided values. The rest of the fields
// will be reset to the default."

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_UPDATE_MASK_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_UPDATE_MASK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace clouddesktop::emulator::internal {

// The paths `request` changes. A path is one of `updatable` (top-level
// field names of the request), optionally followed by ".subfield..." into a
// singular message field. With an empty mask: every updatable field, set in
// the request or not (unset ones reset the resource's to the default).
// INVALID_ARGUMENT naming update_mask and the path for anything else.
// Stateless; thread-safe.
absl::StatusOr<std::vector<std::string>> ResolveUpdatePaths(
    const google::protobuf::Message& request,
    const google::protobuf::FieldMask& mask,
    absl::Span<const absl::string_view> updatable);

// Copies the fields at `paths` from `request` onto `resource`, where the
// resource has a field of the same name and shape (others are skipped):
// scalars are set, messages, lists and maps replaced; a message field unset
// in the request clears the resource's. Stateless; thread-safe.
void ApplyUpdatePaths(const google::protobuf::Message& request,
                      absl::Span<const std::string> paths,
                      google::protobuf::Message* resource);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_UPDATE_MASK_H_
