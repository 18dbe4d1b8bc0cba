#include "clouddesktop/internal/unary_call.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/message_size.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/tsan.h"
#include "clouddesktop/internal/uuid.h"
#include "clouddesktop/log_sink.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

void CopyHeader(const Metadata& md, const char* key, std::string* out) {
  if (!out->empty()) return;
  auto it = md.find(key);
  if (it != md.end()) out->assign(it->second.data(), it->second.size());
}

// A token must travel as one "authorization: Bearer ..." header. Past this
// size no server takes it (gRPC's own default limit for a whole header list
// is 8 KiB on receipt; IAM tokens are well under 1 KiB), so it is refused
// before any attempt rather than retried as RESOURCE_EXHAUSTED.
constexpr size_t kMaxTokenBytes = 16 * 1024;

// Why `token` cannot be sent, or an empty string. Names sizes and offsets,
// never the token.
std::string TokenProblem(absl::string_view token) {
  if (token.size() > kMaxTokenBytes) {
    return absl::StrCat("the token from the credentials is ", token.size(),
                        " bytes; it cannot fit in request metadata (at most ",
                        kMaxTokenBytes, " bytes)");
  }
  for (size_t i = 0; i < token.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(token[i]);
    if (c < 0x20 || c > 0x7E) {
      return absl::StrCat(
          "the token from the credentials has a byte that a header cannot "
          "carry (0x",
          absl::Hex(c, absl::kZeroPad2), " at offset ", i, ")");
    }
  }
  return "";
}

}  // namespace

void CopyServerIds(const grpc::ClientContext& ctx, CallIds* ids) {
  for (const Metadata* md :
       {&ctx.GetServerInitialMetadata(), &ctx.GetServerTrailingMetadata()}) {
    CopyHeader(*md, kRequestIdHeader, &ids->request_id);
    CopyHeader(*md, kServerTraceIdHeader, &ids->server_trace_id);
  }
}

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
      s.retry = retry->clone();
      s.backoff = backoff->clone();
    }
  }
  return s;
}

absl::Duration ParsePollInterval(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  absl::Duration d = absl::ZeroDuration();
  int64_t seconds;
  double fractional;
  if (absl::SimpleAtoi(value, &seconds)) {
    d = absl::Seconds(seconds);
  } else if (absl::SimpleAtod(value, &fractional)) {
    d = absl::Seconds(fractional);
  } else if (!absl::ParseDuration(value, &d)) {
    return absl::ZeroDuration();
  }
  // A hint is a lower bound on our delay; clamp nonsense.
  return std::clamp(d, absl::ZeroDuration(), absl::Hours(1));
}

