#include "clouddesktop/emulator/internal/connection_acceptor.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "clouddesktop/emulator/internal/listen_address.h"

namespace clouddesktop::emulator::internal {
namespace {

constexpr absl::Duration kNoticeEvery = absl::Seconds(5);
constexpr absl::Duration kBackoff = absl::Milliseconds(50);

int OpenReserve() { return open("/dev/null", O_RDONLY | O_CLOEXEC); }

}  // namespace

int RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return static_cast<int>(
      std::min<rlim_t>(limit.rlim_cur, std::numeric_limits<int>::max()));
}

absl::StatusOr<std::unique_ptr<ConnectionAcceptor>> ConnectionAcceptor::Listen(
    const std::vector<std::string>& addresses) {
  std::unique_ptr<ConnectionAcceptor> acceptor(new ConnectionAcceptor);
  for (const std::string& address : addresses) {
    const size_t colon = address.rfind(':');
    int port = 0;
    if (colon == std::string::npos ||
        !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot listen on ", address, ": no port"));
    }
    absl::string_view host = absl::string_view(address).substr(0, colon);
    if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
    if (port == 0 && acceptor->port_ != 0) port = acceptor->port_;
    const BoundSocket bound =
        BindTcp(std::string(host), port, /*listen_backlog=*/1024);
    if (bound.fd < 0) {
      return absl::UnavailableError(
          absl::StrCat(address, ": ", DescribeSocketError(bound.error)));
    }
    acceptor->listeners_.push_back(bound.fd);
    if (acceptor->port_ == 0) acceptor->port_ = bound.port;
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot make a pipe: ", std::strerror(errno)));
  }
  acceptor->wake_read_ = pipe_fds[0];
  acceptor->wake_write_ = pipe_fds[1];
  acceptor->reserve_ = OpenReserve();
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  acceptor->soft_limit_ = static_cast<int>(
      std::min<rlim_t>(limit.rlim_cur, std::numeric_limits<int>::max()));
  return acceptor;
}

ConnectionAcceptor::~ConnectionAcceptor() {
  Stop();
  for (int fd : {wake_read_, wake_write_, reserve_}) {
    if (fd >= 0) close(fd);
  }
}

void ConnectionAcceptor::Start(
    std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> sink) {
  sink_ = std::move(sink);
  thread_ = std::thread([this] { Loop(); });
}

void ConnectionAcceptor::Stop() {
  if (thread_.joinable()) {
    const char byte = 0;
    while (write(wake_write_, &byte, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  for (int fd : listeners_) close(fd);
  listeners_.clear();
}

bool ConnectionAcceptor::StopRequested(absl::Duration timeout) {
  pollfd wake{wake_read_, POLLIN, 0};
  return poll(&wake, 1, static_cast<int>(absl::ToInt64Milliseconds(timeout))) >
         0;
}

void ConnectionAcceptor::Loop() {
  std::vector<pollfd> fds;
  for (int fd : listeners_) fds.push_back(pollfd{fd, POLLIN, 0});
  fds.push_back(pollfd{wake_read_, POLLIN, 0});
  while (true) {
    for (pollfd& p : fds) p.revents = 0;
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      if (StopRequested(kBackoff)) return;
      continue;
    }
    if (fds.back().revents != 0) return;  // Stop()
    bool back_off = false;
    for (size_t i = 0; i + 1 < fds.size(); ++i) {
      if (fds[i].revents != 0 && !AcceptAll(fds[i].fd)) back_off = true;
    }
    if (back_off && StopRequested(kBackoff)) return;
  }
}

bool ConnectionAcceptor::AcceptAll(int listener) {
  while (true) {
    if (reserve_ < 0) reserve_ = OpenReserve();
    const int fd =
        accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      if (fd >= soft_limit_ - kDescriptorHeadroom) {
        close(fd);
        Refuse("too many connections for the open-file limit");
        continue;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      grpc::experimental::ExternalConnectionAcceptor::NewConnectionParameters
          connection;
      connection.listener_fd = listener;
      connection.fd = fd;  // the server owns it from here
      sink_->HandleNewConnection(&connection);
      continue;
    }
    switch (errno) {
      case EINTR:
      case ECONNABORTED:
      case EPROTO:
        continue;
      case EAGAIN:
        return true;
      case EMFILE:
      case ENFILE:
      case ENOBUFS:
      case ENOMEM:
        if (reserve_ >= 0) {
          // Free one descriptor to take the waiting connection off the
          // queue and close it: the client learns at once.
          close(reserve_);
          reserve_ = -1;
          const int refused = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
          if (refused >= 0) close(refused);
          reserve_ = OpenReserve();
          Refuse("out of file descriptors");
          if (refused >= 0) continue;
        }
        return false;
      default:
        Refuse(std::strerror(errno));
        return false;
    }
  }
}

void ConnectionAcceptor::Refuse(const char* why) {
  refused_.fetch_add(1);
  const absl::Time now = absl::Now();
  if (now - last_notice_ < kNoticeEvery) return;
  last_notice_ = now;
  std::fprintf(stderr,
               "emulator: refusing connections (%s; open-file limit %d); "
               "accepting again as descriptors free up\n",
               why, soft_limit_);
}

}  // namespace clouddesktop::emulator::internal
