#include "clouddesktop/emulator/internal/id_generator.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::emulator::internal {
namespace {

constexpr absl::string_view kLowerAlnum =
    "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr absl::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string IdGenerator::Draw(absl::string_view alphabet, int count) {
  std::string out;
  out.reserve(count);
  clouddesktop::internal::MutexLock lock(&mu_);
  for (int i = 0; i < count; ++i) {
    out.push_back(alphabet[absl::Uniform<size_t>(gen_, 0, alphabet.size())]);
  }
  return out;
}

std::string IdGenerator::ResourceId(absl::string_view prefix) {
  return std::string(prefix) + Draw(kLowerAlnum, 20 - prefix.size());
}

std::string IdGenerator::Uuid() {
  uint64_t hi, lo;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    hi = absl::Uniform<uint64_t>(gen_);
    lo = absl::Uniform<uint64_t>(gen_);
  }
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;                      // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // variant 1
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32,
                         (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                         lo & 0xFFFFFFFFFFFFull);
}

std::string IdGenerator::IamToken() { return "t1." + Draw(kUrlSafe, 80); }

std::string IdGenerator::Password() {
  // One character of each class first, so every password passes the usual
  // complexity rules, then random characters from all of them.
  std::string out = Draw("ABCDEFGHJKLMNPQRSTUVWXYZ", 1) +
                    Draw("abcdefghijkmnopqrstuvwxyz", 1) + Draw("23456789", 1) +
                    Draw("!#%*+-=?@", 1);
  out += Draw(
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*+-=?@", 12);
  return out;
}

std::string IdGenerator::SecretBytes() {
  std::string out(32, '\0');
  clouddesktop::internal::MutexLock lock(&mu_);
  for (char& c : out) c = static_cast<char>(absl::Uniform<uint8_t>(gen_));
  return out;
}

}  // namespace clouddesktop::emulator::internal
