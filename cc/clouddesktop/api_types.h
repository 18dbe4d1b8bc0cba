// Short names for the generated API namespaces, used throughout the
// library's headers and open to users.

#ifndef CLOUDDESKTOP_API_TYPES_H_
#define CLOUDDESKTOP_API_TYPES_H_

#include "clouddesktop/version.h"

namespace yandex::cloud::clouddesktop::v1::api {}
namespace yandex::cloud::access {}
namespace yandex::cloud::operation {}

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// Cloud Desktop resources and requests (Desktop, CreateDesktopRequest, ...).
namespace api = ::yandex::cloud::clouddesktop::v1::api;
// Access bindings (DesktopGroupService's *AccessBindings methods).
namespace access = ::yandex::cloud::access;
// The raw long-running Operation and OperationService requests.
namespace operation = ::yandex::cloud::operation;

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_API_TYPES_H_
