#include "clouddesktop/internal/call_registry.h"

#include <vector>

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
  std::lock_guard<std::mutex> lock(mu_);
  if (closed_) return Entry();
  live_.emplace(call.get(), call);
  return Entry(shared_from_this(), call.get());
}

void CallRegistry::Remove(const void* key) {
  std::lock_guard<std::mutex> lock(mu_);
  live_.erase(key);
  if (live_.empty()) empty_.notify_all();
}

void CallRegistry::CloseAndCancelAll() {
  std::vector<std::weak_ptr<Cancellable>> calls;
  {
    std::lock_guard<std::mutex> lock(mu_);
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
  std::lock_guard<std::mutex> lock(mu_);
  return closed_;
}

void CallRegistry::WaitEmpty() {
  std::unique_lock<std::mutex> lock(mu_);
  empty_.wait(lock, [this] { return live_.empty(); });
}

void OrphanedRegistries::Add(std::shared_ptr<CallRegistry> registry) {
  std::lock_guard<std::mutex> lock(mu_);
  registries_.push_back(std::move(registry));
}

void OrphanedRegistries::WaitAll() {
  while (true) {
    std::shared_ptr<CallRegistry> next;
    {
      std::lock_guard<std::mutex> lock(mu_);
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
