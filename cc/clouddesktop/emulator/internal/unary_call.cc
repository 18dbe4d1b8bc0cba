#include "clouddesktop/emulator/internal/unary_call.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clouddesktop/emulator/internal/errors.h"
#include "clouddesktop/validation.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop::emulator::internal {
namespace {

using yandex::cloud::operation::Operation;

// The API design guide (concepts/idempotency): "The header must contain the
// UUID." Any version, either case: 8-4-4-4-12 hexadecimal digits.
bool IsUuid(absl::string_view key) {
  if (key.size() != 36) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? key[i] != '-' : !absl::ascii_isxdigit(key[i])) return false;
  }
  return true;
}

void AddResponseHeaders(const ServiceEnv* env,
                        grpc::CallbackServerContext* context) {
  context->AddInitialMetadata("x-request-id", env->ids->Uuid());
  context->AddInitialMetadata("x-server-trace-id", env->ids->Uuid());
  for (absl::string_view echoed :
       {"x-client-request-id", "x-client-trace-id"}) {
    std::string value = ClientHeader(context, echoed);
    if (!value.empty()) {
      context->AddInitialMetadata(std::string(echoed), value);
    }
  }
}

absl::Status Authenticate(const ServiceEnv* env, const MethodInfo& method,
                          const grpc::CallbackServerContext* context,
                          CallInfo* info) {
  std::string authorization = ClientHeader(context, "authorization");
  absl::string_view token = authorization;
  bool bearer = false;
  if (token.size() > 7 &&
      absl::EqualsIgnoreCase(token.substr(0, 7), "Bearer ")) {
    token = absl::StripLeadingAsciiWhitespace(token.substr(7));
    bearer = true;
  }
  if (bearer) {
    info->bearer_token = std::string(token);
    if (std::optional<std::string> subject = env->tokens->Check(token)) {
      info->subject = *std::move(subject);
      return absl::OkStatus();
    }
  }
  if (!env->require_token || method.public_method) return absl::OkStatus();
  // Never quote the token: it is a secret even when it is wrong.
  if (authorization.empty()) {
    return absl::UnauthenticatedError(
        "the call has no 'authorization: Bearer <IAM token>' header");
  }
  if (!bearer) {
    return absl::UnauthenticatedError(
        "the authorization header is not of the form 'Bearer <IAM token>'");
  }
  return absl::UnauthenticatedError(
      "the IAM token is unknown, expired or revoked");
}

absl::Status Process(const ServiceEnv* env, const MethodInfo& method,
                     grpc::CallbackServerContext* context,
                     const google::protobuf::Message* request,
                     google::protobuf::Message* response,
                     const absl::Status& injected, CallBody& body) {
  if (context->IsCancelled()) {
    return absl::CancelledError("the call was cancelled by the client");
  }
  CallInfo info;
  if (absl::Status s = Authenticate(env, method, context, &info); !s.ok()) {
    return s;
  }
  if (!injected.ok()) return injected;
  if (absl::Status s = clouddesktop::Validate(*request); !s.ok()) return s;

  std::string key;
  if (method.mutating) key = ClientHeader(context, "idempotency-key");
  if (key.empty()) {
    return env->store->Locked(
        [&](Records& records) { return body(records, info); });
  }

  if (!IsUuid(key)) {
    // Named like a field, so the BadRequest says which input is wrong.
    return InvalidField(request->GetDescriptor()->full_name(),
                        "idempotency-key",
                        "must be a UUID (e.g. "
                        "6f1c0b2e-3d7a-4e59-9a41-2b8c5d0e7f13)",
                        "format");
  }
  auto* operation = static_cast<Operation*>(response);
  return env->store->Locked([&](Records& records) -> absl::Status {
    // "it checks whether an operation with this UUID has already been
    // created. If so, the server returns the Operation object with this
    // operation's current status" (concepts/idempotency): whatever the
    // request, as the guide makes no exception.
    auto it = records.idempotency.find(key);
    if (it != records.idempotency.end()) {
      auto op = records.operations.find(it->second);
      if (op != records.operations.end()) {
        *operation = op->second.operation;
        return absl::OkStatus();
      }
    }
    absl::Status status = body(records, info);
    if (status.ok()) records.idempotency[key] = operation->id();
    return status;
  });
}

// x-operation-poll-interval is in seconds (the service sends integers, and
// the SDKs read them as such); sub-second hints, useful against an emulator,
// keep their fraction ("0.75"), trailing zeros trimmed.
std::string PollIntervalHeaderValue(absl::Duration hint) {
  const int64_t ms = std::max<int64_t>(
      1, absl::ToInt64Milliseconds(absl::Ceil(hint, absl::Milliseconds(1))));
  if (ms % 1000 == 0) return absl::StrCat(ms / 1000);
  std::string fraction = absl::StrFormat("%03d", ms % 1000);
  while (fraction.back() == '0') fraction.pop_back();
  return absl::StrCat(ms / 1000, ".", fraction);
}

}  // namespace

std::string ClientHeader(const grpc::CallbackServerContext* context,
                         absl::string_view name) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find(grpc::string_ref(name.data(), name.size()));
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

grpc::ServerUnaryReactor* ServeUnary(const ServiceEnv* env,
                                     const MethodInfo* method,
                                     grpc::CallbackServerContext* context,
                                     const google::protobuf::Message* request,
                                     google::protobuf::Message* response,
                                     CallBody body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  AddResponseHeaders(env, context);
  CallFault fault = env->faults->ForCall(method->service, method->method);
  auto run = [env, method, context, request, response, reactor,
              injected = std::move(fault.error),
              body = std::move(body)](bool shutting_down) mutable {
    absl::Status status =
        shutting_down
            ? absl::UnavailableError("the emulator is shutting down")
            : Process(env, *method, context, request, response, injected, body);
    if (status.ok() && method->returns_operation &&
        env->poll_interval_hint > absl::ZeroDuration()) {
      context->AddInitialMetadata(
          "x-operation-poll-interval",
          PollIntervalHeaderValue(env->poll_interval_hint));
    }
    reactor->Finish(ToGrpcStatus(status));
  };
  if (fault.latency > absl::ZeroDuration()) {
    env->scheduler->RunAfter(fault.latency, std::move(run));
  } else {
    std::move(run)(false);
  }
  return reactor;
}

}  // namespace clouddesktop::emulator::internal
