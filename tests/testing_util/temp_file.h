// Files a test writes for the code under test to read (keys, certificates,
// configuration), under the test's own $TEST_TMPDIR.

#ifndef TESTS_TESTING_UTIL_TEMP_FILE_H_
#define TESTS_TESTING_UTIL_TEMP_FILE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace testing_util {

// $TEST_TMPDIR (Bazel's, or ctest's environment), else /tmp.
std::string TempDir();

// Writes `contents` to TempDir()/name, replacing any file there, with
// `mode` (0600 by default: what a key file should have); returns the path.
std::string WriteTempFile(absl::string_view name, absl::string_view contents,
                          int mode = 0600);

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_TEMP_FILE_H_
