// Coalesces the poll timers of many waits: each poll is due at the end of
// a 100 ms slot, so polls of different waits that fall into one slot go out
// together and gRPC sends them in one batch (measured: spread-out single
// polls cost about three times the CPU per RPC of batched ones, on both
// sides; BENCHMARKS.md). The slots' phase is random per process, so that
// different clients do not poll at the same instants.

#ifndef CLOUDDESKTOP_INTERNAL_POLL_SLOT_H_
#define CLOUDDESKTOP_INTERNAL_POLL_SLOT_H_

#include "absl/time/time.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

inline constexpr absl::Duration kPollSlot = absl::Milliseconds(100);

// The first slot boundary at or after `t`; boundaries are `phase` plus
// multiples of `slot`. Adds less than `slot` to any delay. Pure.
inline absl::Time PollSlotEnd(absl::Time t, absl::Duration slot,
                              absl::Duration phase) {
  if (slot <= absl::ZeroDuration() || t == absl::InfiniteFuture() ||
      t == absl::InfinitePast()) {
    return t;
  }
  absl::Duration since = (t - absl::UnixEpoch()) - phase;
  absl::Duration rest = since - absl::Floor(since, slot);
  return rest == absl::ZeroDuration() ? t : t + (slot - rest);
}

// This process's phase, drawn once in [0, kPollSlot).
absl::Duration PollSlotPhase();

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_POLL_SLOT_H_
