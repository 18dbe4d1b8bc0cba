#include "clouddesktop/internal/future_state.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {
thread_local bool tls_in_callback_thread = false;
}  // namespace

bool InCallbackThread() { return tls_in_callback_thread; }

CallbackThreadScope::CallbackThreadScope() : saved_(tls_in_callback_thread) {
  tls_in_callback_thread = true;
}

CallbackThreadScope::~CallbackThreadScope() { tls_in_callback_thread = saved_; }

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
