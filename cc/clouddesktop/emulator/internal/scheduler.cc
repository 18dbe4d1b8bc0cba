#include "clouddesktop/emulator/internal/scheduler.h"

#include <utility>

#include "clouddesktop/internal/mutex.h"
namespace clouddesktop::emulator::internal {

Scheduler::Scheduler() : thread_([this] { Loop(); }) {}

Scheduler::~Scheduler() { Shutdown(); }

Scheduler::TaskId Scheduler::RunAt(absl::Time when, Callback callback) {
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    if (!stopping_) {
      TaskId id = next_id_++;
      bool earliest = heap_.empty() || when < heap_.top().when;
      heap_.push(Entry{when, id});
      callbacks_.emplace(id, std::move(callback));
      // Only a new earliest deadline changes how long the thread sleeps.
      if (earliest) wakeup_.Signal();
      return id;
    }
  }
  std::move(callback)(true);
  return 0;
}

bool Scheduler::Cancel(TaskId id) {
  Callback dropped;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    auto it = callbacks_.find(id);
    if (it == callbacks_.end()) return false;
    dropped = std::move(it->second);
    callbacks_.erase(it);
  }
  return true;  // `dropped` is destroyed here, unlocked
}

size_t Scheduler::pending() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return callbacks_.size();
}

void Scheduler::Loop() {
  mu_.Lock();
  while (!stopping_) {
    while (!heap_.empty() && !callbacks_.contains(heap_.top().id)) {
      heap_.pop();  // cancelled
    }
    if (heap_.empty()) {
      wakeup_.Wait(&mu_);
      continue;
    }
    Entry top = heap_.top();
    if (top.when > absl::Now()) {
      wakeup_.WaitWithDeadline(&mu_, top.when);
      continue;
    }
    heap_.pop();
    auto it = callbacks_.find(top.id);
    Callback callback = std::move(it->second);
    callbacks_.erase(it);
    mu_.Unlock();
    std::move(callback)(false);
    callback = nullptr;  // destroy captured state before relocking
    mu_.Lock();
  }
  mu_.Unlock();
}

void Scheduler::Shutdown() {
  clouddesktop::internal::MutexLock serialize(&shutdown_mu_);
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    if (stopped_) return;
    stopping_ = true;
    wakeup_.Signal();
  }
  thread_.join();
  // Anything scheduled from now on runs inline (see RunAt); drain the rest.
  std::vector<Callback> drained;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    while (!heap_.empty()) {
      auto it = callbacks_.find(heap_.top().id);
      heap_.pop();
      if (it == callbacks_.end()) continue;
      drained.push_back(std::move(it->second));
      callbacks_.erase(it);
    }
    stopped_ = true;
  }
  for (Callback& callback : drained) std::move(callback)(true);
}

}  // namespace clouddesktop::emulator::internal
