// The metadata concern of every Stub (see stub_macros.h): the request ids
// (x-client-request-id per attempt, x-client-trace-id per call), the
// idempotency key of a mutating call, then the caller's own headers. The
// user agent travels with the channel (a transport's property).

#ifndef CLOUDDESKTOP_INTERNAL_METADATA_DECORATOR_H_
#define CLOUDDESKTOP_INTERNAL_METADATA_DECORATOR_H_

#include <utility>

#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

class MetadataConcern {
 public:
  template <typename Response, typename Next>
  void Around(RpcContext& context, StubCallback<Response> done, Next next) {
    Headers& md = context.metadata;
    md.reserve(md.size() + 3 +
               (context.call_metadata ? context.call_metadata->size() : 0));
    md.emplace_back(kClientRequestIdHeader, context.ids.client_request_id);
    md.emplace_back(kClientTraceIdHeader, context.ids.client_trace_id);
    if (!context.idempotency_key.empty()) {
      md.emplace_back(kIdempotencyKeyHeader, context.idempotency_key);
    }
    if (context.call_metadata != nullptr) {
      md.insert(md.end(), context.call_metadata->begin(),
                context.call_metadata->end());
    }
    next(context, std::move(done));
  }
};

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_METADATA_DECORATOR_H_
