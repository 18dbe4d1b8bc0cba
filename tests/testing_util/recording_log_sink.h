// A LogSink that keeps every attempt record, for tests that assert what a
// call logged. Thread-safe: records arrive on the connections' threads.

#ifndef TESTS_TESTING_UTIL_RECORDING_LOG_SINK_H_
#define TESTS_TESTING_UTIL_RECORDING_LOG_SINK_H_

#include <vector>

#include "absl/base/thread_annotations.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/log_sink.h"

namespace testing_util {

class RecordingLogSink : public clouddesktop::LogSink {
 public:
  void Record(const clouddesktop::AttemptRecord& r) override {
    clouddesktop::internal::MutexLock lock(&mu_);
    records_.push_back(r);
  }
  // A copy of the records so far, in the order they came.
  std::vector<clouddesktop::AttemptRecord> records() {
    clouddesktop::internal::MutexLock lock(&mu_);
    return records_;
  }

 private:
  clouddesktop::internal::Mutex mu_;
  std::vector<clouddesktop::AttemptRecord> records_ ABSL_GUARDED_BY(mu_);
};

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_RECORDING_LOG_SINK_H_
