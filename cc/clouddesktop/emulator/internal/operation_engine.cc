#include "clouddesktop/emulator/internal/operation_engine.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "clouddesktop/emulator/internal/errors.h"

namespace clouddesktop::emulator::internal {

using yandex::cloud::operation::Operation;

OperationEngine::OperationEngine(Store* store, Scheduler* scheduler,
                                 IdGenerator* ids, absl::Duration delay)
    : store_(store),
      scheduler_(scheduler),
      ids_(ids),
      delay_ns_(absl::ToInt64Nanoseconds(delay)) {}

void OperationEngine::set_delay(absl::Duration delay) {
  delay_ns_.store(absl::ToInt64Nanoseconds(delay));
}

Operation OperationEngine::Start(Records& records, OperationSpec spec) {
  std::string id = ids_->ResourceId(kOperationPrefix);
  absl::Time now = absl::Now();
  OperationRecord& record = records.operations[id];
  Operation& op = record.operation;
  op.set_id(id);
  op.set_description(std::move(spec.description));
  *op.mutable_created_at() = ToTimestamp(now);
  *op.mutable_modified_at() = op.created_at();
  op.set_created_by(std::move(spec.created_by));
  op.set_done(false);
  if (spec.metadata != nullptr) op.mutable_metadata()->PackFrom(*spec.metadata);
  record.resource_id = spec.resource_id;
  record.not_found_polls = spec.fault.not_found_polls;
  record.fail_with = spec.fault.op_error;
  record.complete = std::move(spec.complete);
  record.rollback = std::move(spec.rollback);
  record.fail = std::move(spec.fail);
  if (spec.fault.health_check > absl::ZeroDuration()) {
    record.begin_health_check = std::move(spec.begin_health_check);
    record.health_check = spec.fault.health_check;
  }
  records.operations_by_resource[spec.resource_id].push_back(id);
  Operation snapshot = op;
  ScheduleTimer(record, now + absl::Nanoseconds(delay_ns_.load()));
  return snapshot;
}

void OperationEngine::ScheduleTimer(OperationRecord& record, absl::Time at) {
  // May run the callback inline (shutdown), which then does nothing.
  record.timer = scheduler_->RunAt(
      at, [this, id = record.operation.id()](bool shutting_down) {
        if (!shutting_down) OnTimer(id);
      });
}

void OperationEngine::OnTimer(const std::string& id) {
  store_->Locked([&](Records& records) {
    auto it = records.operations.find(id);
    if (it == records.operations.end() || it->second.operation.done()) return;
    OperationRecord& record = it->second;
    record.timer = 0;
    if (record.begin_health_check) {
      auto begin = std::move(record.begin_health_check);
      record.begin_health_check = nullptr;
      begin(records);
      *record.operation.mutable_modified_at() = ToTimestamp(absl::Now());
      ScheduleTimer(record, absl::Now() + record.health_check);
      return;
    }
    absl::Status error;
    if (record.fail_with) {
      error = absl::Status(
          *record.fail_with,
          absl::StrCat("injected fault: operation failed with ",
                       absl::StatusCodeToString(*record.fail_with)));
    }
    Finish(records, record, std::move(error), /*cancelled=*/false);
  });
}

void OperationEngine::Finish(Records& records, OperationRecord& record,
                             absl::Status error, bool cancelled) {
  Operation& op = record.operation;
  if (error.ok()) {
    if (record.complete) record.complete(records, op);
  } else {
    if (!cancelled && record.fail) {
      record.fail(records);
    } else if (record.rollback) {
      record.rollback(records);
    }
    *op.mutable_error() = ToRpcStatus(error);
  }
  op.set_done(true);
  *op.mutable_modified_at() = ToTimestamp(absl::Now());
  // The closures may hold copies of requests; a finished operation keeps
  // only its proto.
  record.complete = nullptr;
  record.rollback = nullptr;
  record.fail = nullptr;
  record.begin_health_check = nullptr;
}

absl::StatusOr<Operation> OperationEngine::Poll(Records& records,
                                                const std::string& id) {
  auto it = records.operations.find(id);
  if (it == records.operations.end()) {
    return absl::NotFoundError(absl::StrCat("operation ", id, " not found"));
  }
  if (it->second.not_found_polls > 0) {
    --it->second.not_found_polls;
    return absl::NotFoundError(absl::StrCat("operation ", id, " not found"));
  }
  return it->second.operation;
}

absl::StatusOr<Operation> OperationEngine::Cancel(Records& records,
                                                  const std::string& id) {
  auto it = records.operations.find(id);
  if (it == records.operations.end()) {
    return absl::NotFoundError(absl::StrCat("operation ", id, " not found"));
  }
  OperationRecord& record = it->second;
  if (!record.operation.done()) {
    if (record.timer != 0) scheduler_->Cancel(record.timer);
    record.timer = 0;
    Finish(
        records, record,
        absl::CancelledError(absl::StrCat("operation ", id, " was cancelled")),
        /*cancelled=*/true);
  }
  return record.operation;
}

}  // namespace clouddesktop::emulator::internal
