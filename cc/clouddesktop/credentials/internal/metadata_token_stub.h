// The compute metadata service's token endpoint as a transport-neutral Stub
// (one method, no protobuf), which the library's one retry loop drives
// (metadata_client.h), and its libcurl implementation.

#ifndef CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_TOKEN_STUB_H_
#define CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_TOKEN_STUB_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/clock.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr char kMetadataTokenPath[] =
    "/computeMetadata/v1/instance/service-accounts/default/token";

// The GET has nothing to send.
struct MetadataTokenRequest {};

// The answer's body (the token's JSON), cleansed from memory when
// destroyed. Move-only: the token has one owner at a time.
struct MetadataTokenAnswer {
  MetadataTokenAnswer() = default;
  MetadataTokenAnswer(MetadataTokenAnswer&&) = default;
  MetadataTokenAnswer& operator=(MetadataTokenAnswer&&) = default;
  ~MetadataTokenAnswer();

  std::string body;
};

class MetadataTokenStub {
 public:
  virtual ~MetadataTokenStub() = default;
  // One attempt: the default service account's token. `done` gets the body
  // of an HTTP 200, else a status whose message never quotes the answer.
  virtual void AsyncGetToken(RpcContext& context,
                             const MetadataTokenRequest& request,
                             StubCallback<MetadataTokenAnswer> done) = 0;
};

// GET http://<address>/computeMetadata/v1/.../token with
// `Metadata-Flavor: Google` over libcurl's multi interface (one event
// thread, no thread per call), never through a proxy, each attempt within
// `connect_timeout` to connect and the context's deadline (on `clock`).
// Errors: no connection, a timeout, HTTP 429 and 5xx are UNAVAILABLE (what
// the retry loop retries); 404 NOT_FOUND; 401 and 403 PERMISSION_DENIED;
// another status UNKNOWN; an answer over 64 KiB INTERNAL. `timeout` is
// only named in the timeout error. INTERNAL if libcurl cannot start.
absl::StatusOr<std::shared_ptr<MetadataTokenStub>> MakeCurlMetadataTokenStub(
    std::string address, absl::Duration connect_timeout, absl::Duration timeout,
    std::shared_ptr<const Clock> clock);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_INTERNAL_METADATA_TOKEN_STUB_H_
