#include "clouddesktop/internal/polling_loop.h"

#include <algorithm>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clouddesktop/internal/errors.h"
#include "clouddesktop/internal/message_size.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/poll_slot.h"
#include "clouddesktop/internal/random.h"
#include "clouddesktop/status_details.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

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

namespace {
constexpr const char* kPollHeaders[] = {kPollIntervalHeader};
}  // namespace

absl::Time AgeOrigin(const operation::Operation& op, absl::Time start) {
  if (!op.has_created_at()) return start;
  absl::Time created = absl::FromUnixSeconds(op.created_at().seconds()) +
                       absl::Nanoseconds(op.created_at().nanos());
  // A created_at after the wait's start is the server's clock running
  // ahead: the wait's own start is the better estimate then.
  return std::min(created, start);
}

PollLoop::PollLoop(std::shared_ptr<Transport> transport,
                   std::shared_ptr<CallRegistry> registry,
                   operation::Operation op, const AwaitOptions& options)
    : transport_(std::move(transport)),
      registry_(std::move(registry)),
      options_(options),
      id_(op.id()),
      start_(transport_->clock().Now()),
      origin_(AgeOrigin(op, start_)) {
  const auto& prototype = options_.polling_policy
                              ? options_.polling_policy
                              : transport_->options().polling_policy;
  policy_ = prototype ? prototype->clone()
                      : std::make_unique<ProportionalPollingPolicy>();
  deadline_ = std::min(options_.deadline, start_ + policy_->MaximumDuration());
}

Future<absl::StatusOr<operation::Operation>> PollLoop::Start(
    std::shared_ptr<Transport> transport,
    std::shared_ptr<CallRegistry> registry, operation::Operation op,
    const AwaitOptions& options) {
  using Result = absl::StatusOr<operation::Operation>;
  if (op.done()) return MakeReadyFuture(Result(std::move(op)));
  if (op.id().empty()) {
    return MakeReadyFuture(Result(absl::InvalidArgumentError(
        "cannot wait for an operation without an id")));
  }
  auto promise = FutureAccess::MakePromise<Result>(transport->executor());
  std::shared_ptr<PollLoop> self(new PollLoop(
      std::move(transport), std::move(registry), std::move(op), options));
  std::weak_ptr<PollLoop> weak = self;
  promise.SetCancel([weak] {
    if (auto loop = weak.lock()) loop->Cancel(Reason::kCaller);
  });
  auto future = promise.GetFuture();
  self->promise_ = std::move(promise);
  self->entry_ = self->registry_->Register(self);
  if (!self->entry_.valid()) {
    {
      internal::MutexLock lock(&self->mu_);
      self->cancelled_ = true;
      self->reason_ = Reason::kShutdown;
    }
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return future;
  }
  absl::Duration first = self->policy_->FirstDelay();
  Schedule(std::move(self), first);
  return future;
}

absl::Duration PollSlotPhase() {
  static const absl::Duration phase = absl::Nanoseconds(absl::Uniform<int64_t>(
      ThreadBitGen(), 0, absl::ToInt64Nanoseconds(kPollSlot)));
  return phase;
}

void PollLoop::Schedule(std::shared_ptr<PollLoop> self, absl::Duration delay) {
  absl::Time when = self->transport_->clock().Now() + delay;
  if (delay > absl::ZeroDuration()) {
    when = PollSlotEnd(when, kPollSlot, PollSlotPhase());
  }
  when = std::min(when, self->deadline_);
  std::shared_ptr<Executor> executor = self->transport_->executor();
  bool cancelled;
  {
    PollLoop* raw = self.get();
    internal::MutexLock lock(&raw->mu_);
    cancelled = raw->cancelled_;
    if (!cancelled) {
      // The timer's callback takes mu_ first, so `raw` outlives this scope.
      raw->timer_ = executor->ScheduleAt(
          when, [self = std::move(self)](bool fired) mutable {
            {
              internal::MutexLock lock(&self->mu_);
              self->timer_ = Executor::TimerId{};
              if (!fired && !self->cancelled_) {
                self->cancelled_ = true;  // the executor shut down
                self->reason_ = Reason::kShutdown;
              }
            }
            if (!fired) {
              absl::Status status = self->CancelledError();
              Finish(std::move(self), std::move(status));
            } else if (self->transport_->clock().Now() >= self->deadline_) {
              absl::Status status = self->DeadlineError();
              Finish(std::move(self), std::move(status));
            } else {
              Poll(std::move(self));
            }
          });
    }
  }
  if (!cancelled) return;
  absl::Status status = self->CancelledError();
  Finish(std::move(self), std::move(status));
}

