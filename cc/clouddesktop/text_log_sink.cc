#include "clouddesktop/text_log_sink.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clouddesktop/internal/log_environment.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

void AppendId(std::string& line, absl::string_view key,
              const std::string& value) {
  if (!value.empty()) absl::StrAppend(&line, " ", key, "=", value);
}

class TextLogSink : public LogSink {
 public:
  TextLogSink(LogComponents components, std::ostream& out)
      : components_(components), out_(out) {}

  void Record(const AttemptRecord& r) override {
    if (!components_.rpc) return;
    std::string line =
        absl::StrCat("clouddesktop rpc: ", r.method, " attempt=", r.attempt,
                     " ", absl::StatusCodeToString(r.code), " ",
                     absl::FormatDuration(r.duration));
    if (!r.message.empty()) {
      absl::StrAppend(&line, " \"", internal::RedactSecrets(r.message), "\"");
    }
    AppendId(line, "peer", r.peer);
    AppendId(line, "x-request-id", r.request_id);
    AppendId(line, "x-server-trace-id", r.server_trace_id);
    AppendId(line, "x-client-request-id", r.client_request_id);
    AppendId(line, "x-client-trace-id", r.client_trace_id);
    AppendId(line, "idempotency-key", r.idempotency_key);
    Write(std::move(line));
  }

  void RecordPoll(const PollRecord& r) override {
    if (!components_.wait) return;
    std::string line = absl::StrCat(
        "clouddesktop wait: operation ", r.operation_id, " poll=", r.poll, " ",
        absl::StatusCodeToString(r.code), " done=", r.done ? "true" : "false");
    if (!r.message.empty()) {
      absl::StrAppend(&line, " \"", internal::RedactSecrets(r.message), "\"");
    }
    if (r.next_delay > absl::ZeroDuration()) {
      absl::StrAppend(&line, " next=", absl::FormatDuration(r.next_delay));
    }
    Write(std::move(line));
  }

 private:
  void Write(std::string line) {
    // One line per record whatever the message holds.
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    line.push_back('\n');
    internal::MutexLock lock(&mu_);
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    out_.flush();
  }

  const LogComponents components_;
  internal::Mutex mu_;  // one line at a time on out_
  std::ostream& out_;
};

}  // namespace

absl::StatusOr<LogComponents> ParseLogComponents(absl::string_view spec) {
  LogComponents components;
  for (absl::string_view part : absl::StrSplit(spec, ',')) {
    part = absl::StripAsciiWhitespace(part);
    if (part.empty()) continue;
    if (part == "rpc") {
      components.rpc = true;
    } else if (part == "wait") {
      components.wait = true;
    } else if (part == "all") {
      components.rpc = components.wait = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown log component \"", part, "\" (known: rpc, wait, all)"));
    }
  }
  return components;
}

std::shared_ptr<LogSink> MakeTextLogSink(LogComponents components,
                                         std::ostream& out) {
  return std::make_shared<TextLogSink>(components, out);
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
