// WhenAll and WhenAny: one future for many.
//
//   std::vector<Future<StatusOr<Desktop>>> gets;
//   for (auto& id : ids) gets.push_back(client.GetDesktopAsync(Req(id)));
//   Future<std::vector<StatusOr<Desktop>>> all = WhenAll(std::move(gets));
//   for (auto& d : all.Get()) ...;            // in the order given
//
//   auto first = WhenAny(std::move(a), std::move(b)).Get();
//   // first.index: which finished first; std::get<0>(first.futures) and
//   // std::get<1>(...) are still there, the winner ready.
//
// Both consume the futures they are given. Neither looks at the values: an
// error (a StatusOr holding one) is a result like any other, so WhenAll
// waits for every input even after one failed.
//
// Cancellation:
//   - Cancelling the combined future cancels every input that has not
//     finished (each as Future::Cancel does: the RPC, retries and polls
//     stop). The combined future still completes, with whatever the inputs
//     end with (normally CANCELLED).
//   - WhenAny cancels nothing by itself: the inputs that lost the race keep
//     running, and `futures` in its result holds them (wait on them, or
//     Cancel() them if their results are not needed). A future in
//     `futures` cancels its input when cancelled.
//   - An input cancelled on its own completes like any other input.
//
// Threads: the combined future completes on the thread that completes the
// last input (WhenAll) or the first (WhenAny), and its continuations run as
// Then's do (future.h): never on a gRPC completion thread.
// Cost: one allocation for the shared bookkeeping (plus one per input for
// WhenAny), one mutex taken once per input.

#ifndef CLOUDDESKTOP_FUTURE_COMBINATORS_H_
#define CLOUDDESKTOP_FUTURE_COMBINATORS_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "clouddesktop/future.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// What WhenAny completes with: `index` of the first input to finish (its
// position in the vector or argument list; SIZE_MAX for an empty vector)
// and all the inputs as futures again, `futures[index]` ready.
template <typename Sequence>
struct WhenAnyResult {
  std::size_t index;  // which input finished first
  Sequence futures;   // every input, in the order given
};

namespace internal {

// Runner of the first state that has one, so continuations of the combined
// future go where the inputs' would (off gRPC's threads).
template <typename State>
std::shared_ptr<ContinuationRunner> FirstRunner(
    const std::vector<std::shared_ptr<State>>& states) {
  for (const auto& s : states) {
    if (s != nullptr && s->runner() != nullptr) return s->runner();
  }
  return nullptr;
}

template <typename... States>
std::shared_ptr<ContinuationRunner> FirstRunner(
    const std::tuple<std::shared_ptr<States>...>& states) {
  std::shared_ptr<ContinuationRunner> runner;
  std::apply(
      [&runner](const auto&... s) {
        ((runner = runner ? runner : s->runner()), ...);
      },
      states);
  return runner;
}

// Cancels every state still alive; the hook a combined future installs.
template <typename... States>
std::function<void()> CancelAll(const std::shared_ptr<States>&... states) {
  return [weak = std::make_tuple(std::weak_ptr<States>(states)...)] {
    std::apply(
        [](const auto&... w) {
          (
              [](const auto& one) {
                if (auto s = one.lock()) s->Cancel();
              }(w),
              ...);
        },
        weak);
  };
}

template <typename T>
std::function<void()> CancelAll(
    const std::vector<std::shared_ptr<FutureState<T>>>& states) {
  std::vector<std::weak_ptr<FutureState<T>>> weak(states.begin(), states.end());
  return [weak = std::move(weak)] {
    for (const auto& w : weak) {
      if (auto s = w.lock()) s->Cancel();
    }
  };
}

// WhenAny's relay for one input: a future of its own (in the result) whose
// Cancel reaches the input.
template <typename T>
std::shared_ptr<FutureState<T>> Relay(
    const std::shared_ptr<FutureState<T>>& input) {
  auto relay = std::make_shared<FutureState<T>>(input->runner());
  relay->SetCancel(CancelAll(input));
  return relay;
}

// The bookkeeping WhenAny shares between its inputs' continuations.
template <typename Sequence>
class AnyShared {
 public:
  AnyShared(Promise<WhenAnyResult<Sequence>> promise, Sequence futures)
      : promise_(std::move(promise)), futures_(std::move(futures)) {}

