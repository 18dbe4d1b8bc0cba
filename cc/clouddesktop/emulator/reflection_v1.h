// grpc.reflection.v1 for the emulator's binaries, beside the v1alpha that
// libgrpc++_reflection (gRPC 1.51) serves: tools newer than 1.51 (grpcurl,
// Postman, grpcui) ask for v1 first.
//
// Not part of //cc/clouddesktop/emulator: a program linking it carries
// grpc/reflection/v1/reflection.proto, and a second copy of that file in one
// process (e.g. a newer gRPC's reflection library) aborts at start-up. The
// binaries add it through EmulatorOptions::extra_services.

#ifndef CLOUDDESKTOP_EMULATOR_REFLECTION_V1_H_
#define CLOUDDESKTOP_EMULATOR_REFLECTION_V1_H_

#include <memory>
#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace clouddesktop::emulator {

// Answers from protobuf's generated pool (every file linked into the
// program), as v1alpha does: list_services, file_by_filename,
// file_containing_symbol, file_containing_extension,
// all_extension_numbers_of_type. A file is sent with the files it imports,
// each once per stream. Thread-safe (one stream per call, no shared state).
class ReflectionV1Service final
    : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // `services`: what list_services answers (the server's full names).
  explicit ReflectionV1Service(std::vector<std::string> services);

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>*
          stream) override;

 private:
  const std::vector<std::string> services_;
};

// The service for an emulator: lists the API services, grpc.health.v1.Health
// and both reflection services.
std::unique_ptr<ReflectionV1Service> MakeReflectionV1ForEmulator();

}  // namespace clouddesktop::emulator

#endif  // CLOUDDESKTOP_EMULATOR_REFLECTION_V1_H_
