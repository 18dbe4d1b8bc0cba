// The library's version, the inline namespace that carries it, and the user
// agent it sends.
//
// The numbers come from the VERSION file at the root of the repository:
// //cc/clouddesktop:version_info turns it into internal/version_info.h at
// build time, so there is one place to change on a release.

#ifndef CLOUDDESKTOP_VERSION_H_
#define CLOUDDESKTOP_VERSION_H_

#include <string>

#include "absl/strings/string_view.h"
#include "clouddesktop/internal/version_info.h"

#define CLOUDDESKTOP_VCONCAT(major) v##major
#define CLOUDDESKTOP_VEVAL(major) CLOUDDESKTOP_VCONCAT(major)
// The name of the versioned inline namespace: `v<MAJOR>` (e.g. `v0`).
#define CLOUDDESKTOP_NS CLOUDDESKTOP_VEVAL(CLOUDDESKTOP_VERSION_MAJOR)

// Every symbol of the library lives in `clouddesktop::CLOUDDESKTOP_NS`, an
// inline namespace: code says `clouddesktop::DesktopClient`, while the
// linker sees `clouddesktop::v0::DesktopClient`. Two major versions can thus
// link into one binary (e.g. an application on v1 using a library built on
// v0) without one definition silently replacing the other. Do not spell the
// versioned name in your code: it changes with every major release.
//
// Use them right inside `namespace clouddesktop {`:
//   namespace clouddesktop {
//   CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
//   ...
//   CLOUDDESKTOP_INLINE_NAMESPACE_END
//   }  // namespace clouddesktop
#define CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN inline namespace CLOUDDESKTOP_NS {
#define CLOUDDESKTOP_INLINE_NAMESPACE_END } /* namespace CLOUDDESKTOP_NS */

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Semantic version of clouddesktop-cpp, e.g. "0.2.0" (see README,
// "Versioning").
inline constexpr absl::string_view kVersion = CLOUDDESKTOP_VERSION_STRING;
inline constexpr int kVersionMajor = CLOUDDESKTOP_VERSION_MAJOR;
inline constexpr int kVersionMinor = CLOUDDESKTOP_VERSION_MINOR;
inline constexpr int kVersionPatch = CLOUDDESKTOP_VERSION_PATCH;

// `clouddesktop-cpp/<version>`: the product token every channel puts in its
// user agent (after ConnectionOptions::user_agent_prefix, before gRPC's own).
inline std::string UserAgent() {
  return std::string("clouddesktop-cpp/") + std::string(kVersion);
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_VERSION_H_