  // Input `index` finished (its relay already holds the value).
  void OnReady(std::size_t index) {
    {
      internal::MutexLock lock(&mu_);
      if (done_) return;
      done_ = true;
    }
    // Only the first caller gets here: futures_ is no longer shared.
    promise_.SetValue(WhenAnyResult<Sequence>{index, std::move(futures_)});
  }

 private:
  internal::Mutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  Promise<WhenAnyResult<Sequence>> promise_;
  Sequence futures_;
};

template <typename T, typename Shared>
void ForwardToRelay(const std::shared_ptr<FutureState<T>>& input,
                    std::shared_ptr<FutureState<T>> relay,
                    std::shared_ptr<Shared> shared, std::size_t index) {
  input->SetContinuation(
      [relay = std::move(relay), shared = std::move(shared),
       index](Stored<T>&& value) {
        relay->SetValue(std::move(value));
        shared->OnReady(index);
      },
      /*inline_ok=*/true);
}

// Calls f(std::integral_constant<size_t, I>{}, std::get<I>(t)) for each I.
template <typename F, typename Tuple, std::size_t... I>
void ForEachIndexed(F& f, Tuple& t, std::index_sequence<I...>) {
  (f(std::integral_constant<std::size_t, I>{}, std::get<I>(t)), ...);
}

}  // namespace internal

// A future of every value of `futures`, in their order, once all of them
// have one. An empty vector gives a ready future of an empty vector.
template <typename T>
Future<std::vector<T>> WhenAll(std::vector<Future<T>> futures) {
  static_assert(!std::is_void<T>::value, "WhenAll over Future<void>");
  using internal::FutureState;
  std::vector<std::shared_ptr<FutureState<T>>> states;
  states.reserve(futures.size());
  for (auto& f : futures) {
    states.push_back(internal::FutureAccess::Release(f));
  }
  auto promise = internal::FutureAccess::MakePromise<std::vector<T>>(
      internal::FirstRunner(states));
  auto out = promise.GetFuture();
  if (states.empty()) {
    promise.SetValue(std::vector<T>{});
    return out;
  }
  promise.SetCancel(internal::CancelAll(states));
  struct Shared {
    explicit Shared(Promise<std::vector<T>> p, std::size_t n)
        : promise(std::move(p)), values(n), remaining(n) {}
    Promise<std::vector<T>> promise;
    internal::Mutex mu;
    std::vector<std::optional<T>> values ABSL_GUARDED_BY(mu);
    std::size_t remaining ABSL_GUARDED_BY(mu);
  };
  auto shared = std::make_shared<Shared>(std::move(promise), states.size());
  for (std::size_t i = 0; i < states.size(); ++i) {
    states[i]->SetContinuation(
        [shared, i](T&& value) {
          std::vector<T> all;
          {
            internal::MutexLock lock(&shared->mu);
            shared->values[i].emplace(std::move(value));
            if (--shared->remaining != 0) return;
            all.reserve(shared->values.size());
            for (auto& v : shared->values) all.push_back(std::move(*v));
          }
          shared->promise.SetValue(std::move(all));
        },
        /*inline_ok=*/true);
  }
  return out;
}

