// Waiting for an AuthProvider's token in a test without hanging it.

#ifndef TESTS_TESTING_UTIL_AWAIT_TOKEN_H_
#define TESTS_TESTING_UTIL_AWAIT_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clouddesktop/credentials/credentials.h"

namespace testing_util {

// The next token of `auth`, or DEADLINE_EXCEEDED ("hung") after `timeout`.
inline absl::StatusOr<std::string> AwaitToken(
    clouddesktop::AuthProvider& auth,
    absl::Duration timeout = absl::Seconds(30)) {
  auto future = auth.GetToken();
  if (!future.WaitFor(timeout)) return absl::DeadlineExceededError("hung");
  return future.Get();
}

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_AWAIT_TOKEN_H_
