// Resource names to ids: the images, groups and desktops of a folder looked
// up by name, as the Yandex Cloud Go SDK's `sdkresolvers` and the `yc` CLI's
// `--name` flags do.
//
//   cd::DesktopGroupClient groups(connections);
//   absl::StatusOr<std::string> id =
//       cd::ResolveDesktopGroupId(groups, "b1g...", "team");
//   if (!id.ok()) return id.status();  // NOT_FOUND, FAILED_PRECONDITION, ...

#ifndef CLOUDDESKTOP_NAME_RESOLVER_H_
#define CLOUDDESKTOP_NAME_RESOLVER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The id of the one resource named `name` in folder `folder_id`.
//
// One List call (more only if the server ignores the filter and pages) with
// `filter = NameFilter(name)`, the one filter every List of the service
// documents (a condition on `name`); the answer is checked again here, so
// only exact matches count. Errors:
//  - INVALID_ARGUMENT: `folder_id` or `name` is empty (nothing is sent);
//  - NOT_FOUND: no resource of that name in the folder;
//  - FAILED_PRECONDITION: several (names of images and desktops need not be
//    unique); the message names their ids, so the caller can pick one;
//  - the List call's own error (it names the method and request id).
//
// Blocking (do not call from a continuation); retried as List calls are.
// Thread safety: as the client's methods (const, concurrent calls fine).
absl::StatusOr<std::string> ResolveDesktopImageId(
    const DesktopImageClient& client, absl::string_view folder_id,
    absl::string_view name, CallOptions options = {});
absl::StatusOr<std::string> ResolveDesktopGroupId(
    const DesktopGroupClient& client, absl::string_view folder_id,
    absl::string_view name, CallOptions options = {});
absl::StatusOr<std::string> ResolveDesktopId(const DesktopClient& client,
                                             absl::string_view folder_id,
                                             absl::string_view name,
                                             CallOptions options = {});

// The List filter that selects `name`: `name="<name>"`, with `"` and `\`
// backslash-escaped.
std::string NameFilter(absl::string_view name);

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_NAME_RESOLVER_H_
