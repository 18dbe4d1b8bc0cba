#include "clouddesktop/internal/async_retry_loop.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/message_size.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/internal/uuid.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CallSettings MakeCallSettings(const ConnectionOptions& options,
                              absl::string_view method, bool idempotent,
                              const CallOptions& call) {
  CallSettings s;
  s.method = method;
  s.idempotent = idempotent;
  s.attempt_timeout =
      call.timeout > absl::ZeroDuration() ? call.timeout : options.rpc_timeout;
  s.deadline = call.deadline;
  s.metadata = call.metadata;
  s.trace_id = MakeUuid();
  if (!idempotent) {
    if (!call.idempotency_key.empty()) {
      s.idempotency_key = call.idempotency_key;
    } else if (options.idempotency_keys) {
      s.idempotency_key = MakeUuid();
    }
  }
  // A mutating call without a key may have taken effect on the server even
  // if its answer was lost: never repeat it.
  if (idempotent || !s.idempotency_key.empty()) {
    const auto& retry =
        call.retry_policy ? call.retry_policy : options.retry_policy;
    const auto& backoff =
        call.backoff_policy ? call.backoff_policy : options.backoff_policy;
    if (retry && backoff) {
      s.retry = retry;
      s.backoff = backoff;
    }
  }
  return s;
}

