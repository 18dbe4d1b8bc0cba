#include "clouddesktop/internal/executor.h"

#include <pthread.h>

#include <algorithm>

#include "absl/time/clock.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/simulated_clock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {
thread_local const Executor* tls_current_executor = nullptr;
}  // namespace

Executor::Executor(int thread_count, std::shared_ptr<const Clock> clock)
    : thread_count_(thread_count),
      clock_(clock ? std::move(clock) : SystemClock()),
      simulated_(dynamic_cast<const SimulatedClock*>(clock_.get())) {}

std::shared_ptr<Executor> Executor::Create(int thread_count,
                                           std::shared_ptr<const Clock> clock) {
  thread_count = std::max(thread_count, 1);
  std::shared_ptr<Executor> self(new Executor(thread_count, std::move(clock)));
  internal::MutexLock lock(&self->mu_);
  for (int i = 0; i < thread_count; ++i) {
    self->threads_.emplace_back(&Executor::WorkerMain, self);
  }
  return self;
}

// Reached only after Shutdown: the workers hold references until then.
Executor::~Executor() = default;

void Executor::WorkerMain(std::shared_ptr<Executor> self) {
  // Shows up in debuggers, top -H and /proc/<pid>/task/*/comm.
  pthread_setname_np(pthread_self(), kThreadName);
  tls_current_executor = self.get();
  while (self->RunOne()) {
  }
  tls_current_executor = nullptr;
}

bool Executor::IsWorkerThread() const { return tls_current_executor == this; }

bool Executor::Drained() const {
  return shutdown_ && queue_.empty() && timers_.empty() && pending_work_ == 0;
}

bool Executor::RunOne() {
  absl::AnyInvocable<void()> task;
  TimerCallback timer;
  {
    MutexLock lock(&mu_);
    while (true) {
      if (!queue_.empty()) {
        task = std::move(queue_.front());
        queue_.pop_front();
        if (simulated_ != nullptr) ++busy_;  // in the same critical section
        break;
      }
      if (!timers_.empty()) {
        auto first = timers_.begin();
        absl::Time when = first->first.when;
        if (simulated_ != nullptr && busy_ == 0 && pending_work_ == 0) {
          simulated_->AdvanceTo(when);  // idle: jump to the next timer
        }
        if (when <= clock_->Now()) {
          timer = std::move(first->second);
          timers_.erase(first);
          if (simulated_ != nullptr) ++busy_;
          break;
        }
        if (simulated_ != nullptr) {
          cv_.Wait(&mu_);  // simulated time moves only when idle
        } else {
          cv_.WaitWithDeadline(&mu_, when);
        }
        continue;
      }
      if (Drained()) {
        cv_.SignalAll();  // the other workers exit too
        return false;
      }
      cv_.Wait(&mu_);
    }
  }
  if (task) {
    task();
  } else {
    timer(true);
  }
  if (simulated_ != nullptr) {
    internal::MutexLock lock(&mu_);
    if (--busy_ == 0) cv_.SignalAll();  // maybe idle now
  }
  return true;
}

void Executor::Post(absl::AnyInvocable<void()> fn) {
  {
    internal::MutexLock lock(&mu_);
    if (!stopped_) {
      queue_.push_back(std::move(fn));
      cv_.Signal();
      return;
    }
  }
  fn();  // no threads left: run here rather than drop the work
}

Executor::TimerId Executor::ScheduleAt(absl::Time when, TimerCallback fn) {
  {
    internal::MutexLock lock(&mu_);
    if (!shutdown_) {
      TimerId id{when, next_seq_++};
      bool earliest = timers_.empty() || id < timers_.begin()->first;
      timers_.emplace(id, std::move(fn));
      // A sleeping worker may be waiting for a later deadline.
      if (earliest) cv_.Signal();
      return id;
    }
  }
  Post([fn = std::move(fn)]() mutable { fn(false); });
  return TimerId{};
}

void Executor::CancelTimer(TimerId id) {
  if (id.seq == 0) return;
  TimerCallback fn;
  {
    internal::MutexLock lock(&mu_);
    auto it = timers_.find(id);
    if (it == timers_.end()) return;
    fn = std::move(it->second);
    timers_.erase(it);
  }
  Post([fn = std::move(fn)]() mutable { fn(false); });
}

void Executor::AddPendingWork() {
  internal::MutexLock lock(&mu_);
  ++pending_work_;
}

void Executor::RemovePendingWork() {
  internal::MutexLock lock(&mu_);
  if (--pending_work_ == 0 && (shutdown_ || simulated_ != nullptr)) {
    cv_.SignalAll();
  }
}

size_t Executor::pending_timers() {
  internal::MutexLock lock(&mu_);
  return timers_.size();
}

void Executor::Shutdown() {
  std::vector<std::thread> threads;
  {
    internal::MutexLock lock(&mu_);
    if (!shutdown_) {
      shutdown_ = true;
      for (auto& [id, fn] : timers_) {
        queue_.push_back([fn = std::move(fn)]() mutable { fn(false); });
      }
      timers_.clear();
      cv_.SignalAll();
    }
    threads.swap(threads_);
  }
  if (IsWorkerThread()) {
    // Shut down from one of our own tasks: this thread cannot join itself,
    // so it drains the queue too (the others help) and is detached.
    while (RunOne()) {
    }
  }
  for (auto& t : threads) {
    if (t.get_id() == std::this_thread::get_id()) {
      t.detach();
    } else {
      t.join();
    }
  }
  mu_.Lock();
  stopped_ = true;
  // Whatever was posted between the drain and now runs here.
  while (!queue_.empty()) {
    auto task = std::move(queue_.front());
    queue_.pop_front();
    mu_.Unlock();
    task();
    mu_.Lock();
  }
  mu_.Unlock();
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
