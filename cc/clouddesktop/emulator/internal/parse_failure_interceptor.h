// Answers a unary request the server cannot parse with INVALID_ARGUMENT
// saying so.
//
// gRPC's callback API answers a request that fails to deserialize
// (truncated wire data, invalid UTF-8 in a proto3 string, nesting past
// protobuf's limit) with UNIMPLEMENTED and an empty message, which reads as
// "no such method". This interceptor sees the failed parse (the received
// message is null after POST_RECV_MESSAGE) and rewrites the status the call
// then sends. Emulator assumption: the service's exact wording is not
// documented; the code follows the gRPC status guide (a malformed request
// is the client's error, INVALID_ARGUMENT).

#ifndef CLOUDDESKTOP_EMULATOR_INTERNAL_PARSE_FAILURE_INTERCEPTOR_H_
#define CLOUDDESKTOP_EMULATOR_INTERNAL_PARSE_FAILURE_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <string>

namespace clouddesktop::emulator {
namespace internal {

// The message for a request of `method` ("/package.Service/Method") that
// could not be parsed; names the request type when the method is known.
std::string UnparsableRequestMessage(const std::string& method);

class ParseFailureInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace internal
}  // namespace clouddesktop::emulator

#endif  // CLOUDDESKTOP_EMULATOR_INTERNAL_PARSE_FAILURE_INTERCEPTOR_H_
