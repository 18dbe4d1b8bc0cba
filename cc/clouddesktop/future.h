// Future<T> / Promise<T>: the result of every asynchronous call of the
// library. A future can be waited on (Get, WaitFor), chained (Then) or
// cancelled (Cancel, which reaches the in-flight gRPC call and stops retry
// and polling loops).
//
// clang-format off
//   clouddesktop::Future<absl::StatusOr<Desktop>> f = client.GetDesktopAsync(r);
//   f.Then([](absl::StatusOr<Desktop> d) { ... });
//   // or: auto d = f.Get();
// clang-format on
//
// Where continuations run: on the thread that completes the future, which
// for futures returned by the library is always one of the connection's
// threads, never a gRPC completion thread; if the future is already
// satisfied when Then is called, the continuation runs at once on the
// calling thread. Continuations must not block: they share the
// connection's small thread pool with every other call.

#ifndef CLOUDDESKTOP_FUTURE_H_
#define CLOUDDESKTOP_FUTURE_H_

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/future_state.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The eventual result of an asynchronous call. Move-only, single consumer:
// Get() and Then() consume the future (valid() is false afterwards).
//
// Thread safety: one thread uses a given Future object; the Promise side
// may complete it from any thread. Cancel() and is_ready() may race with
// completion. Cost: one small heap allocation shared with its Promise.
template <typename T>
class Future {
 public:
  using value_type = T;  // what Get() returns

  // An invalid future (valid() is false); only assignment is allowed.
  Future() = default;
  Future(Future&&) noexcept = default;
  Future& operator=(Future&&) noexcept = default;
  Future(const Future&) = delete;
  Future& operator=(const Future&) = delete;

  // False for a default-constructed future and after Get() or Then().
  bool valid() const { return state_ != nullptr; }

  // True once the value is there; never blocks.
  bool is_ready() const { return state_->ready(); }

  // Blocks until the value is there and returns it; consumes the future.
  // Do not call it on a connection thread (inside a continuation): the
  // pool is small and the call you wait for may need it.
  T Get() {
    auto state = std::move(state_);
    if constexpr (std::is_void<T>::value) {
      state->WaitAndTake();
    } else {
      return state->WaitAndTake();
    }
  }

  // Blocks for at most `timeout`; true if the value is there.
  bool WaitFor(absl::Duration timeout) const {
    return state_->WaitUntil(absl::Now() + timeout);
  }
  bool WaitUntil(absl::Time deadline) const {
    return state_->WaitUntil(deadline);
  }

  // Asks the producer to stop: an RPC in flight is cancelled
  // (ClientContext::TryCancel), retry and polling loops stop. The future
  // still completes, normally soon and with CANCELLED (or with the result,
  // if it won the race). A no-op once the value is there. Cancelling a
  // future made by Then cancels what it waits on.
  void Cancel() const {
    if (state_) state_->Cancel();
  }

  // Chains `f`, called with the value (T&&, or nothing for Future<void>),
  // and returns the future of its result. If `f` returns a Future<V>, the
  // result is flattened to Future<V>. Consumes this future. See the file
  // comment for the thread `f` runs on.
  template <typename F>
  auto Then(F&& f) {
    return ThenImpl(std::forward<F>(f), /*inline_ok=*/false);
  }

 private:
  template <typename U>
  friend class Future;
  friend class Promise<T>;
  friend struct internal::FutureAccess;

  explicit Future(std::shared_ptr<internal::FutureState<T>> state)
      : state_(std::move(state)) {}

  template <typename F>
  auto ThenImpl(F&& f, bool inline_ok) {
    using R = typename internal::InvokeResult<std::decay_t<F>, T>::type;
    using U = typename internal::UnwrapFuture<R>::type;
    auto source = std::move(state_);
    auto next = std::make_shared<internal::FutureState<U>>(source->runner());
    std::weak_ptr<internal::FutureState<T>> weak_source = source;
    next->SetCancel([weak_source] {
      if (auto s = weak_source.lock()) s->Cancel();
    });
    source->SetContinuation(
        [next, fn = std::decay_t<F>(std::forward<F>(f))](
            internal::Stored<T>&& value) mutable {
          if constexpr (internal::UnwrapFuture<R>::kIsFuture) {
            R inner = internal::InvokeWith<T>(fn, std::move(value));
            auto inner_state = std::move(inner.state_);
            std::weak_ptr<internal::FutureState<U>> weak_inner = inner_state;
            next->SetCancel([weak_inner] {
              if (auto s = weak_inner.lock()) s->Cancel();
            });
            inner_state->SetContinuation(
                [next](internal::Stored<U>&& v) {
                  next->SetValue(std::move(v));
                },
                /*inline_ok=*/true);
          } else if constexpr (std::is_void<R>::value) {
            internal::InvokeWith<T>(fn, std::move(value));
            next->SetValue(internal::Unit{});
          } else {
            next->SetValue(internal::InvokeWith<T>(fn, std::move(value)));
          }
        },
        inline_ok);
    return Future<U>(std::move(next));
  }

  std::shared_ptr<internal::FutureState<T>> state_;
};

// The producer side of a Future. Move-only. SetValue may be called from any
// thread, at most once (later calls are ignored). A Promise destroyed
// without a value completes its future with CANCELLED when T can hold an
// absl::Status (Status, StatusOr<U>), so no waiter hangs.
template <typename T>
class Promise {
 public:
  Promise() : state_(std::make_shared<internal::FutureState<T>>()) {}
  // `on_cancel` runs (once, on the thread calling Future::Cancel) when the
  // consumer cancels before the value is set.
  explicit Promise(std::function<void()> on_cancel) : Promise() {
    state_->SetCancel(std::move(on_cancel));
  }
  Promise(Promise&&) noexcept = default;
  Promise& operator=(Promise&& other) noexcept {
    Abandon();
    state_ = std::move(other.state_);
    set_ = other.set_;
    return *this;
  }
  ~Promise() { Abandon(); }

  // The future of this promise; call it once.
  Future<T> GetFuture() { return Future<T>(state_); }

  // Sets the value (no arguments for Promise<void>).
  template <typename... A>
  void SetValue(A&&... args) {
    set_ = true;
    state_->SetValue(internal::Stored<T>(std::forward<A>(args)...));
  }

  // Replaces the cancel hook (for producers that learn how to cancel late).
  void SetCancel(std::function<void()> on_cancel) {
    state_->SetCancel(std::move(on_cancel));
  }

 private:
  friend struct internal::FutureAccess;
  explicit Promise(std::shared_ptr<internal::FutureState<T>> state)
      : state_(std::move(state)) {}

  void Abandon() {
    if (state_ == nullptr) return;
    // Most promises are kept: no error to build (it costs an allocation on
    // every call's path) nor state to lock then.
    if (set_) {
      state_.reset();
      return;
    }
    if constexpr (std::is_constructible<internal::Stored<T>,
                                        absl::Status>::value) {
      state_->SetValue(internal::Stored<T>(absl::CancelledError(
          "abandoned: the producer went away without a result")));
    }
    state_.reset();
  }

  std::shared_ptr<internal::FutureState<T>> state_;
  bool set_ = false;  // SetValue was called on this promise
};

// A future that is already satisfied with `value`.
template <typename T>
Future<std::decay_t<T>> MakeReadyFuture(T&& value) {
  Promise<std::decay_t<T>> promise;
  promise.SetValue(std::forward<T>(value));
  return promise.GetFuture();
}

// A ready Future<void>.
inline Future<void> MakeReadyFuture() {
  Promise<void> promise;
  promise.SetValue();
  return promise.GetFuture();
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_FUTURE_H_
