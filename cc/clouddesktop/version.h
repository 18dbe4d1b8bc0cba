// The library's version and the user agent it sends.

#ifndef CLOUDDESKTOP_VERSION_H_
#define CLOUDDESKTOP_VERSION_H_

#include <string>

#include "absl/strings/string_view.h"

namespace clouddesktop {

// Semantic version of clouddesktop-cpp.
inline constexpr absl::string_view kVersion = "0.1.0";

// `clouddesktop-cpp/<version>`: the product token every channel puts in its
// user agent (after ConnectionOptions::user_agent_prefix, before gRPC's own).
inline std::string UserAgent() {
  return std::string("clouddesktop-cpp/") + std::string(kVersion);
}

}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_VERSION_H_
