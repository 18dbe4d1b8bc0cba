#include "clouddesktop/cli/interrupts.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "clouddesktop/internal/mutex.h"

namespace clouddesktop::cli {
namespace {

struct Scopes {
  internal::Mutex mu;
  std::vector<std::function<void(int)>*> stack ABSL_GUARDED_BY(mu);
};

Scopes& GetScopes() {
  static Scopes* scopes = new Scopes();  // never destroyed: the signal
                                         // thread may outlive main
  return *scopes;
}

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void SignalLoop() {
  sigset_t set = StopSignals();
  while (true) {
    int signal_number = 0;
    if (sigwait(&set, &signal_number) != 0) continue;
    Scopes& scopes = GetScopes();
    internal::MutexLock lock(&scopes.mu);
    if (!scopes.stack.empty()) {
      (*scopes.stack.back())(signal_number);
      continue;
    }
    static constexpr char kMessage[] = "\ninterrupted\n";
    ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
    (void)ignored;
    _exit(128 + signal_number);
  }
}

}  // namespace

void InstallInterruptHandling() {
  static const bool installed = [] {
    sigset_t set = StopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(SignalLoop).detach();
    return true;
  }();
  (void)installed;
}

InterruptScope::InterruptScope(std::function<void(int signal)> handler)
    : handler_(std::move(handler)) {
  Scopes& scopes = GetScopes();
  internal::MutexLock lock(&scopes.mu);
  scopes.stack.push_back(&handler_);
}

InterruptScope::~InterruptScope() {
  Scopes& scopes = GetScopes();
  internal::MutexLock lock(&scopes.mu);
  auto it = std::find(scopes.stack.begin(), scopes.stack.end(), &handler_);
  if (it != scopes.stack.end()) scopes.stack.erase(it);
}

}  // namespace clouddesktop::cli
