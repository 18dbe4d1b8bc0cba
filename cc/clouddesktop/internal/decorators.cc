// The non-template parts of the auth and logging concerns.

#include <string>

#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/auth_decorator.h"
#include "clouddesktop/internal/logging_decorator.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

// A token must travel as one "authorization: Bearer ..." header. Past this
// size no server takes it (gRPC's own default limit for a whole header list
// is 8 KiB on receipt; IAM tokens are well under 1 KiB), so it is refused
// before any attempt rather than retried as RESOURCE_EXHAUSTED.
constexpr size_t kMaxTokenBytes = 16 * 1024;

}  // namespace

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

void LogAttempt(LogSink& sink, const RpcContext& context, absl::Time start,
                absl::Duration duration, const absl::Status& status) {
  AttemptRecord record;
  record.method = std::string(context.method);
  record.peer = context.peer;
  record.attempt = context.attempt;
  record.start = start;
  record.duration = duration;
  record.code = status.code();
  if (!status.ok()) {
    // The message the caller would see for this attempt.
    record.message = std::string(AttemptError(context, status).message());
  }
  record.client_request_id = context.ids.client_request_id;
  record.client_trace_id = context.ids.client_trace_id;
  record.idempotency_key = context.idempotency_key;
  record.request_id = context.ids.request_id;
  record.server_trace_id = context.ids.server_trace_id;
  sink.Record(record);
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
