// What every service implementation shares: the state, the timers, the
// faults, the tokens and the per-emulator settings. Owned by the Emulator;
// outlives the gRPC server.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_SERVICE_ENV_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_SERVICE_ENV_H_

#include "absl/time/time.h"
#include "clouddesktop/emulator/internal/compute_catalog.h"
#include "clouddesktop/emulator/internal/fault_injector.h"
#include "clouddesktop/emulator/internal/id_generator.h"
#include "clouddesktop/emulator/internal/jwt_verifier.h"
#include "clouddesktop/emulator/internal/operation_engine.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "clouddesktop/emulator/internal/scheduler.h"
#include "clouddesktop/emulator/internal/store.h"
#include "clouddesktop/emulator/internal/token_registry.h"

namespace clouddesktop::emulator::internal {

// Pointers to thread-safe parts and immutable settings: safe to share
// between threads once built.
struct ServiceEnv {
  Store* store = nullptr;
  OperationEngine* operations = nullptr;
  Scheduler* scheduler = nullptr;
  FaultInjector* faults = nullptr;
  TokenRegistry* tokens = nullptr;
  JwtVerifier* jwt = nullptr;
  IdGenerator* ids = nullptr;
  const PageTokenCodec* pages = nullptr;
  const ComputeCatalog* compute = nullptr;
  bool require_token = false;
  absl::Duration poll_interval_hint = absl::ZeroDuration();
};

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_SERVICE_ENV_H_
