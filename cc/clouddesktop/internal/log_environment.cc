#include "clouddesktop/internal/log_environment.h"

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <utility>

#include "clouddesktop/text_log_sink.h"
#include "re2/re2.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class Tee : public LogSink {
 public:
  Tee(std::shared_ptr<LogSink> a, std::shared_ptr<LogSink> b)
      : a_(std::move(a)), b_(std::move(b)) {}
  void Record(const AttemptRecord& r) override {
    a_->Record(r);
    b_->Record(r);
  }
  void RecordPoll(const PollRecord& r) override {
    a_->RecordPoll(r);
    b_->RecordPoll(r);
  }

 private:
  const std::shared_ptr<LogSink> a_;
  const std::shared_ptr<LogSink> b_;
};

}  // namespace

std::shared_ptr<LogSink> TeeLogSink(std::shared_ptr<LogSink> a,
                                    std::shared_ptr<LogSink> b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  return std::make_shared<Tee>(std::move(a), std::move(b));
}

ConnectionOptions WithEnvironmentLogging(ConnectionOptions options) {
  const char* value = std::getenv(std::string(kLogEnvVar).c_str());
  if (value == nullptr || *value == '\0') return options;
  absl::StatusOr<LogComponents> components = ParseLogComponents(value);
  if (!components.ok()) {
    static std::once_flag warned;
    std::call_once(warned, [&] {
      std::cerr << "clouddesktop: " << kLogEnvVar
                << " ignored: " << components.status().message() << "\n";
    });
    return options;
  }
  if (!components->rpc && !components->wait) return options;
  options.log_sink = TeeLogSink(std::move(options.log_sink),
                                MakeTextLogSink(*components, std::cerr));
  return options;
}

std::string RedactSecrets(absl::string_view text) {
  static const RE2* const kPatterns[] = {
      new RE2(R"((?i)(bearer\s+)[^\s"',;]+)"),
      new RE2(R"(\bt1\.[A-Za-z0-9_\-.=]+)"),
      new RE2(R"(\by[0-9]_[A-Za-z0-9_\-]{16,})"),
      new RE2(
          R"((?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----)"),
  };
  std::string out(text);
  RE2::GlobalReplace(&out, *kPatterns[0], "\\1[REDACTED]");
  for (int i = 1; i < 4; ++i) {
    RE2::GlobalReplace(&out, *kPatterns[i], "[REDACTED]");
  }
  return out;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
