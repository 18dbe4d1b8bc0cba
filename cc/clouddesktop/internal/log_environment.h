// CLOUDDESKTOP_LOG: request logging turned on by the environment.

#ifndef CLOUDDESKTOP_INTERNAL_LOG_ENVIRONMENT_H_
#define CLOUDDESKTOP_INTERNAL_LOG_ENVIRONMENT_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "clouddesktop/log_sink.h"
#include "clouddesktop/options.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// `options` with a stderr text sink added for the components CLOUDDESKTOP_LOG
// names (beside options.log_sink, if any). An invalid value is reported on
// stderr once per process and ignored: a typo must not stop a program.
ConnectionOptions WithEnvironmentLogging(ConnectionOptions options);

// A sink forwarding every record to both.
std::shared_ptr<LogSink> TeeLogSink(std::shared_ptr<LogSink> a,
                                    std::shared_ptr<LogSink> b);

// `text` with anything shaped like a credential replaced by [REDACTED]:
// `Bearer <x>`, IAM tokens (t1.<...>), OAuth tokens (y0_<...>) and PEM
// private keys. Defence in depth: the library never puts secrets in
// messages, but a server or a token provider might echo one.
std::string RedactSecrets(absl::string_view text);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_LOG_ENVIRONMENT_H_
