#include "clouddesktop/credentials/internal/token_refresher.h"

#include <pthread.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/credentials/internal/warning.h"
#include "clouddesktop/internal/backoff.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/transport.h"
#include "clouddesktop/options.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

std::shared_ptr<Transport> MakeFetchTransport(
    std::shared_ptr<const Clock> clock) {
  ConnectionOptions options;
  options.thread_count = 1;
  options.clock = std::move(clock);
  return std::make_shared<Transport>(std::move(options), Stubs{});
}
namespace {

using TokenResult = absl::StatusOr<std::string>;

// A token with the instants the policy derives from it.
struct CachedToken {
  std::string value;
  absl::Time refresh_at;    // the first GetToken from here refreshes
  absl::Time usable_until;  // served strictly before this
  absl::Time expires_at;
};

CachedToken Derive(FetchedToken token, const RefreshPolicy& policy) {
  const absl::Duration lifetime = token.expires_at - token.issued_at;
  const absl::Duration skew = std::min(policy.expiry_skew, lifetime / 10);
  absl::Duration margin =
      std::max(lifetime * policy.refresh_fraction, policy.refresh_margin);
  // A short-lived token would otherwise be "due" from the moment it arrives
  // and every call would start a refresh.
  margin = std::min(margin, lifetime / 2);
  // Refresh before the token stops being served.
  margin = std::max(margin, skew);
  CachedToken cached;
  cached.value = std::move(token.value);
  cached.refresh_at = token.expires_at - margin;
  cached.usable_until = token.expires_at - skew;
  cached.expires_at = token.expires_at;
  return cached;
}

std::string Round(absl::Duration d) {
  return absl::FormatDuration(absl::Trunc(d, absl::Milliseconds(1)));
}

}  // namespace

absl::Status CheckTokenValue(absl::string_view token) {
  if (token.empty()) return absl::InvalidArgumentError("the token is empty");
  for (char c : token) {
    if (c <= ' ' || c > '~') {
      return absl::InvalidArgumentError(
          "the token holds whitespace, control or non-ASCII characters");
    }
  }
  return absl::OkStatus();
}

// The refresher's state, shared with its thread so that the thread may
// outlive the TokenRefresher when the last reference is dropped on it.
class TokenRefresher::Core {
 public:
  Core(std::unique_ptr<TokenFetcher> fetcher, RefreshPolicy policy,
       std::shared_ptr<const Clock> clock, WarningSink warn)
      : fetcher_(std::move(fetcher)),
        policy_(policy),
        clock_(std::move(clock)),
        warn_(std::move(warn)),
        // initial_backoff * 2^(failures - 1), capped; no jitter.
        backoff_({policy.initial_backoff, policy.max_backoff, 2.0, 0.0}) {}

  Future<TokenResult> GetToken() {
    internal::ReleasableMutexLock lock(&mu_);
    const absl::Time now = clock_->Now();
    if (cached_.has_value() && now < cached_->usable_until) {
      // Refresh ahead of expiry; this caller does not wait for it.
      if (now >= cached_->refresh_at && !fetching_ && now >= next_attempt_) {
        StartFetchLocked();
      }
      std::string value = cached_->value;
      lock.Release();
      return MakeReadyFuture(TokenResult(std::move(value)));
    }
    if (!fetching_) {
      if (failures_ > 0 && now < next_attempt_) {
        // Backing off after a failure and nothing valid to serve: fail fast
        // rather than hammer the source; the call path retries transient
        // codes with its own backoff.
        absl::Status status(
            last_error_.code(),
            absl::StrCat(last_error_.message(), " (next attempt in ",
                         Round(next_attempt_ - now), ")"));
        lock.Release();
        return MakeReadyFuture(TokenResult(std::move(status)));
      }
      StartFetchLocked();
    }
    waiters_.emplace_back();
    return waiters_.back().GetFuture();
  }

  void OnUnauthenticated(absl::string_view rejected_token) {
    internal::MutexLock lock(&mu_);
    if (!cached_.has_value() || cached_->value != rejected_token) return;
    cached_.reset();
    if (!fetching_) StartFetchLocked();
  }

  int64_t fetch_count() const {
    internal::MutexLock lock(&mu_);
    return fetch_count_;
  }

  bool WaitUntilIdle(absl::Duration timeout) const {
    internal::MutexLock lock(&mu_);
    const auto deadline = internal::CondVar::SteadyDeadline(timeout);
    while (fetching_ || delivering_) {
      if (cv_.WaitWithDeadline(&mu_, deadline)) break;
    }
    return !fetching_ && !delivering_;
  }

  // The thread's loop: runs tasks until shut down with nothing in flight.
  void Run() {
    pthread_setname_np(pthread_self(), "cd-credentials");
    for (;;) {
      absl::AnyInvocable<void() &&> task;
      {
        internal::MutexLock lock(&mu_);
        while (tasks_.empty() && !(shutdown_ && !fetching_)) cv_.Wait(&mu_);
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      std::move(task)();
    }
  }

  void Shutdown() {
    {
      internal::MutexLock lock(&mu_);
      shutdown_ = true;
      cv_.SignalAll();
    }
    fetcher_->Shutdown();
  }

 private:
  void Post(absl::AnyInvocable<void() &&> task) {
    internal::MutexLock lock(&mu_);
    tasks_.push_back(std::move(task));
    // Under the lock: once it is released the thread may finish and the
    // Core go away while a gRPC callback is still returning from here.
    cv_.SignalAll();  // all: WaitUntilIdle shares cv_
  }

  void StartFetchLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    fetching_ = true;
    ++fetch_count_;
    tasks_.push_back([this] { RunFetch(); });
    cv_.SignalAll();  // all: WaitUntilIdle shares cv_
  }

