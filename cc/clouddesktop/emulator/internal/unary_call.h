// The life of one unary call, the same for every method: response headers,
// injected latency (a timer, not a sleeping thread), authentication,
// injected errors, request validation, idempotency keys, then the method's
// own work under the store lock, and the answer with error details.

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_UNARY_CALL_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_UNARY_CALL_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clouddesktop/emulator/internal/service_env.h"
#include "clouddesktop/emulator/internal/store.h"
#include "google/protobuf/message.h"

namespace clouddesktop::emulator::internal {

// Static description of a method.
struct MethodInfo {
  absl::string_view service;  // short name, as in fault specs
  absl::string_view method;
  // IamTokenService and ApiEndpointService: never need a token.
  bool public_method = false;
  // Starts an operation: honours idempotency-key; response is an Operation.
  bool mutating = false;
  // Answers with an Operation: gets x-operation-poll-interval.
  bool returns_operation = false;
};

// What the method's work knows about the caller.
struct CallInfo {
  // Subject of the caller's valid token; empty without one.
  std::string subject;
  // authorization: Bearer <token> as sent, empty if absent. Never logged.
  std::string bearer_token;
};

using CallBody = absl::AnyInvocable<absl::Status(Records&, const CallInfo&)>;

// Serves one call: runs `body` (with the store locked) when the call gets
// that far and finishes the default reactor. `method` must have static
// storage duration; `request`/`response` are the call's own (valid until
// the reactor finishes). Never blocks.
grpc::ServerUnaryReactor* ServeUnary(const ServiceEnv* env,
                                     const MethodInfo* method,
                                     grpc::CallbackServerContext* context,
                                     const google::protobuf::Message* request,
                                     google::protobuf::Message* response,
                                     CallBody body);

// The value of a client metadata entry, or empty.
std::string ClientHeader(const grpc::CallbackServerContext* context,
                         absl::string_view name);

}  // namespace clouddesktop::emulator::internal

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_UNARY_CALL_H_
