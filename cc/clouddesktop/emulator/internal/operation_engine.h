// Long-running operations: started by mutating calls, completed by a timer
// after the configured delay (or failed by a fault, or cancelled), polled
// through OperationService and listed per resource. With a health_check
// fault, an operation that brings a desktop up runs a second phase of that
// length (the desktop is HEALTH_CHECK) before it finishes.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_ENGINE_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_ENGINE_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/emulator/internal/fault_injector.h"
#include "clouddesktop/emulator/internal/id_generator.h"
#include "clouddesktop/emulator/internal/scheduler.h"
#include "clouddesktop/emulator/internal/store.h"
#include "google/protobuf/message.h"

namespace clouddesktop::emulator::internal {

struct OperationSpec {
  std::string description;
  std::string resource_id;
  // The method's declared metadata message.
  const google::protobuf::Message* metadata = nullptr;
  std::string created_by;
  OperationFault fault;
  // See OperationRecord.
  absl::AnyInvocable<void(Records&, yandex::cloud::operation::Operation&)>
      complete;
  absl::AnyInvocable<void(Records&)> rollback;
  absl::AnyInvocable<void(Records&)> fail;
  absl::AnyInvocable<void(Records&)> begin_health_check;
};

// Thread-safe. Methods taking `Records&` must be called inside
// Store::Locked of the store given to the constructor; the engine's timers
// take that lock themselves. Cost: one scheduler entry per running
// operation, no thread.
class OperationEngine {
 public:
  OperationEngine(Store* store, Scheduler* scheduler, IdGenerator* ids,
                  absl::Duration delay);

  void set_delay(absl::Duration delay);

  // Registers a running operation (done = false) that finishes after the
  // delay; returns its current state.
  yandex::cloud::operation::Operation Start(Records& records,
                                            OperationSpec spec);

  // The operation's current state for OperationService.Get: NOT_FOUND if
  // unknown or while not_found_polls lasts.
  absl::StatusOr<yandex::cloud::operation::Operation> Poll(
      Records& records, const std::string& id);

  // Cancels a running operation (it finishes with CANCELLED and rolls
  // back); a finished one is returned unchanged. NOT_FOUND if unknown.
  absl::StatusOr<yandex::cloud::operation::Operation> Cancel(
      Records& records, const std::string& id);

 private:
  // `cancelled`: by OperationService.Cancel (rollback), not by a fault.
  void Finish(Records& records, OperationRecord& record, absl::Status error,
              bool cancelled);
  void ScheduleTimer(OperationRecord& record, absl::Time at);
  void OnTimer(const std::string& id);

  Store* store_;
  Scheduler* scheduler_;
  IdGenerator* ids_;
  std::atomic<int64_t> delay_ns_;
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_OPERATION_ENGINE_H_
