// Recognising PEM certificates, so that a roots file that holds none is
// reported as what it is rather than as gRPC's "empty address list".

#ifndef CLOUDDESKTOP_INTERNAL_PEM_H_
#define CLOUDDESKTOP_INTERNAL_PEM_H_

#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

// Whether `pem` holds at least one "-----BEGIN CERTIFICATE-----" block
// whose body is base64 of a DER SEQUENCE (the shape of every X.509
// certificate). A structural check only: it does not verify the
// certificate, which TLS does.
bool HasPemCertificate(absl::string_view pem);

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_PEM_H_
