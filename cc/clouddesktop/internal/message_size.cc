#include "clouddesktop/internal/message_size.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

constexpr absl::string_view kReceived = "Received message larger than max (";
constexpr absl::string_view kSent = "Sent message larger than max (";

// "SIZE vs. LIMIT)" at the start of `rest`.
bool ParseSizes(absl::string_view rest, MessageOverLimit* out) {
  auto vs = rest.find(" vs. ");
  auto close = rest.find(')');
  if (vs == absl::string_view::npos || close == absl::string_view::npos ||
      close < vs) {
    return false;
  }
  return absl::SimpleAtoi(rest.substr(0, vs), &out->size) &&
         absl::SimpleAtoi(rest.substr(vs + 5, close - vs - 5), &out->limit);
}

}  // namespace

std::optional<MessageOverLimit> FindMessageOverLimit(
    absl::string_view message) {
  for (bool sent : {false, true}) {
    absl::string_view marker = sent ? kSent : kReceived;
    auto at = message.find(marker);
    if (at == absl::string_view::npos) continue;
    MessageOverLimit out;
    out.sent = sent;
    if (ParseSizes(message.substr(at + marker.size()), &out)) return out;
  }
  return std::nullopt;
}

bool IsMessageOverLimit(const absl::Status& status) {
  return status.code() == absl::StatusCode::kResourceExhausted &&
         FindMessageOverLimit(status.message()).has_value();
}

absl::Status ExplainMessageOverLimit(absl::Status status,
                                     size_t request_bytes) {
  if (status.code() != absl::StatusCode::kResourceExhausted) return status;
  std::optional<MessageOverLimit> m = FindMessageOverLimit(status.message());
  if (!m.has_value()) return status;
  std::string what;
  if (m->sent) {
    what = absl::StrCat("the request is ", m->size,
                        " bytes, larger than this client's send "
                        "limit of ",
                        m->limit,
                        " bytes (GRPC_ARG_MAX_SEND_MESSAGE_LENGTH in "
                        "ConnectionOptions::channel_arguments)");
  } else if (static_cast<int64_t>(request_bytes) == m->size &&
             m->size > m->limit) {
    // Our own request, refused by the server's receive limit.
    what = absl::StrCat("the request is ", m->size,
                        " bytes, larger than the server accepts (", m->limit,
                        " bytes)");
  } else {
    what = absl::StrCat("the response is ", m->size,
                        " bytes, larger than this client's "
                        "limit of ",
                        m->limit,
                        " bytes (raise "
                        "ConnectionOptions::max_response_bytes to receive it)");
  }
  absl::Status out(status.code(),
                   absl::StrCat(what,
                                "; not retried: another attempt would meet "
                                "the same limit (",
                                status.message(), ")"));
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& value) {
    out.SetPayload(url, value);
  });
  return out;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
