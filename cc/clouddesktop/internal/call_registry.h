// The calls and waits a connection has in flight, so that destroying the
// connection can cancel them and wait for them.

#ifndef CLOUDDESKTOP_INTERNAL_CALL_REGISTRY_H_
#define CLOUDDESKTOP_INTERNAL_CALL_REGISTRY_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Something in flight that can be asked to stop.
class Cancellable {
 public:
  enum class Reason { kCaller, kShutdown };
  virtual ~Cancellable() = default;
  // Asks it to stop soon; it still completes (with CANCELLED). Any thread;
  // never called with a library lock held.
  virtual void Cancel(Reason reason) = 0;
};

// Thread-safe. Entries hold the registry by shared_ptr, so it outlives a
// connection whose destructor does not wait (one run on a pool thread).
class CallRegistry : public std::enable_shared_from_this<CallRegistry> {
 public:
  // Membership of one Cancellable; removes it when destroyed. Make it the
  // first member of the Cancellable (destroyed last), so that the registry
  // is empty only once the whole object is gone.
  class Entry {
   public:
    Entry() = default;
    Entry(Entry&& other) noexcept
        : registry_(std::move(other.registry_)), key_(other.key_) {}
    Entry& operator=(Entry&& other) noexcept {
      Reset();
      registry_ = std::move(other.registry_);
      key_ = other.key_;
      return *this;
    }
    ~Entry() { Reset(); }
    bool valid() const { return registry_ != nullptr; }
    // The registry is closing: the connection is being destroyed.
    bool closing() const { return registry_ != nullptr && registry_->closed(); }
    void Reset();

   private:
    friend class CallRegistry;
    Entry(std::shared_ptr<CallRegistry> registry, const void* key)
        : registry_(std::move(registry)), key_(key) {}
    std::shared_ptr<CallRegistry> registry_;
    const void* key_ = nullptr;
  };

  // An invalid Entry if the registry is closed (the connection is going).
  Entry Register(const std::shared_ptr<Cancellable>& call);
  // Refuses new entries and cancels every live one (Reason::kShutdown).
  void CloseAndCancelAll();
  // True once CloseAndCancelAll has begun.
  bool closed();
  // Blocks until every entry is gone.
  void WaitEmpty();

 private:
  void Remove(const void* key);

  internal::Mutex mu_;
  internal::CondVar empty_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_map<const void*, std::weak_ptr<Cancellable>> live_
      ABSL_GUARDED_BY(mu_);
};

// The registries of connections that were destroyed on an executor thread,
// where their destructor cannot wait for the calls it cancelled (they may
// need that thread). That happens when a call's continuation held the last
// reference, e.g. the OperationConnection inside an operation-returning
// call of another connection. A connection destroyed on any other thread
// waits for these too, so that when the last handle the user released is
// gone, everything it owned has completed. Thread-safe.
class OrphanedRegistries {
 public:
  void Add(std::shared_ptr<CallRegistry> registry);
  // Blocks until every registry added (also while waiting) is empty.
  void WaitAll();

 private:
  internal::Mutex mu_;
  std::vector<std::shared_ptr<CallRegistry>> registries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_CALL_REGISTRY_H_