void RetryLoopBase::Start(std::shared_ptr<RetryLoopBase> self,
                          CallRegistry& registry) {
  self->context_.owner = self;
  self->entry_ = registry.Register(self);
  if (!self->entry_.valid()) {
    {
      MutexLock lock(&self->mu_);
      self->cancelled_ = true;
      self->reason_ = Reason::kShutdown;
    }
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  StartAttempt(std::move(self));
}

void RetryLoopBase::StartAttempt(std::shared_ptr<RetryLoopBase> self) {
  RpcContext& ctx = self->context_;
  // The trace id moves into the first attempt's context and stays there.
  std::string trace_id = self->attempts_ == 0
                             ? std::move(self->settings_.trace_id)
                             : std::move(ctx.ids.client_trace_id);
  ++self->attempts_;
  ctx.ResetForAttempt();
  ctx.method = self->settings_.method;
  ctx.attempt = self->attempts_;
  ctx.ids.client_trace_id = std::move(trace_id);
  ctx.ids.client_request_id = MakeUuid();
  ctx.idempotency_key = self->settings_.idempotency_key;
  ctx.call_metadata = &self->settings_.metadata;
  ctx.wanted_headers = self->settings_.wanted_headers;
  ctx.may_retry_at_once = !self->retried_at_once_;
  if (const absl::Status& config = self->transport_->config_status();
      !config.ok()) {
    // Options that cannot work: no attempt, no retry.
    absl::Status status = CallError(self->settings_.method, config.code(),
                                    config.message(), ctx.ids, self->attempts_);
    Finish(std::move(self), std::move(status));
    return;
  }
  // The attempt's deadline counts from here, queue included.
  self->attempt_deadline_ = std::min(
      self->transport_->clock().Now() + self->settings_.attempt_timeout,
      self->settings_.deadline);
  ctx.deadline = self->attempt_deadline_;
  if (self->transport_->limiter().TryAcquire()) {
    self->holds_slot_ = true;
    SendAttempt(std::move(self));
    return;
  }
  Queue(std::move(self));
}

void RetryLoopBase::Queue(std::shared_ptr<RetryLoopBase> self) {
  std::shared_ptr<Executor> executor = self->transport_->executor();
  RetryLoopBase* raw = self.get();
  bool cancelled;
  {
    MutexLock lock(&raw->mu_);
    cancelled = raw->cancelled_;
    if (!cancelled) {
      // Both under mu_: OnSlot and the timer's callback take it first, so
      // they see ticket_ and timer_ set.
      raw->ticket_ =
          raw->transport_->limiter().Enqueue([self, executor]() mutable {
            executor->Post([self = std::move(self)]() mutable {
              OnSlot(std::move(self));
            });
          });
      raw->timer_ = executor->ScheduleAt(
          raw->attempt_deadline_, [self = std::move(self)](bool fired) mutable {
            OnQueueTimer(std::move(self), fired);
          });
    }
  }
  if (!cancelled) return;
  absl::Status status = self->CancelledError();
  Finish(std::move(self), std::move(status));
}

void RetryLoopBase::OnQueueTimer(std::shared_ptr<RetryLoopBase> self,
                                 bool fired) {
  RpcLimiter::Ticket ticket;
  {
    MutexLock lock(&self->mu_);
    ticket = std::exchange(self->ticket_, 0);
    if (ticket == 0) return;  // OnSlot has the call now
    self->timer_ = Executor::TimerId{};
    if (!fired && !self->cancelled_) {
      self->cancelled_ = true;  // the executor shut down
      self->reason_ = Reason::kShutdown;
    }
  }
  // False: a slot was handed over at the same time; OnSlot goes on (and
  // sees the deadline or the cancellation).
  if (!self->transport_->limiter().Withdraw(ticket)) return;
  absl::Status status =
      fired ? CallError(
                  self->settings_.method, absl::StatusCode::kDeadlineExceeded,
                  absl::StrCat("the call's deadline passed while it "
                               "waited for a free slot (the connection "
                               "has ",
                               self->transport_->options().max_rpcs_in_flight,
                               " RPCs in flight, its "
                               "max_rpcs_in_flight); it was never sent"),
                  self->context_.ids, self->attempts_)
            : self->CancelledError();
  Finish(std::move(self), std::move(status));
}

void RetryLoopBase::OnSlot(std::shared_ptr<RetryLoopBase> self) {
  self->holds_slot_ = true;
  Executor::TimerId timer;
  bool cancelled;
  // A connection being destroyed sends nothing more: the calls queued
  // behind one it has just cancelled are next in line for cancelling.
  const bool closing = self->entry_.closing();
  {
    MutexLock lock(&self->mu_);
    self->ticket_ = 0;
    timer = std::exchange(self->timer_, Executor::TimerId{});
    if (closing && !self->cancelled_) {
      self->cancelled_ = true;
      self->reason_ = Reason::kShutdown;
    }
    cancelled = self->cancelled_;
  }
  // Its callback finds no ticket and does nothing.
  if (timer.seq != 0) self->transport_->executor()->CancelTimer(timer);
  if (cancelled) {
    self->ReleaseSlot();
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  SendAttempt(std::move(self));
}

void RetryLoopBase::ReleaseSlot() {
  if (!holds_slot_) return;
  holds_slot_ = false;
  RpcLimiter::Waiter next = transport_->limiter().Release();
  if (next) std::move(next)();
}

void RetryLoopBase::SendAttempt(std::shared_ptr<RetryLoopBase> self) {
  bool cancelled;
  {
    MutexLock lock(&self->mu_);
    cancelled = self->cancelled_;
  }
  if (cancelled) {
    self->ReleaseSlot();
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  self->transport_->executor()->AddPendingWork();
  RetryLoopBase* raw = self.get();
  // The transport may end the call (and the completion path drop its
  // reference) before StartRpc returns, while it is still serializing the
  // request on this thread. This reference keeps the call, and through it
  // the stubs and the channel, alive until then; releasing it orders those
  // reads before the call's destruction where TSAN can see it.
  std::shared_ptr<RetryLoopBase> keep = self;
  raw->in_flight_ = std::move(self);
  // The callback may run (and the call end) before StartRpc returns: touch
  // nothing of the call after it.
  raw->StartRpc(raw->context_);
}

void RetryLoopBase::OnRpcDone(RetryLoopBase* call, absl::Status status) {
  TsanAcquire(call);
  std::shared_ptr<RetryLoopBase> self = std::move(call->in_flight_);
  CallbackThreadScope callback_thread;
  // The next queued call starts on the executor, not on this thread.
  self->ReleaseSlot();
  absl::Status result =
      status.ok() ? absl::OkStatus()
                  : AttemptError(self->context_,
                                 ExplainMessageOverLimit(std::move(status),
                                                         self->RequestBytes()));
  std::shared_ptr<Executor> executor = self->transport_->executor();
  if (!result.ok() || self->settings_.hop_completion) {
    // Retry decisions and timers belong on the executor.
    executor->Post(
        [self = std::move(self), result = std::move(result)]() mutable {
          OnAttemptResult(std::move(self), std::move(result));
        });
    executor->RemovePendingWork();
    return;
  }
  executor->RemovePendingWork();
  Finish(std::move(self), std::move(result));
}

void RetryLoopBase::OnAttemptResult(std::shared_ptr<RetryLoopBase> self,
                                    absl::Status status) {
  const CallSettings& s = self->settings_;
  if (status.ok()) {
    Finish(std::move(self), std::move(status));
    return;
  }
  bool cancelled;
  {
    MutexLock lock(&self->mu_);
    cancelled = self->cancelled_;
  }
  if (cancelled) {
    status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  if (self->context_.retry_at_once && !self->retried_at_once_) {
    // A decorator asked for one more attempt at once (the auth decorator,
    // after a refused token): it costs no retry budget.
    self->retried_at_once_ = true;
    StartAttempt(std::move(self));
    return;
  }
  // A message over a size limit would be over it again: whatever the
  // retry policy says (it may take any RESOURCE_EXHAUSTED for a quota).
  if (self->context_.final_failure || s.retry == nullptr ||
      IsMessageOverLimit(status)) {
    Finish(std::move(self), std::move(status));
    return;
  }
  if (self->retry_ == nullptr) {
    self->retry_ = s.retry->clone();
    self->backoff_ = s.backoff->clone();
  }
  if (!self->retry_->OnFailure(status)) {
    Finish(std::move(self), std::move(status));
    return;
  }
  absl::Time when =
      self->transport_->clock().Now() + self->backoff_->OnCompletion();
  if (when >= s.deadline) {
    Finish(std::move(self), std::move(status));
    return;
  }
  std::shared_ptr<Executor> executor = self->transport_->executor();
  bool cancelled_now;
  {
    RetryLoopBase* raw = self.get();
    MutexLock lock(&raw->mu_);
    cancelled_now = raw->cancelled_;
    if (!cancelled_now) {
      // `self` moves into the timer; the timer's callback takes mu_ first,
      // so the call outlives this scope even if the timer fires at once.
      raw->timer_ = executor->ScheduleAt(
          when, [self = std::move(self)](bool fired) mutable {
            {
              MutexLock lock(&self->mu_);
              self->timer_ = Executor::TimerId{};
              if (!fired && !self->cancelled_) {
                self->cancelled_ = true;  // the executor shut down
                self->reason_ = Reason::kShutdown;
              }
            }
            if (fired) {
              StartAttempt(std::move(self));
              return;
            }
            absl::Status status = self->CancelledError();
            Finish(std::move(self), std::move(status));
          });
    }
  }
  if (!cancelled_now) return;
  status = self->CancelledError();
  Finish(std::move(self), std::move(status));
}

absl::Status RetryLoopBase::CancelledError() {
  Reason reason;
  {
    MutexLock lock(&mu_);
    reason = reason_;
  }
  CallIds ids = context_.ids;
  ids.client_trace_id = trace_id();
  return CallError(settings_.method, absl::StatusCode::kCancelled,
                   reason == Reason::kShutdown ? "the connection was destroyed"
                                               : "cancelled by the caller",
                   ids, attempts_);
}

void RetryLoopBase::Finish(std::shared_ptr<RetryLoopBase> self,
                           absl::Status status) {
  // Another thread may still hold the call: SendAttempt's, until the
  // transport's start of the last attempt returns (the attempt can end
  // first). The registry entry and the attempt's transport state must then
  // go with the call, after that thread lets go: released here, the entry
  // would let the connection's destructor proceed while that thread holds
  // the call and its Transport, whose last reference, and the executor's
  // shutdown, would then be that thread's. The call is then released after
  // the delivery, not before. (A weak reference locked after this check, a
  // cancellation's, only reaches a finished call.)
  const bool last = self.use_count() == 1;
  CallRegistry::Entry entry;
  // Destroyed after the delivery, before `entry`: the transport's teardown
  // of the last attempt is off the caller's path, and done before the
  // connection's destructor may proceed.
  std::shared_ptr<void> attempt_state;
  // Released after the attempt's state, which may hold a reference to a
  // channel (gRPC's ClientContext does): the channel's last reference is
  // then the Transport's, whose deleter keeps it off gRPC's callback thread
  // (transport.h). In the other case the call's members go in that order.
  std::shared_ptr<Transport> transport;
  if (last) {
    entry = std::move(self->entry_);
    attempt_state = std::move(self->context_.transport_state);
    transport = std::move(self->transport_);
  }
  // The call is over: its ids and headers move out.
  AttemptInfo info;
  info.ids = std::move(self->context_.ids);
  if (self->attempts_ == 0) {
    info.ids.client_trace_id = std::move(self->settings_.trace_id);
  }
  info.attempts = self->attempts_;
  info.response_headers = std::move(self->context_.response_headers);
  RetryLoopBase* raw = self.get();
  // Request and policies go first, then the result.
  raw->Complete(std::move(self), std::move(status), std::move(info),
                /*release_first=*/last);
  attempt_state.reset();
  transport.reset();
  // `entry` goes last (when this thread held the call's last reference):
  // the connection's destructor may proceed now.
}

void RetryLoopBase::Cancel(Reason reason) {
  Executor::TimerId timer;
  {
    MutexLock lock(&mu_);
    if (cancelled_) return;
    cancelled_ = true;
    reason_ = reason;
    timer = timer_;
  }
  // Outside the lock: the transport may run the RPC's callback inline.
  context_.Cancel();
  if (timer.seq != 0) transport_->executor()->CancelTimer(timer);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
