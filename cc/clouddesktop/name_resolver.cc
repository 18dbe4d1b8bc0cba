#include "clouddesktop/name_resolver.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

// Ids named in a FAILED_PRECONDITION message; the count is always exact.
constexpr size_t kIdsShown = 5;

// `status` with `context: ` in front of its message; code and payloads
// (request ids, error details) kept.
absl::Status WithContext(const absl::Status& status,
                         absl::string_view context) {
  absl::Status out(status.code(),
                   absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& value) {
    out.SetPayload(url, value);
  });
  return out;
}

// `what`: "desktop image", for messages.
template <typename Item>
absl::StatusOr<std::string> Resolve(PaginationRange<Item> items,
                                    absl::string_view what,
                                    absl::string_view folder_id,
                                    absl::string_view name) {
  std::vector<std::string> ids;
  for (const absl::StatusOr<Item>& item : items) {
    if (!item.ok()) {
      return WithContext(item.status(),
                         absl::StrCat("resolving ", what, " name \"", name,
                                      "\" in folder ", folder_id));
    }
    if (item->name() == name) ids.push_back(item->id());
  }
  if (ids.empty()) {
    return absl::NotFoundError(absl::StrCat("no ", what, " named \"", name,
                                            "\" in folder ", folder_id));
  }
  if (ids.size() > 1) {
    size_t shown = std::min(ids.size(), kIdsShown);
    return absl::FailedPreconditionError(absl::StrCat(
        ids.size(), " ", what, "s are named \"", name, "\" in folder ",
        folder_id, " (", absl::StrJoin(ids.begin(), ids.begin() + shown, ", "),
        ids.size() > shown ? ", ..." : "", "): give the id instead"));
  }
  return std::move(ids.front());
}

absl::Status CheckArguments(absl::string_view what, absl::string_view folder_id,
                            absl::string_view name) {
  if (folder_id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "resolving ", what, " name \"", name, "\": no folder id given"));
  }
  if (name.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("resolving a ", what, " name: the name is empty"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string NameFilter(absl::string_view name) {
  std::string filter = "name=\"";
  for (char c : name) {
    if (c == '"' || c == '\\') filter += '\\';
    filter += c;
  }
  return filter + "\"";
}

absl::StatusOr<std::string> ResolveDesktopImageId(
    const DesktopImageClient& client, absl::string_view folder_id,
    absl::string_view name, CallOptions options) {
  constexpr absl::string_view kWhat = "desktop image";
  if (auto s = CheckArguments(kWhat, folder_id, name); !s.ok()) return s;
  api::ListDesktopImagesRequest request;
  request.set_folder_id(std::string(folder_id));
  request.set_filter(NameFilter(name));
  return Resolve(client.ListDesktopImages(std::move(request), options), kWhat,
                 folder_id, name);
}

absl::StatusOr<std::string> ResolveDesktopGroupId(
    const DesktopGroupClient& client, absl::string_view folder_id,
    absl::string_view name, CallOptions options) {
  constexpr absl::string_view kWhat = "desktop group";
  if (auto s = CheckArguments(kWhat, folder_id, name); !s.ok()) return s;
  api::ListDesktopGroupsRequest request;
  request.set_folder_id(std::string(folder_id));
  request.set_filter(NameFilter(name));
  return Resolve(client.ListDesktopGroups(std::move(request), options), kWhat,
                 folder_id, name);
}

absl::StatusOr<std::string> ResolveDesktopId(const DesktopClient& client,
                                             absl::string_view folder_id,
                                             absl::string_view name,
                                             CallOptions options) {
  constexpr absl::string_view kWhat = "desktop";
  if (auto s = CheckArguments(kWhat, folder_id, name); !s.ok()) return s;
  api::ListDesktopsRequest request;
  request.set_folder_id(std::string(folder_id));
  request.set_filter(NameFilter(name));
  return Resolve(client.ListDesktops(std::move(request), options), kWhat,
                 folder_id, name);
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
