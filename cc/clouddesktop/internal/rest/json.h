// The JSON of the REST API: protobuf's JSON mapping as the Yandex Cloud
// REST reference shows it. lowerCamelCase names, int64 as strings,
// enums by name, Timestamps in RFC 3339, `Any` as {"@type": ..., fields},
// fields at their default value left out.

#ifndef CLOUDDESKTOP_INTERNAL_REST_JSON_H_
#define CLOUDDESKTOP_INTERNAL_REST_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/version.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace rest_internal {

// Printing: camelCase names, defaults omitted, one line.
google::protobuf::util::JsonPrintOptions RestJsonPrintOptions();
// Parsing: both camelCase and proto names accepted (as protobuf does);
// unknown fields are an error, so a typo is not silently dropped.
google::protobuf::util::JsonParseOptions RestJsonParseOptions();

// `message` as REST JSON. INTERNAL if it cannot be printed (an Any whose
// type is not linked in).
absl::StatusOr<std::string> ToRestJson(
    const google::protobuf::Message& message);

// Merges the REST JSON `json` into `message`. INVALID_ARGUMENT naming the
// message type and, from protobuf's parser, the field or position.
absl::Status MergeRestJson(absl::string_view json,
                           google::protobuf::Message* message);

// Builds protobuf's JSON converter tables (built lazily, once per process)
// now, on this thread: called before a thread that will print or parse
// REST JSON is started, so that the first call does not pay for it, and so
// that ThreadSanitizer sees the tables made before that thread exists (it
// cannot see the once-flag inside an uninstrumented libprotobuf, and would
// otherwise report two threads' first uses as a race). Cheap after the
// first call; thread-safe.
void InitRestJson();

}  // namespace rest_internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_REST_JSON_H_
