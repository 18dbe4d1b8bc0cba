#include "clouddesktop/internal/executor.h"

#include <pthread.h>

#include <algorithm>

#include "absl/time/clock.h"
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
  std::lock_guard<std::mutex> lock(self->mu_);
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
    std::unique_lock<std::mutex> lock(mu_);
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
          cv_.wait(lock);  // simulated time moves only when idle
        } else {
          cv_.wait_until(lock, absl::ToChronoTime(when));
        }
        continue;
      }
      if (Drained()) {
        cv_.notify_all();  // the other workers exit too
        return false;
      }
      cv_.wait(lock);
    }
  }
  if (task) {
    task();
  } else {
    timer(true);
  }
  if (simulated_ != nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    if (--busy_ == 0) cv_.notify_all();  // maybe idle now
  }
  return true;
}

void Executor::Post(absl::AnyInvocable<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopped_) {
      queue_.push_back(std::move(fn));
      cv_.notify_one();
      return;
    }
  }
  fn();  // no threads left: run here rather than drop the work
}

Executor::TimerId Executor::ScheduleAt(absl::Time when, TimerCallback fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!shutdown_) {
      TimerId id{when, next_seq_++};
      bool earliest = timers_.empty() || id < timers_.begin()->first;
      timers_.emplace(id, std::move(fn));
      // A sleeping worker may be waiting for a later deadline.
      if (earliest) cv_.notify_one();
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
    std::lock_guard<std::mutex> lock(mu_);
    auto it = timers_.find(id);
    if (it == timers_.end()) return;
    fn = std::move(it->second);
    timers_.erase(it);
  }
  Post([fn = std::move(fn)]() mutable { fn(false); });
}

void Executor::AddPendingWork() {
  std::lock_guard<std::mutex> lock(mu_);
  ++pending_work_;
}

void Executor::RemovePendingWork() {
  std::lock_guard<std::mutex> lock(mu_);
  if (--pending_work_ == 0 && (shutdown_ || simulated_ != nullptr)) {
    cv_.notify_all();
  }
}

size_t Executor::pending_timers() {
  std::lock_guard<std::mutex> lock(mu_);
  return timers_.size();
}

void Executor::Shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!shutdown_) {
      shutdown_ = true;
      for (auto& [id, fn] : timers_) {
        queue_.push_back([fn = std::move(fn)]() mutable { fn(false); });
      }
      timers_.clear();
      cv_.notify_all();
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
  std::unique_lock<std::mutex> lock(mu_);
  stopped_ = true;
  // Whatever was posted between the drain and now runs here.
  while (!queue_.empty()) {
    auto task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
