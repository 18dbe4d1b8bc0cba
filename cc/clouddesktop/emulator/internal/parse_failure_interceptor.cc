#include "clouddesktop/emulator/internal/parse_failure_interceptor.h"

#include <grpcpp/support/interceptor.h>
#include <grpcpp/support/status.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "clouddesktop/internal/tsan.h"
#include "google/protobuf/descriptor.h"

namespace clouddesktop::emulator {
namespace internal {
namespace {

using grpc::experimental::InterceptionHookPoints;

class ParseFailureInterceptor : public grpc::experimental::Interceptor {
 public:
  // `method` lives as long as the server (gRPC's registered method name).
  explicit ParseFailureInterceptor(const char* method) : method_(method) {
    clouddesktop::internal::TsanRelease(this);
  }
  ~ParseFailureInterceptor() override {
    clouddesktop::internal::TsanAcquire(this);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    // The hooks of one call run one at a time, but gRPC creates, calls and
    // deletes the interceptor on its own threads, ordered inside the
    // uninstrumented library: say so to ThreadSanitizer.
    clouddesktop::internal::TsanAcquire(this);
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsable_ = true;
    }
    if (unparsable_ && methods->QueryInterceptionHookPoint(
                           InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       UnparsableRequestMessage(method_)));
    }
    clouddesktop::internal::TsanRelease(this);
    methods->Proceed();
  }

 private:
  const char* const method_;
  bool unparsable_ = false;
};

}  // namespace

std::string UnparsableRequestMessage(const std::string& method) {
  // "/yandex.cloud.x.Service/Get" -> "yandex.cloud.x.Service.Get"
  const std::string full_name =
      absl::StrReplaceAll(absl::StripPrefix(method, "/"), {{"/", "."}});
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          full_name);
  const std::string what =
      descriptor != nullptr
          ? absl::StrCat(" as ", descriptor->input_type()->full_name())
          : "";
  return absl::StrCat(
      "the request could not be parsed", what, " (", method,
      "): malformed protobuf wire data, such as truncated bytes, invalid "
      "UTF-8 in a string field, or nesting deeper than 100 levels");
}

grpc::experimental::Interceptor*
ParseFailureInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // A stream's reads also end with no message (at the end of the stream),
  // so only unary calls, whose one read must yield the request, are told
  // apart this way. Streams (reflection) keep gRPC's own status.
  if (info->type() != grpc::experimental::ServerRpcInfo::Type::UNARY) {
    return nullptr;
  }
  return new ParseFailureInterceptor(info->method());
}

}  // namespace internal
}  // namespace clouddesktop::emulator
