#include "clouddesktop/internal/pem.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

bool HasPemCertificate(absl::string_view pem) {
  constexpr absl::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  constexpr absl::string_view kEnd = "-----END CERTIFICATE-----";
  size_t from = 0;
  while (true) {
    const size_t begin = pem.find(kBegin, from);
    if (begin == absl::string_view::npos) return false;
    const size_t body = begin + kBegin.size();
    const size_t end = pem.find(kEnd, body);
    if (end == absl::string_view::npos) return false;
    std::string base64;
    for (const char c : pem.substr(body, end - body)) {
      if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
        base64.push_back(c);
      }
    }
    std::string der;
    if (absl::Base64Unescape(base64, &der) && der.size() > 2 &&
        der[0] == '\x30') {
      return true;
    }
    from = end + kEnd.size();
  }
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
