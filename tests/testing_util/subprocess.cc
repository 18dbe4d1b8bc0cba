#include "tests/testing_util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/match.h"
#include "absl/time/clock.h"

extern char** environ;

namespace testing_util {
namespace {

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

std::string CliBinary() { return "cc/clouddesktop/cli/clouddesktop"; }
std::string EmulatorBinary() {
  return "cc/clouddesktop/emulator/emulator_main";
}

Subprocess::Subprocess(const std::string& binary,
                       const std::vector<std::string>& args, Options options) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return;
  int err_read = -1;
  int err_write = -1;
  if (options.stderr_on_terminal) {
    winsize size{};
    size.ws_row = 50;
    size.ws_col = static_cast<unsigned short>(options.terminal_columns);
    if (openpty(&err_read, &err_write, nullptr, nullptr, &size) != 0) return;
    fcntl(err_read, F_SETFD, FD_CLOEXEC);
    fcntl(err_write, F_SETFD, FD_CLOEXEC);
  } else {
    int err[2];
    if (pipe2(err, O_CLOEXEC) != 0) return;
    err_read = err[0];
    err_write = err[1];
  }
  int in[2] = {-1, -1};
  if (pipe2(in, O_CLOEXEC) != 0) return;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_write, 2);
  // The child starts with no blocked signals and default dispositions.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  // options.env replaces inherited variables of the same name (getenv
  // would find the first of two).
  auto overridden = [&options](absl::string_view entry) {
    absl::string_view name = entry.substr(0, entry.find('='));
    for (const std::string& e : options.env) {
      if (absl::string_view(e).substr(0, e.find('=')) == name) return true;
    }
    return false;
  };
  for (char** e = environ; *e != nullptr; ++e) {
    if (!overridden(*e)) env_storage.push_back(*e);
  }
  for (const std::string& e : options.env) env_storage.push_back(e);
  std::vector<char*> envp;
  for (std::string& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, binary.c_str(), &actions, &attr, argv.data(),
                  envp.data()) == 0) {
    pid_ = pid;
    started_ = true;
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(in[0]);
  close(out[1]);
  close(err_write);
  out_fd_ = out[0];
  err_fd_ = err_read;
  // Small inputs fit in the pipe's buffer: write, then close (EOF).
  if (!options.stdin_text.empty()) {
    ssize_t written =
        write(in[1], options.stdin_text.data(), options.stdin_text.size());
    (void)written;
  }
  close(in[1]);
}

Subprocess::~Subprocess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  CloseFd(out_fd_);
  CloseFd(err_fd_);
}

bool Subprocess::Pump(absl::Duration timeout) {
  pollfd fds[2];
  int n = 0;
  if (out_fd_ >= 0) fds[n++] = {out_fd_, POLLIN, 0};
  if (err_fd_ >= 0) fds[n++] = {err_fd_, POLLIN, 0};
  if (n == 0) return false;
  int ms = static_cast<int>(absl::ToInt64Milliseconds(timeout));
  int ready = poll(fds, n, ms < 0 ? 0 : ms);
  if (ready <= 0) return true;
  for (int i = 0; i < n; ++i) {
    if (fds[i].revents == 0) continue;
    char buffer[8192];
    ssize_t got = read(fds[i].fd, buffer, sizeof(buffer));
    bool is_out = fds[i].fd == out_fd_;
    if (got > 0) {
      (is_out ? out_ : err_).append(buffer, static_cast<size_t>(got));
    } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
      // EOF (a pty reports EIO once the child closed its end).
      CloseFd(is_out ? out_fd_ : err_fd_);
    }
  }
  return true;
}

std::optional<std::string> Subprocess::ReadLine(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (true) {
    size_t newline = out_.find('\n', out_read_);
    if (newline != std::string::npos) {
      std::string line = out_.substr(out_read_, newline - out_read_);
      out_read_ = newline + 1;
      return line;
    }
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration() || out_fd_ < 0) return std::nullopt;
    Pump(left);
  }
}

bool Subprocess::WaitForStderr(absl::string_view needle,
                               absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (!absl::StrContains(err_, needle)) {
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration() || err_fd_ < 0) return false;
    Pump(left);
  }
  return true;
}

void Subprocess::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

std::optional<int> Subprocess::Wait(absl::Duration timeout) {
  if (pid_ <= 0) return std::nullopt;
  absl::Time deadline = absl::Now() + timeout;
  while (true) {
    // Read everything first: a child blocked on a full pipe never exits.
    while ((out_fd_ >= 0 || err_fd_ >= 0) && absl::Now() < deadline) {
      Pump(std::min(deadline - absl::Now(), absl::Milliseconds(100)));
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        // Whatever is still buffered in the pipes.
        while ((out_fd_ >= 0 || err_fd_ >= 0) && absl::Now() < deadline &&
               Pump(absl::Milliseconds(100))) {
        }
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        if (WIFSIGNALED(status)) return -WTERMSIG(status);
        return std::nullopt;
      }
    }
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return -WTERMSIG(status);
      return std::nullopt;
    }
    if (absl::Now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      return std::nullopt;
    }
    absl::SleepFor(absl::Milliseconds(5));  // output closed, not yet reaped
  }
}

std::string Subprocess::Stderr() {
  // Only what is there now: a zero timeout per round, until a round reads
  // nothing more from stderr.
  size_t before;
  do {
    before = err_.size();
    if (!Pump(absl::ZeroDuration())) break;
  } while (err_.size() != before && err_fd_ >= 0);
  return err_;
}

std::string ListeningAddress(Subprocess& process, absl::Duration timeout) {
  if (!process.started()) return "";
  std::optional<std::string> line = process.ReadLine(timeout);
  constexpr absl::string_view kPrefix = "listening on ";
  if (!line || !absl::StartsWith(*line, kPrefix)) return "";
  return line->substr(kPrefix.size());
}

std::string HttpListeningAddress(Subprocess& process, absl::Duration timeout) {
  if (!process.started()) return "";
  std::optional<std::string> line = process.ReadLine(timeout);
  constexpr absl::string_view kPrefix = "http listening on ";
  if (!line || !absl::StartsWith(*line, kPrefix)) return "";
  return line->substr(kPrefix.size());
}

}  // namespace testing_util