void CallBase::Start(std::shared_ptr<CallBase> self, CallRegistry& registry) {
  self->entry_ = registry.Register(self);
  if (!self->entry_.valid()) {
    {
      internal::MutexLock lock(&self->mu_);
      self->cancelled_ = true;
      self->reason_ = Reason::kShutdown;
    }
    AttemptInfo info;
    info.ids.client_trace_id = self->settings_.trace_id;
    absl::Status status = self->CancelledError(info);
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  StartAttempt(std::move(self));
}

void CallBase::StartAttempt(std::shared_ptr<CallBase> self) {
  ++self->attempts_;
  self->current_ = AttemptInfo();
  self->current_.attempts = self->attempts_;
  self->current_.ids.client_trace_id = self->settings_.trace_id;
  self->current_.ids.client_request_id = MakeUuid();
  if (const absl::Status& config = self->transport_->config_status();
      !config.ok()) {
    // Options that cannot work: no attempt, no retry.
    absl::Status status =
        CallError(self->settings_.method, config.code(), config.message(),
                  self->current_.ids, self->attempts_);
    AttemptInfo copy = self->current_;
    Finish(std::move(self), std::move(status), std::move(copy));
    return;
  }
  // The attempt's deadline counts from here, queue included.
  self->attempt_deadline_ = std::min(
      absl::Now() + self->settings_.attempt_timeout, self->settings_.deadline);
  if (self->transport_->limiter().TryAcquire()) {
    self->holds_slot_ = true;
    GetToken(std::move(self));
    return;
  }
  Queue(std::move(self));
}

void CallBase::Queue(std::shared_ptr<CallBase> self) {
  std::shared_ptr<Executor> executor = self->transport_->executor();
  CallBase* raw = self.get();
  bool cancelled;
  {
    internal::MutexLock lock(&raw->mu_);
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
  AttemptInfo info = self->current_;
  absl::Status status = self->CancelledError(info);
  Finish(std::move(self), std::move(status), std::move(info));
}

void CallBase::OnQueueTimer(std::shared_ptr<CallBase> self, bool fired) {
  RpcLimiter::Ticket ticket;
  {
    internal::MutexLock lock(&self->mu_);
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
  AttemptInfo info = self->current_;
  absl::Status status =
      fired ? CallError(
                  self->settings_.method, absl::StatusCode::kDeadlineExceeded,
                  absl::StrCat("the call's deadline passed while it "
                               "waited for a free slot (the connection "
                               "has ",
                               self->transport_->options().max_rpcs_in_flight,
                               " RPCs in flight, its "
                               "max_rpcs_in_flight); it was never sent"),
                  info.ids, self->attempts_)
            : self->CancelledError(info);
  Finish(std::move(self), std::move(status), std::move(info));
}

void CallBase::OnSlot(std::shared_ptr<CallBase> self) {
  self->holds_slot_ = true;
  Executor::TimerId timer;
  bool cancelled;
  // A connection being destroyed sends nothing more: the calls queued
  // behind one it has just cancelled are next in line for cancelling.
  const bool closing = self->entry_.closing();
  {
    internal::MutexLock lock(&self->mu_);
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
    AttemptInfo info = self->current_;
    absl::Status status = self->CancelledError(info);
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  GetToken(std::move(self));
}

void CallBase::ReleaseSlot() {
  if (!holds_slot_) return;
  holds_slot_ = false;
  RpcLimiter::Waiter next = transport_->limiter().Release();
  if (next) std::move(next)();
}

void CallBase::GetToken(std::shared_ptr<CallBase> self) {
  const auto& auth = self->transport_->options().auth;
  if (auth == nullptr) {
    ContinueAttempt(std::move(self), std::string());
    return;
  }
  auto token = auth->GetToken();
  if (token.is_ready()) {
    ContinueAttempt(std::move(self), token.Get());
    return;
  }
  FutureAccess::ThenInline(
      std::move(token),
      [self = std::move(self)](absl::StatusOr<std::string> t) mutable {
        ContinueAttempt(std::move(self), std::move(t));
      });
}

void CallBase::ContinueAttempt(std::shared_ptr<CallBase> self,
                               absl::StatusOr<std::string> token) {
  const CallSettings& s = self->settings_;
  AttemptInfo& info = self->current_;
  info.start = absl::Now();
  if (!token.ok()) {
    self->ReleaseSlot();
    // The provider's error, attributed to this call; retried like an RPC
    // failure when transient.
    absl::Status status =
        CallError(s.method, token.status().code(),
                  absl::StrCat("getting a token: ", token.status().message()),
                  info.ids, self->attempts_);
    AttemptInfo copy = info;
    OnAttemptResult(std::move(self), std::move(status), std::move(copy));
    return;
  }
  if (std::string problem = TokenProblem(*token); !problem.empty()) {
    self->ReleaseSlot();
    // Another attempt would get the same token: fail now.
    absl::Status status =
        CallError(s.method, absl::StatusCode::kInvalidArgument, problem,
                  info.ids, self->attempts_);
    AttemptInfo copy = info;
    Finish(std::move(self), std::move(status), std::move(copy));
    return;
  }
  absl::Time deadline = self->attempt_deadline_;
  if (deadline <= info.start) {
    self->ReleaseSlot();
    absl::Status status =
        CallError(s.method, absl::StatusCode::kDeadlineExceeded,
                  "the call's deadline passed", info.ids, self->attempts_);
    AttemptInfo copy = info;
    Finish(std::move(self), std::move(status), std::move(copy));
    return;
  }
  auto ctx = std::make_shared<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(deadline));
  ctx->AddMetadata(kClientRequestIdHeader, info.ids.client_request_id);
  ctx->AddMetadata(kClientTraceIdHeader, s.trace_id);
  if (!s.idempotency_key.empty()) {
    ctx->AddMetadata(kIdempotencyKeyHeader, s.idempotency_key);
  }
  if (!token->empty()) {
    ctx->AddMetadata(kAuthorizationHeader, absl::StrCat("Bearer ", *token));
  }
  self->token_ = *std::move(token);
  for (const auto& [key, value] : s.metadata) ctx->AddMetadata(key, value);
  bool cancelled;
  {
    internal::MutexLock lock(&self->mu_);
    cancelled = self->cancelled_;
    if (!cancelled) self->ctx_ = ctx;
  }
  if (cancelled) {
    self->ReleaseSlot();
    absl::Status status = self->CancelledError(info);
    AttemptInfo copy = info;
    Finish(std::move(self), std::move(status), std::move(copy));
    return;
  }
  self->transport_->executor()->AddPendingWork();
  grpc::ClientContext* raw_ctx = ctx.get();
  ctx.reset();  // ctx_ owns it until the callback
  // gRPC may end the call (and the completion path drop its reference)
  // before StartRpc returns, while StartRpc is still inside the stub and
  // gRPC still serializing the request on this thread. This reference keeps
  // the call, and through it the stubs and the channel, alive until then;
  // releasing it orders those reads before the call's destruction where
  // TSAN can see it (the hand-over inside libgrpc it cannot).
  std::shared_ptr<CallBase> keep = self;
  CallBase* raw = self.get();
  raw->in_flight_ = std::move(self);
  // The callback may run (and the call end) before StartRpc returns: touch
  // nothing of the call after it.
  raw->StartRpc(raw_ctx);
}

void CallBase::OnRpcDone(CallBase* call, grpc::Status status) {
  TsanAcquire(call);
  std::shared_ptr<CallBase> self = std::move(call->in_flight_);
  CallbackThreadScope callback_thread;
  // The next queued call starts on the executor, not on this gRPC thread.
  self->ReleaseSlot();
  std::shared_ptr<grpc::ClientContext> ctx;
  {
    internal::MutexLock lock(&self->mu_);
    ctx = std::move(self->ctx_);
  }
  // After the lock: the attempt's state was written before it was taken.
  AttemptInfo info = std::move(self->current_);
  info.duration = absl::Now() - info.start;
  CopyServerIds(*ctx, &info.ids);
  for (const Metadata* md :
       {&ctx->GetServerInitialMetadata(), &ctx->GetServerTrailingMetadata()}) {
    auto hint = md->find(kPollIntervalHeader);
    if (hint != md->end() && info.poll_hint == absl::ZeroDuration()) {
      info.poll_hint = ParsePollInterval(
          absl::string_view(hint->second.data(), hint->second.size()));
    }
  }
  const Transport& transport = *self->transport_;
  if (transport.options().log_sink) info.peer = ctx->peer();
  ctx.reset();  // per-attempt state goes before anything is delivered

  absl::Status result =
      status.ok()
          ? absl::OkStatus()
          : RpcError(self->settings_.method,
                     ExplainMessageOverLimit(
                         WithConnectionHint(std::move(status),
                                            transport.options().insecure),
                         self->RequestBytes()),
                     info.ids, self->attempts_);
  std::shared_ptr<Executor> executor = transport.executor();
  if (!result.ok() || transport.options().log_sink ||
      self->settings_.hop_completion) {
    // Retry decisions, timers and user code (the log sink) belong on the
    // executor.
    executor->Post([self = std::move(self), result = std::move(result),
                    info = std::move(info)]() mutable {
      OnAttemptResult(std::move(self), std::move(result), std::move(info));
    });
    executor->RemovePendingWork();
    return;
  }
  executor->RemovePendingWork();
  Finish(std::move(self), std::move(result), std::move(info));
}

void CallBase::OnAttemptResult(std::shared_ptr<CallBase> self,
                               absl::Status status, AttemptInfo info) {
  const CallSettings& s = self->settings_;
  if (const auto& sink = self->transport_->options().log_sink) {
    AttemptRecord record;
    record.method = std::string(s.method);
    record.peer = info.peer;
    record.attempt = info.attempts;
    record.start = info.start;
    record.duration = info.duration;
    record.code = status.code();
    record.message = std::string(status.message());
    record.client_request_id = info.ids.client_request_id;
    record.client_trace_id = info.ids.client_trace_id;
    record.idempotency_key = s.idempotency_key;
    record.request_id = info.ids.request_id;
    record.server_trace_id = info.ids.server_trace_id;
    sink->Record(record);
  }
  if (status.ok()) {
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  bool cancelled;
  {
    internal::MutexLock lock(&self->mu_);
    cancelled = self->cancelled_;
  }
  if (cancelled) {
    status = self->CancelledError(info);
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  const auto& auth = self->transport_->options().auth;
  if (status.code() == absl::StatusCode::kUnauthenticated && auth &&
      !self->token_.empty() && !self->auth_retried_) {
    // A token the server no longer takes (expired, revoked): let the
    // provider refresh, and try once more at once. The server did nothing,
    // so this is safe for every method and costs no retry budget.
    self->auth_retried_ = true;
    auth->OnUnauthenticated(self->token_);
    StartAttempt(std::move(self));
    return;
  }
  // A message over a size limit would be over it again: whatever the
  // retry policy says (it may take any RESOURCE_EXHAUSTED for a quota).
  if (s.retry == nullptr || IsMessageOverLimit(status) ||
      !s.retry->OnFailure(status)) {
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  absl::Time when = absl::Now() + s.backoff->OnCompletion();
  if (when >= s.deadline) {
    Finish(std::move(self), std::move(status), std::move(info));
    return;
  }
  std::shared_ptr<Executor> executor = self->transport_->executor();
  bool cancelled_now;
  {
    CallBase* raw = self.get();
    internal::MutexLock lock(&raw->mu_);
    cancelled_now = raw->cancelled_;
    if (!cancelled_now) {
      // `self` moves into the timer; the timer's callback takes mu_ first,
      // so the call outlives this scope even if the timer fires at once.
      raw->timer_ = executor->ScheduleAt(
          when, [self = std::move(self), info](bool fired) mutable {
            {
              internal::MutexLock lock(&self->mu_);
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
            absl::Status status = self->CancelledError(info);
            Finish(std::move(self), std::move(status), std::move(info));
          });
    }
  }
  if (!cancelled_now) return;
  status = self->CancelledError(info);
  Finish(std::move(self), std::move(status), std::move(info));
}

absl::Status CallBase::CancelledError(const AttemptInfo& info) {
  Reason reason;
  {
    internal::MutexLock lock(&mu_);
    reason = reason_;
  }
  return CallError(settings_.method, absl::StatusCode::kCancelled,
                   reason == Reason::kShutdown ? "the connection was destroyed"
                                               : "cancelled by the caller",
                   info.ids, attempts_);
}

void CallBase::Finish(std::shared_ptr<CallBase> self, absl::Status status,
                      AttemptInfo info) {
  CallRegistry::Entry entry = std::move(self->entry_);
  absl::AnyInvocable<void()> deliver =
      self->TakeCompletion(std::move(status), std::move(info));
  self.reset();  // request, policies and the Transport go first
  deliver();
  // `entry` goes last: the connection's destructor may proceed now.
}

void CallBase::Cancel(Reason reason) {
  std::shared_ptr<grpc::ClientContext> ctx;
  Executor::TimerId timer;
  {
    internal::MutexLock lock(&mu_);
    if (cancelled_) return;
    cancelled_ = true;
    reason_ = reason;
    ctx = ctx_;
    timer = timer_;
  }
  // Outside the lock: TryCancel may run the RPC's callback inline.
  if (ctx) ctx->TryCancel();
  if (timer.seq != 0) transport_->executor()->CancelTimer(timer);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