void PollLoop::Poll(std::shared_ptr<PollLoop> self) {
  const Transport& transport = *self->transport_;
  CallSettings settings =
      MakeCallSettings(transport.options(), "OperationService.Get",
                       /*idempotent=*/true, self->options_.poll_options);
  // One attempt per poll: the polling policy rides out transient errors.
  settings.retry.reset();
  settings.backoff.reset();
  settings.deadline = std::min(settings.deadline, self->deadline_);
  settings.hop_completion = true;
  settings.wanted_headers = kPollHeaders;
  operation::GetOperationRequest request;
  request.set_operation_id(self->id_);
  using GetCall = AsyncRetryLoop<OperationStub, operation::GetOperationRequest,
                                 operation::Operation>;
  auto call = std::make_shared<GetCall>(self->transport_, std::move(settings),
                                        transport.stubs().operation.get(),
                                        &OperationStub::AsyncGet, request);
  bool cancelled;
  {
    internal::MutexLock lock(&self->mu_);
    cancelled = self->cancelled_;
    if (!cancelled) self->poll_ = call;
  }
  if (cancelled) {
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  std::shared_ptr<CallRegistry> registry = self->registry_;
  call->set_done(
      [self = std::move(self)](absl::StatusOr<operation::Operation> result,
                               const AttemptInfo& info) mutable {
        OnPoll(std::move(self), std::move(result), info);
      });
  RetryLoopBase::Start(std::move(call), *registry);
}

void PollLoop::OnPoll(std::shared_ptr<PollLoop> self,
                      absl::StatusOr<operation::Operation> result,
                      const AttemptInfo& info) {
  ++self->polls_;
  bool cancelled;
  {
    internal::MutexLock lock(&self->mu_);
    self->poll_.reset();
    cancelled = self->cancelled_;
  }
  if (!cancelled && !result.ok() &&
      result.status().code() == absl::StatusCode::kCancelled &&
      self->registry_->closed()) {
    // The connection is going: its owner cancelled this poll, and the wait
    // is next in line (CloseAndCancelAll). Any other CANCELLED came from the
    // server and is transient (see PollErrorTolerance).
    internal::MutexLock lock(&self->mu_);
    if (!self->cancelled_) {
      self->cancelled_ = true;
      self->reason_ = Reason::kShutdown;
    }
    cancelled = true;
  }
  if (cancelled) {
    absl::Status status = self->CancelledError();
    Finish(std::move(self), std::move(status));
    return;
  }
  if (self->options_.on_poll) self->options_.on_poll(result);
  if (result.ok() && result->done()) {
    self->LogPoll(result, absl::ZeroDuration());
    Finish(std::move(self), std::move(result));
    return;
  }
  absl::Status poll_status = result.ok() ? absl::OkStatus() : result.status();
  if (!poll_status.ok() && self->transport_->clock().Now() >= self->deadline_) {
    // The poll ran into the wait's own deadline.
    self->LogPoll(result, absl::ZeroDuration());
    absl::Status status = self->DeadlineError();
    Finish(std::move(self), std::move(status));
    return;
  }
  absl::Duration hint = absl::ZeroDuration();
  for (const auto& [key, value] : info.response_headers) {
    if (key == kPollIntervalHeader) hint = ParsePollInterval(value);
  }
  // Every poll would get the same over-large Operation, whatever the
  // policy rides out.
  absl::StatusOr<absl::Duration> delay =
      IsMessageOverLimit(poll_status)
          ? absl::StatusOr<absl::Duration>(poll_status)
          : self->policy_->OnPoll(
                poll_status, hint,
                self->transport_->clock().Now() - self->origin_);
  self->LogPoll(result, delay.ok() ? *delay : absl::ZeroDuration());
  if (!delay.ok()) {
    absl::Status status = WithPrefix(
        absl::StrCat("waiting for operation ", self->id_), delay.status());
    Finish(std::move(self), std::move(status));
    return;
  }
  Schedule(std::move(self), *delay);
}

void PollLoop::LogPoll(const absl::StatusOr<operation::Operation>& result,
                       absl::Duration next_delay) const {
  const std::shared_ptr<LogSink>& sink = transport_->options().log_sink;
  if (sink == nullptr) return;
  PollRecord record;
  record.operation_id = id_;
  record.poll = polls_;
  record.code = result.status().code();
  record.message = std::string(result.status().message());
  record.done = result.ok() && result->done();
  record.next_delay = next_delay;
  sink->RecordPoll(record);
}

void PollLoop::Finish(std::shared_ptr<PollLoop> self,
                      absl::StatusOr<operation::Operation> result) {
  // Any error here ended the wait, not the operation (its own failure comes
  // as a done Operation): say so in a way a program can test.
  if (!result.ok()) result = WaitIncomplete(result.status(), self->id_);
  CallRegistry::Entry entry = std::move(self->entry_);
  auto promise = std::move(self->promise_);
  self.reset();
  promise.SetValue(std::move(result));
}

void PollLoop::Cancel(Reason reason) {
  Executor::TimerId timer;
  std::shared_ptr<RetryLoopBase> poll;
  {
    internal::MutexLock lock(&mu_);
    if (cancelled_) return;
    cancelled_ = true;
    reason_ = reason;
    timer = timer_;
    poll = poll_.lock();
  }
  if (poll) poll->Cancel(reason);
  if (timer.seq != 0) transport_->executor()->CancelTimer(timer);
}

absl::Status PollLoop::CancelledError() {
  Reason reason;
  {
    internal::MutexLock lock(&mu_);
    reason = reason_;
  }
  if (reason == Reason::kShutdown) {
    return absl::CancelledError(absl::StrCat(
        "the connection was destroyed while waiting for operation ", id_));
  }
  return absl::CancelledError(
      absl::StrCat("stopped waiting for operation ", id_,
                   " (the operation itself goes on; CancelAndAwait stops it)"));
}

absl::Status PollLoop::DeadlineError() const {
  return absl::DeadlineExceededError(absl::StrCat(
      "operation ", id_, " is not done after ",
      absl::FormatDuration(absl::Trunc(transport_->clock().Now() - start_,
                                       absl::Milliseconds(1))),
      " (", polls_, polls_ == 1 ? " poll)" : " polls)"));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
