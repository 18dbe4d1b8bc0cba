// The machinery behind Future<T> / Promise<T> (clouddesktop/future.h, which
// includes this): the state a promise and its future share, where
// continuations run, and the library's own access to futures. No API
// promise.

#ifndef CLOUDDESKTOP_INTERNAL_FUTURE_STATE_H_
#define CLOUDDESKTOP_INTERNAL_FUTURE_STATE_H_

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

template <typename T>
class Future;
template <typename T>
class Promise;

namespace internal {

struct FutureAccess;

// Where a continuation goes when the thread completing its future must not
// run user code (a gRPC completion thread). The connection's executor.
class ContinuationRunner {
 public:
  virtual ~ContinuationRunner() = default;
  virtual void Post(absl::AnyInvocable<void()> fn) = 0;
};

// True while the current thread runs one of the library's gRPC completion
// callbacks: user continuations completed from here are posted to the
// future's ContinuationRunner instead of running inline.
bool InCallbackThread();

// Marks the current thread as a gRPC completion thread for its lifetime.
class CallbackThreadScope {
 public:
  CallbackThreadScope();
  ~CallbackThreadScope();
  CallbackThreadScope(const CallbackThreadScope&) = delete;
  CallbackThreadScope& operator=(const CallbackThreadScope&) = delete;

 private:
  bool saved_;
};

// Stands in for the value of a Future<void>.
struct Unit {};

template <typename T>
using Stored = std::conditional_t<std::is_void<T>::value, Unit, T>;

template <typename F, typename T>
struct InvokeResult {
  using type = std::invoke_result_t<F&, T&&>;
};
template <typename F>
struct InvokeResult<F, void> {
  using type = std::invoke_result_t<F&>;
};

template <typename T, typename F>
decltype(auto) InvokeWith(F& f, Stored<T>&& value) {
  if constexpr (std::is_void<T>::value) {
    return f();
  } else {
    return f(std::move(value));
  }
}

template <typename R>
struct UnwrapFuture {
  using type = R;
  static constexpr bool kIsFuture = false;
};
template <typename V>
struct UnwrapFuture<Future<V>> {
  using type = V;
  static constexpr bool kIsFuture = true;
};

// The state a Promise and its Future share.
template <typename T>
class FutureState {
 public:
  using Value = Stored<T>;
  using Continuation = absl::AnyInvocable<void(Value&&)>;

  explicit FutureState(std::shared_ptr<ContinuationRunner> runner = nullptr)
      : runner_(std::move(runner)) {}

  const std::shared_ptr<ContinuationRunner>& runner() const { return runner_; }

  // Satisfies the state; false if it already was.
  bool SetValue(Value value) {
    Continuation continuation;
    bool inline_ok = false;
    {
      MutexLock lock(&mu_);
      if (satisfied_) return false;
      satisfied_ = true;
      cancel_ = nullptr;
      if (continuation_) {
        continuation = std::move(continuation_);
        inline_ok = inline_ok_;
      } else {
        value_.emplace(std::move(value));
      }
    }
    if (!continuation) {
      // After unlocking: a waiter woken under the lock would only block on
      // it again (two more futex calls and a context switch per result).
      // The caller holds a reference, so the state outlives the wake-up.
      cv_.SignalAll();
      return true;
    }
    Dispatch(std::move(continuation), inline_ok, std::move(value));
    return true;
  }

  // `inline_ok`: the continuation is the library's own non-blocking code and
  // may run on any thread, gRPC's included.
  void SetContinuation(Continuation continuation, bool inline_ok) {
    std::optional<Value> value;
    {
      MutexLock lock(&mu_);
      if (!satisfied_) {
        continuation_ = std::move(continuation);
        inline_ok_ = inline_ok;
        return;
      }
      value.swap(value_);
    }
    Dispatch(std::move(continuation), inline_ok, std::move(*value));
  }

  Value WaitAndTake() {
    MutexLock lock(&mu_);
    while (!satisfied_) cv_.Wait(&mu_);
    Value value = std::move(*value_);
    value_.reset();
    return value;
  }

  bool WaitUntil(absl::Time deadline) {
    MutexLock lock(&mu_);
    while (!satisfied_) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return satisfied_;
  }

  bool ready() {
    MutexLock lock(&mu_);
    return satisfied_;
  }

  void Cancel() {
    std::function<void()> cancel;
    {
      MutexLock lock(&mu_);
      if (satisfied_) return;
      cancel_requested_ = true;
      cancel = cancel_;
    }
    if (cancel) cancel();
  }

  // Installs what Cancel does; runs it at once if Cancel came first.
  void SetCancel(std::function<void()> cancel) {
    {
      MutexLock lock(&mu_);
      if (satisfied_) return;
      if (!cancel_requested_) {
        cancel_ = std::move(cancel);
        return;
      }
      cancel_ = cancel;
    }
    if (cancel) cancel();
  }

 private:
  void Dispatch(Continuation continuation, bool inline_ok, Value value) {
    if (inline_ok || runner_ == nullptr || !InCallbackThread()) {
      continuation(std::move(value));
      return;
    }
    runner_->Post([continuation = std::move(continuation),
                   value = std::move(value)]() mutable {
      continuation(std::move(value));
    });
  }

  const std::shared_ptr<ContinuationRunner> runner_;
  Mutex mu_;
  CondVar cv_;
  bool satisfied_ ABSL_GUARDED_BY(mu_) = false;
  bool cancel_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool inline_ok_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<Value> value_ ABSL_GUARDED_BY(mu_);
  Continuation continuation_ ABSL_GUARDED_BY(mu_);
  std::function<void()> cancel_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal

namespace internal {

// The library's back door into futures: promises bound to a connection's
// executor, and continuations of its own (non-blocking, never user code)
// that may run on gRPC threads. Its members are templates, instantiated
// where Future and Promise are complete (clouddesktop/future.h).
struct FutureAccess {
  template <typename T>
  static Promise<T> MakePromise(std::shared_ptr<ContinuationRunner> runner) {
    return Promise<T>(std::make_shared<FutureState<T>>(std::move(runner)));
  }

  template <typename T, typename F>
  static auto ThenInline(Future<T> future, F&& f) {
    return future.ThenImpl(std::forward<F>(f), /*inline_ok=*/true);
  }

  // The shared state of `future`, which is left invalid (consumed).
  template <typename T>
  static std::shared_ptr<FutureState<T>> Release(Future<T>& future) {
    return std::move(future.state_);
  }

  template <typename T>
  static Future<T> Wrap(std::shared_ptr<FutureState<T>> state) {
    return Future<T>(std::move(state));
  }
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_FUTURE_STATE_H_
