// The emulator's in-memory state: resources, their operations, access
// bindings and idempotency keys, all behind one mutex so that a call sees
// and changes them atomically (an operation's completion updates the
// resource and the operation together).

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_STORE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_STORE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/emulator/internal/scheduler.h"
#include "clouddesktop/internal/mutex.h"
#include "google/protobuf/timestamp.pb.h"
#include "yandex/cloud/access/access.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop::emulator::internal {

struct Records;

// One operation and what finishing it does.
struct OperationRecord {
  yandex::cloud::operation::Operation operation;
  // The desktop, group or image it works on (for ListOperations).
  std::string resource_id;
  // OperationService.Get answers NOT_FOUND this many more times.
  int not_found_polls = 0;
  // Set by an op_error fault: finish with this error instead.
  std::optional<absl::StatusCode> fail_with;
  Scheduler::TaskId timer = 0;
  // On success: applies the change and sets operation.response.
  absl::AnyInvocable<void(Records&, yandex::cloud::operation::Operation&)>
      complete;
  // On cancellation, and on failure when `fail` is empty: undoes what
  // starting it did.
  absl::AnyInvocable<void(Records&)> rollback;
  // On an injected failure (op_error): leaves the resource in the state the
  // service documents for a failed change (a desktop CREATION_FAILED or
  // ERROR). Empty: `rollback` runs.
  absl::AnyInvocable<void(Records&)> fail;
  // Set with a health_check fault: runs when the work is done and starts
  // the health check phase, `health_check` long; the operation finishes
  // after it.
  absl::AnyInvocable<void(Records&)> begin_health_check;
  absl::Duration health_check = absl::ZeroDuration();
};

// The state. Not synchronized itself: only reachable through Store::Locked.
struct Records {
  absl::flat_hash_map<std::string,
                      yandex::cloud::clouddesktop::v1::api::DesktopImage>
      images;
  absl::flat_hash_map<std::string,
                      yandex::cloud::clouddesktop::v1::api::DesktopGroup>
      groups;
  // DesktopGroup has no image field; the image each group was created with.
  absl::flat_hash_map<std::string, std::string> group_images;
  absl::flat_hash_map<std::string,
                      std::vector<yandex::cloud::access::AccessBinding>>
      group_bindings;
  absl::flat_hash_map<std::string,
                      yandex::cloud::clouddesktop::v1::api::Desktop>
      desktops;
  absl::flat_hash_map<std::string, OperationRecord> operations;
  // Operation ids per resource, oldest first.
  absl::flat_hash_map<std::string, std::vector<std::string>>
      operations_by_resource;
  // Idempotency key -> the id of the operation it started. Kept for the
  // emulator's lifetime (emulator assumption: the guide sets no expiry).
  absl::flat_hash_map<std::string, std::string> idempotency;

  // Whether `id` names a desktop image, group, desktop or operation here.
  bool NamesResource(const std::string& id) const {
    return images.contains(id) || groups.contains(id) ||
           desktops.contains(id) || operations.contains(id);
  }

  // Whether a resource of `map` other than `except_id` has `name` in
  // `folder_id`. Empty names never clash.
  template <typename Map>
  static bool NameTaken(const Map& map, absl::string_view folder_id,
                        absl::string_view name, absl::string_view except_id) {
    if (name.empty()) return false;
    for (const auto& [id, resource] : map) {
      if (id != except_id && resource.folder_id() == folder_id &&
          resource.name() == name) {
        return true;
      }
    }
    return false;
  }
};

// Thread-safe: every access goes through Locked, which holds one mutex for
// the duration of `f`. `f` must not block; it may schedule timers.
class Store {
 public:
  template <typename F>
  decltype(auto) Locked(F&& f) {
    clouddesktop::internal::MutexLock lock(&mu_);
    return std::forward<F>(f)(records_);
  }

 private:
  clouddesktop::internal::Mutex mu_;
  Records records_ ABSL_GUARDED_BY(mu_);
};

// `time` as a protobuf Timestamp.
inline google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  google::protobuf::Timestamp timestamp;
  int64_t nanos = absl::ToUnixNanos(time);
  timestamp.set_seconds(nanos / 1000000000);
  timestamp.set_nanos(static_cast<int32_t>(nanos % 1000000000));
  return timestamp;
}

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_STORE_H_
