#include "cli_test_util.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

extern char** environ;

namespace cli_test {
namespace {

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

std::string CliBinary() { return "cc/clouddesktop/cli/clouddesktop"; }
std::string EmulatorBinary() {
  return "cc/clouddesktop/emulator/emulator_main";
}

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

std::string WriteFile(const std::string& name, const std::string& contents) {
  std::string path = absl::StrCat(TempDir(), "/", name);
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << contents;
  }
  chmod(path.c_str(), 0600);
  return path;
}

Process::Process(const std::string& binary,
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

Process::~Process() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  CloseFd(out_fd_);
  CloseFd(err_fd_);
}

bool Process::Pump(absl::Duration timeout) {
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

std::optional<std::string> Process::ReadLine(absl::Duration timeout) {
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

bool Process::WaitForStderr(absl::string_view needle, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (!absl::StrContains(err_, needle)) {
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration() || err_fd_ < 0) return false;
    Pump(left);
  }
  return true;
}

void Process::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

std::optional<int> Process::Wait(absl::Duration timeout) {
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

std::string Result::Describe() const {
  return absl::StrCat("command: ", command, "\nexit code: ", exit_code,
                      "\n--- stdout ---\n", out, "\n--- stderr ---\n", err);
}

Result RunCli(const std::vector<std::string>& args,
              const Process::Options& options) {
  Result result;
  result.command = absl::StrCat("clouddesktop ", absl::StrJoin(args, " "));
  Process process(CliBinary(), args, options);
  if (!process.started()) {
    result.err = "could not start the CLI";
    return result;
  }
  std::optional<int> code = process.Wait(absl::Minutes(1));
  result.exit_code = code.value_or(-1000);
  result.out = process.out();
  result.err = process.err();
  return result;
}

nlohmann::json Json(const Result& result) {
  nlohmann::json parsed = nlohmann::json::parse(result.out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "not JSON:\n" << result.Describe();
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

Emulator::Emulator(std::vector<std::string> args, std::string binary) {
  std::vector<std::string> argv = {"--listen", "127.0.0.1:0"};
  if (binary == CliBinary()) argv.insert(argv.begin(), "emulator");
  argv.insert(argv.end(), args.begin(), args.end());
  process_ = std::make_unique<Process>(binary, argv);
  std::optional<std::string> line = process_->ReadLine(absl::Seconds(60));
  constexpr absl::string_view kPrefix = "listening on ";
  if (line && absl::StartsWith(*line, kPrefix)) {
    address_ = line->substr(kPrefix.size());
  }
}

std::unique_ptr<Emulator> Emulator::WithTls(std::vector<std::string> args) {
  static int count = 0;
  std::string name = absl::StrCat("emulator-tls-", ++count);
  TestTls tls = MakeTestTls();
  std::string cert = WriteFile(name + ".crt", tls.cert_pem);
  std::string key = WriteFile(name + ".key", tls.key_pem);
  args.insert(args.begin(), {"--tls-cert", cert, "--tls-key", key});
  auto emulator = std::make_unique<Emulator>(std::move(args));
  emulator->client_flags_ = {"--ca-cert", cert};
  return emulator;
}

std::vector<std::string> Emulator::Args(std::vector<std::string> args) const {
  std::vector<std::string> flags = {"--endpoint", address_};
  flags.insert(flags.end(), client_flags_.begin(), client_flags_.end());
  args.insert(args.begin(), flags.begin(), flags.end());
  return args;
}

TestTls MakeTestTls() {
  TestTls tls;
  EVP_PKEY* key = EVP_RSA_gen(2048);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr,
                           nullptr);
  tls.key_pem = BioText(bio.get());
  bio.reset(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key);
  tls.public_key_pem = BioText(bio.get());

  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] :
       {std::pair<int, const char*>{NID_subject_alt_name,
                                    "DNS:localhost,IP:127.0.0.1"},
        {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, key, EVP_sha256());
  bio.reset(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  tls.cert_pem = BioText(bio.get());
  X509_free(cert);
  EVP_PKEY_free(key);
  return tls;
}

}  // namespace cli_test
