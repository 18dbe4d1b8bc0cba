// Reading a file a flag names, bounded: a device (/dev/zero), a directory
// or a socket is refused, and more than `max_bytes` is an error naming the
// file, instead of reading until memory runs out.

#ifndef CLOUDDESKTOP_CLI_BOUNDED_READ_H_
#define CLOUDDESKTOP_CLI_BOUNDED_READ_H_

#include <cstddef>
#include <istream>
#include <string>

#include "absl/status/statusor.h"

namespace clouddesktop::cli {

// The contents of `path` for `flag` ("--token-file"; named in errors).
// Reads regular files and pipes (a FIFO, `<(command)`); anything else is
// INVALID_ARGUMENT "FLAG PATH: not a regular file (a character device)".
// More than `max_bytes` is INVALID_ARGUMENT naming the file and the limit
// (read stops there). Unreadable: INVALID_ARGUMENT with the OS's reason.
absl::StatusOr<std::string> ReadBoundedFile(const std::string& flag,
                                            const std::string& path,
                                            size_t max_bytes);

// The same for `-` (standard input, a stream the user named): at most
// `max_bytes`.
absl::StatusOr<std::string> ReadBoundedStream(const std::string& flag,
                                              std::istream& in,
                                              size_t max_bytes);

// "64 KiB", "4 MiB": for messages.
std::string ByteSize(size_t bytes);

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_BOUNDED_READ_H_
