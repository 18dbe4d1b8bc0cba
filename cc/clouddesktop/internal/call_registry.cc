#include "clouddesktop/internal/call_registry.h"

#include <vector>

#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

void CallRegistry::Entry::Reset() {
  if (registry_ == nullptr) return;
  registry_->Remove(key_);
  registry_.reset();
}

CallRegistry::Entry CallRegistry::Register(
    const std::shared_ptr<Cancellable>& call) {
  internal::MutexLock lock(&mu_);
  if (closed_) return Entry();
  live_.emplace(call.get(), call);
  return Entry(shared_from_this(), call.get());
}

void CallRegistry::Remove(const void* key) {
  internal::MutexLock lock(&mu_);
  live_.erase(key);
  if (live_.empty()) empty_.SignalAll();
}

void CallRegistry::CloseAndCancelAll() {
  std::vector<std::weak_ptr<Cancellable>> calls;
  {
    internal::MutexLock lock(&mu_);
    closed_ = true;
    calls.reserve(live_.size());
    for (auto& [key, call] : live_) calls.push_back(call);
  }
  for (auto& weak : calls) {
    // lock() fails for a call already being destroyed: nothing to cancel.
    if (auto call = weak.lock()) call->Cancel(Cancellable::Reason::kShutdown);
  }
}

bool CallRegistry::closed() {
  internal::MutexLock lock(&mu_);
  return closed_;
}

void CallRegistry::WaitEmpty() {
  MutexLock lock(&mu_);
  while (!live_.empty()) empty_.Wait(&mu_);
}

void OrphanedRegistries::Add(std::shared_ptr<CallRegistry> registry) {
  internal::MutexLock lock(&mu_);
  registries_.push_back(std::move(registry));
}

void OrphanedRegistries::WaitAll() {
  while (true) {
    std::shared_ptr<CallRegistry> next;
    {
      internal::MutexLock lock(&mu_);
      if (registries_.empty()) return;
      next = std::move(registries_.back());
      registries_.pop_back();
    }
    // Closed: once empty, it stays empty. A connection its calls release
    // on an executor thread is added before those calls leave it.
    next->WaitEmpty();
  }
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
