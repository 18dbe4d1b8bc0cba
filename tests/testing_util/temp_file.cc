#include "tests/testing_util/temp_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace testing_util {

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

std::string WriteTempFile(absl::string_view name, absl::string_view contents,
                          int mode) {
  std::string path = absl::StrCat(TempDir(), "/", name);
  // Unlinked first, so a file of another mode is not reused.
  unlink(path.c_str());
  {
    std::ofstream out(path, std::ios::binary);
    out << contents;
  }
  chmod(path.c_str(), static_cast<mode_t>(mode));
  return path;
}

}  // namespace testing_util
