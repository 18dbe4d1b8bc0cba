#include "clouddesktop/internal/grpc_callback_thread.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

thread_local int callback_depth = 0;

}  // namespace

GrpcCallbackScope::GrpcCallbackScope() { ++callback_depth; }
GrpcCallbackScope::~GrpcCallbackScope() { --callback_depth; }

bool InGrpcCallback() { return callback_depth > 0; }

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
