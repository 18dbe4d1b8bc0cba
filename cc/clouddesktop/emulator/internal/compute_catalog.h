// The Compute Cloud images DesktopImageService.Copy can copy from.
//
// The real Copy turns a Compute Cloud image into a desktop image
// (CopyDesktopImageRequest.image_id: "ID of the compute image to copy the
// image from"). The emulator runs no Compute Cloud, so it keeps a catalogue:
// either open (the default: every id shaped like a Yandex Cloud resource id
// names an image, so a test can copy the image its production configuration
// names with no setup) or closed (exactly the images the options declare, so
// a test can reach NOT_FOUND with an id of the right shape).

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_COMPUTE_CATALOG_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_COMPUTE_CATALOG_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "clouddesktop/emulator/emulator.h"

namespace clouddesktop::emulator::internal {

// Immutable after construction: safe to share between threads.
class ComputeCatalog {
 public:
  // `images` empty: the open catalogue.
  explicit ComputeCatalog(std::vector<ComputeImage> images);

  // The image `id` names, or nullopt if there is none. In the open
  // catalogue, an id names an image when it has the shape of a resource id
  // (20 lowercase Latin letters and digits); the caller excludes ids that
  // name the emulator's own resources, which are not Compute images.
  std::optional<ComputeImage> Find(absl::string_view id) const;

 private:
  std::vector<ComputeImage> images_;
};

// Whether `id` has the shape of a Yandex Cloud resource id: 20 characters,
// lowercase Latin letters and digits.
bool IsResourceIdShaped(absl::string_view id);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_COMPUTE_CATALOG_H_
