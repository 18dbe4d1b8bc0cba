#include "clouddesktop/emulator/internal/token_registry.h"

#include "clouddesktop/internal/mutex.h"
namespace clouddesktop::emulator::internal {

TokenRegistry::TokenRegistry(IdGenerator* ids, absl::Duration lifetime)
    : ids_(ids), lifetime_(lifetime) {}

IssuedToken TokenRegistry::Issue(absl::string_view subject) {
  IssuedToken issued{ids_->IamToken(), absl::Now() + lifetime_};
  clouddesktop::internal::MutexLock lock(&mu_);
  tokens_[issued.token] = Entry{std::string(subject), issued.expires_at};
  return issued;
}

std::optional<std::string> TokenRegistry::Check(absl::string_view token) {
  clouddesktop::internal::MutexLock lock(&mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return std::nullopt;
  if (it->second.expires_at <= absl::Now()) {
    tokens_.erase(it);
    return std::nullopt;
  }
  return it->second.subject;
}

std::optional<std::string> TokenRegistry::Revoke(absl::string_view token) {
  clouddesktop::internal::MutexLock lock(&mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return std::nullopt;
  std::string subject = std::move(it->second.subject);
  tokens_.erase(it);
  return subject;
}

}  // namespace clouddesktop::emulator::internal