// A future of every value of `futures...`, as a tuple in argument order.
template <typename... T>
Future<std::tuple<T...>> WhenAll(Future<T>... futures) {
  static_assert(sizeof...(T) > 0, "WhenAll of nothing");
  static_assert((!std::is_void<T>::value && ...), "WhenAll over Future<void>");
  using Result = std::tuple<T...>;
  auto states = std::make_tuple(internal::FutureAccess::Release(futures)...);
  auto promise = internal::FutureAccess::MakePromise<Result>(
      internal::FirstRunner(states));
  auto out = promise.GetFuture();
  promise.SetCancel(std::apply(
      [](const auto&... s) { return internal::CancelAll(s...); }, states));
  struct Shared {
    explicit Shared(Promise<Result> p) : promise(std::move(p)) {}
    Promise<Result> promise;
    internal::Mutex mu;
    std::tuple<std::optional<T>...> values ABSL_GUARDED_BY(mu);
    std::size_t remaining ABSL_GUARDED_BY(mu) = sizeof...(T);
  };
  auto shared = std::make_shared<Shared>(std::move(promise));
  auto attach = [&shared](auto index, auto& state) {
    constexpr std::size_t kIndex = decltype(index)::value;
    using V = std::tuple_element_t<kIndex, Result>;
    state->SetContinuation(
        [shared](V&& value) {
          std::optional<Result> all;
          {
            internal::MutexLock lock(&shared->mu);
            std::get<kIndex>(shared->values).emplace(std::move(value));
            if (--shared->remaining != 0) return;
            all.emplace(
                std::apply([](auto&... v) { return Result(std::move(*v)...); },
                           shared->values));
          }
          shared->promise.SetValue(*std::move(all));
        },
        /*inline_ok=*/true);
  };
  internal::ForEachIndexed(attach, states, std::index_sequence_for<T...>{});
  return out;
}

// A future that completes when the first of `futures` does; see
// WhenAnyResult. An empty vector gives a ready result with index SIZE_MAX.
template <typename T>
Future<WhenAnyResult<std::vector<Future<T>>>> WhenAny(
    std::vector<Future<T>> futures) {
  using internal::FutureState;
  using Sequence = std::vector<Future<T>>;
  std::vector<std::shared_ptr<FutureState<T>>> inputs;
  inputs.reserve(futures.size());
  for (auto& f : futures) {
    inputs.push_back(internal::FutureAccess::Release(f));
  }
  auto promise = internal::FutureAccess::MakePromise<WhenAnyResult<Sequence>>(
      internal::FirstRunner(inputs));
  auto out = promise.GetFuture();
  if (inputs.empty()) {
    promise.SetValue(WhenAnyResult<Sequence>{static_cast<std::size_t>(-1), {}});
    return out;
  }
  promise.SetCancel(internal::CancelAll(inputs));
  std::vector<std::shared_ptr<FutureState<T>>> relays;
  Sequence relayed;
  for (const auto& input : inputs) {
    relays.push_back(internal::Relay(input));
    relayed.push_back(internal::FutureAccess::Wrap(relays.back()));
  }
  auto shared = std::make_shared<internal::AnyShared<Sequence>>(
      std::move(promise), std::move(relayed));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    internal::ForwardToRelay(inputs[i], std::move(relays[i]), shared, i);
  }
  return out;
}

// The same over arguments of any types: `futures` in the result is a tuple.
template <typename... T>
Future<WhenAnyResult<std::tuple<Future<T>...>>> WhenAny(Future<T>... futures) {
  static_assert(sizeof...(T) > 0, "WhenAny of nothing");
  using Sequence = std::tuple<Future<T>...>;
  auto inputs = std::make_tuple(internal::FutureAccess::Release(futures)...);
  auto promise = internal::FutureAccess::MakePromise<WhenAnyResult<Sequence>>(
      internal::FirstRunner(inputs));
  auto out = promise.GetFuture();
  promise.SetCancel(std::apply(
      [](const auto&... s) { return internal::CancelAll(s...); }, inputs));
  auto relays = std::apply(
      [](const auto&... s) { return std::make_tuple(internal::Relay(s)...); },
      inputs);
  auto shared = std::make_shared<internal::AnyShared<Sequence>>(
      std::move(promise),
      std::apply(
          [](const auto&... r) {
            return Sequence(internal::FutureAccess::Wrap(r)...);
          },
          relays));
  auto attach = [&shared, &relays](auto index, auto& input) {
    constexpr std::size_t kIndex = decltype(index)::value;
    internal::ForwardToRelay(input, std::get<kIndex>(relays), shared, kIndex);
  };
  internal::ForEachIndexed(attach, inputs, std::index_sequence_for<T...>{});
  return out;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_FUTURE_COMBINATORS_H_