  // On the thread. `this` outlives the fetch: the thread does not exit
  // while fetching_ is set, and it holds the Core.
  void RunFetch() {
    fetcher_->Fetch([this](absl::StatusOr<FetchedToken> result) {
      Post([this, result = std::move(result)]() mutable {
        OnFetched(std::move(result));
      });
    });
  }

  // On the thread.
  void OnFetched(absl::StatusOr<FetchedToken> result) {
    std::vector<Promise<TokenResult>> waiters;
    std::optional<TokenResult> answer;
    std::string warning;
    {
      internal::MutexLock lock(&mu_);
      fetching_ = false;
      delivering_ = true;
      const absl::Time now = clock_->Now();
      absl::Status status = result.status();
      std::optional<CachedToken> fresh;
      if (status.ok()) {
        absl::Status valid = CheckTokenValue(result->value);
        if (!valid.ok()) {
          status = absl::InternalError(absl::StrCat(
              "getting an IAM token: the token received is unusable: ",
              valid.message()));
        } else {
          fresh = Derive(*std::move(result), policy_);
          if (now >= fresh->usable_until) {
            status = absl::UnavailableError(
                absl::StrCat("getting an IAM token: the token received expires "
                             "too soon (at ",
                             absl::FormatTime(fresh->expires_at), ")"));
            fresh.reset();
          }
        }
      }
      if (status.ok()) {
        cached_ = std::move(fresh);
        failures_ = 0;
        backoff_.Reset();
        last_error_ = absl::OkStatus();
        next_attempt_ = absl::InfinitePast();
        answer.emplace(cached_->value);
      } else {
        ++failures_;
        const absl::Duration backoff = backoff_.Next();
        next_attempt_ = now + backoff;
        last_error_ = status;
        answer.emplace(status);
        if (cached_.has_value() && now < cached_->usable_until) {
          warning =
              absl::StrCat(status.message(),
                           "; serving the cached IAM token, which expires in ",
                           Round(cached_->expires_at - now),
                           "; next attempt in ", Round(backoff));
        }
      }
      waiters.swap(waiters_);
    }
    if (!warning.empty()) Warn(warn_, warning);
    for (auto& waiter : waiters) waiter.SetValue(*answer);
    internal::MutexLock lock(&mu_);
    delivering_ = false;
    cv_.SignalAll();  // WaitUntilIdle; Run() may be waiting to exit
  }

  const std::unique_ptr<TokenFetcher> fetcher_;
  const RefreshPolicy policy_;
  const std::shared_ptr<const Clock> clock_;
  const WarningSink warn_;

  mutable internal::Mutex mu_;
  mutable internal::CondVar cv_;
  std::deque<absl::AnyInvocable<void() &&>> tasks_ ABSL_GUARDED_BY(mu_);
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
  // From StartFetchLocked until OnFetched: at most one fetch at a time.
  bool fetching_ ABSL_GUARDED_BY(mu_) = false;
  // While OnFetched warns and completes waiters outside the lock.
  bool delivering_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<CachedToken> cached_ ABSL_GUARDED_BY(mu_);
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);
  int failures_ ABSL_GUARDED_BY(mu_) = 0;  // in a row
  Backoff backoff_ ABSL_GUARDED_BY(mu_);
  absl::Time next_attempt_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::vector<Promise<TokenResult>> waiters_ ABSL_GUARDED_BY(mu_);
  int64_t fetch_count_ ABSL_GUARDED_BY(mu_) = 0;
};

TokenRefresher::TokenRefresher(std::unique_ptr<TokenFetcher> fetcher,
                               RefreshPolicy policy,
                               std::shared_ptr<const Clock> clock,
                               WarningSink warn)
    : core_(std::make_shared<Core>(std::move(fetcher), policy, std::move(clock),
                                   std::move(warn))),
      thread_([core = core_] { core->Run(); }) {}

TokenRefresher::~TokenRefresher() {
  core_->Shutdown();
  if (thread_.get_id() == std::this_thread::get_id()) {
    // The last reference went away in a continuation on our own thread: it
    // finishes the loop (and frees the Core) by itself.
    thread_.detach();
  } else {
    thread_.join();
  }
}

Future<absl::StatusOr<std::string>> TokenRefresher::GetToken() {
  return core_->GetToken();
}

void TokenRefresher::OnUnauthenticated(absl::string_view rejected_token) {
  core_->OnUnauthenticated(rejected_token);
}

int64_t TokenRefresher::fetch_count() const { return core_->fetch_count(); }

bool TokenRefresher::WaitUntilIdleForTesting(absl::Duration timeout) const {
  return core_->WaitUntilIdle(timeout);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
