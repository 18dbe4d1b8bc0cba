// The result of a Connection virtual that an implementation does not
// override (the defaults in desktop_connection.cc etc.).

#ifndef CLOUDDESKTOP_INTERNAL_UNIMPLEMENTED_H_
#define CLOUDDESKTOP_INTERNAL_UNIMPLEMENTED_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// UNIMPLEMENTED naming `method` (`Class::Method`).
inline absl::Status NotImplementedError(absl::string_view method) {
  return absl::UnimplementedError(
      absl::StrCat(method,
                   " is not implemented by this connection (an "
                   "implementation, fake or mock that does not override it)"));
}

// A ready future holding NotImplementedError(method).
template <typename T>
Future<absl::StatusOr<T>> UnimplementedFuture(absl::string_view method) {
  return MakeReadyFuture(absl::StatusOr<T>(NotImplementedError(method)));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_UNIMPLEMENTED_H_
