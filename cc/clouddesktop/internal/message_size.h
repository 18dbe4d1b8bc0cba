// A message over gRPC's size limits, told apart from a server's quota error.
//
// Both arrive as RESOURCE_EXHAUSTED. A server's (quota, rate limit) is
// transient and retried; a message over a size limit is not: another
// attempt receives (or sends) the same message. gRPC reports its own limits
// with the texts "Received message larger than max (SIZE vs. LIMIT)" and
// "Sent message larger than max (SIZE vs. LIMIT)" (1.51:
// src/core/ext/filters/message_size and http/message_decompress; later
// versions prefix "CLIENT: " or "SERVER: "). The same text comes back when
// the *server's* receive limit refused our request; the request's size
// tells the two apart. The REST transport's HTTP client reports its
// response limit in the same words (curl_http_client.cc).

#ifndef CLOUDDESKTOP_INTERNAL_MESSAGE_SIZE_H_
#define CLOUDDESKTOP_INTERNAL_MESSAGE_SIZE_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// gRPC's report of a message over a size limit.
struct MessageOverLimit {
  bool sent = false;  // "Sent ...": over the sender's own send limit
  int64_t size = 0;   // bytes of the message
  int64_t limit = 0;  // the limit it went over
};

// The first such report in `message`, if any. Pure.
std::optional<MessageOverLimit> FindMessageOverLimit(absl::string_view message);

// True for RESOURCE_EXHAUSTED caused by a message over a size limit (what
// ExplainMessageOverLimit leaves in the message keeps it recognizable):
// never worth another attempt or another poll.
bool IsMessageOverLimit(const absl::Status& status);

// For such a status of an attempt whose request serialized to
// `request_bytes`: the same code and payloads with a message that says
// which message, whose limit and how to raise it, the transport's own text
// kept at the end. Any other status is returned as it is. No gRPC type: the
// retry loop (transport-neutral) calls it on every failed attempt.
absl::Status ExplainMessageOverLimit(absl::Status status, size_t request_bytes);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_MESSAGE_SIZE_H_
