#include "clouddesktop/cli/bounded_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace clouddesktop::cli {
namespace {

const char* KindOf(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

absl::Status TooLarge(const std::string& flag, const std::string& what,
                      size_t max_bytes) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " ", what, ": larger than the limit of ",
                   ByteSize(max_bytes), "; is it the right file?"));
}

}  // namespace

std::string ByteSize(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) {
    return absl::StrCat(bytes >> 20, " MiB");
  }
  if (bytes >= 1024 && bytes % 1024 == 0) {
    return absl::StrCat(bytes >> 10, " KiB");
  }
  return absl::StrCat(bytes, " bytes");
}

absl::StatusOr<std::string> ReadBoundedFile(const std::string& flag,
                                            const std::string& path,
                                            size_t max_bytes) {
  // A FIFO blocks here until its writer opens it, as the user asked.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode))) {
    mode_t mode = st.st_mode;
    close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": ", KindOf(mode),
                     "; give a regular file (or - for standard input where "
                     "the flag takes it)"));
  }
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
    close(fd);
    return TooLarge(flag, path, max_bytes);
  }
  std::string text;
  char buffer[16384];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      return absl::InvalidArgumentError(absl::StrCat(
          flag, ": cannot read ", path, ": ", std::strerror(error)));
    }
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > max_bytes) {
      close(fd);
      return TooLarge(flag, path, max_bytes);
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return text;
}

absl::StatusOr<std::string> ReadBoundedStream(const std::string& flag,
                                              std::istream& in,
                                              size_t max_bytes) {
  std::string text;
  char buffer[16384];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    size_t n = static_cast<size_t>(in.gcount());
    if (text.size() + n > max_bytes) {
      return TooLarge(flag, "- (standard input)", max_bytes);
    }
    text.append(buffer, n);
  }
  return text;
}

}  // namespace clouddesktop::cli
