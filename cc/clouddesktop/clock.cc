#include "clouddesktop/clock.h"

#include "absl/time/clock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace {

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace

std::shared_ptr<const Clock> SystemClock() {
  static const std::shared_ptr<const Clock>* const clock =
      new std::shared_ptr<const Clock>(std::make_shared<RealClock>());
  return *clock;
}

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
