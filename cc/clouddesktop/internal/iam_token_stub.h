// IamTokenService (the credentials' token exchange) as a transport-neutral
// Stub (see stub_macros.h). Only Create: the one RPC the credentials make.

#ifndef CLOUDDESKTOP_INTERNAL_IAM_TOKEN_STUB_H_
#define CLOUDDESKTOP_INTERNAL_IAM_TOKEN_STUB_H_

#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
#include "yandex/cloud/iam/v1/iam_token_service.pb.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace iam = ::yandex::cloud::iam::v1;
}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

// The RPCs of IamTokenService the library calls: X(Method, Request,
// Response).
#define CLOUDDESKTOP_INTERNAL_IAM_TOKEN_RPCS(X) \
  X(Create, iam::CreateIamTokenRequest, iam::CreateIamTokenResponse)

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB(IamTokenStub,
                                  CLOUDDESKTOP_INTERNAL_IAM_TOKEN_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_IAM_TOKEN_STUB_H_
