#include "clouddesktop/emulator/internal/compute_catalog.h"

#include <utility>

#include "absl/strings/ascii.h"

namespace clouddesktop::emulator::internal {

ComputeCatalog::ComputeCatalog(std::vector<ComputeImage> images)
    : images_(std::move(images)) {}

std::optional<ComputeImage> ComputeCatalog::Find(absl::string_view id) const {
  if (images_.empty()) {
    if (!IsResourceIdShaped(id)) return std::nullopt;
    ComputeImage image;
    image.id = std::string(id);
    return image;
  }
  for (const ComputeImage& image : images_) {
    if (image.id == id) return image;
  }
  return std::nullopt;
}

bool IsResourceIdShaped(absl::string_view id) {
  if (id.size() != 20) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'z')) return false;
  }
  return true;
}

}  // namespace clouddesktop::emulator::internal
