#include "clouddesktop/emulator/reflection_v1.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clouddesktop/emulator/emulator.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace clouddesktop::emulator {
namespace {

namespace v1 = ::grpc::reflection::v1;
using ::google::protobuf::DescriptorPool;
using ::google::protobuf::FileDescriptor;

// `file` and everything it imports, skipping what this stream already sent.
void AddFiles(const FileDescriptor* file, std::set<std::string>* sent,
              v1::FileDescriptorResponse* out) {
  std::vector<const FileDescriptor*> pending = {file};
  while (!pending.empty()) {
    const FileDescriptor* next = pending.back();
    pending.pop_back();
    if (!sent->insert(next->name()).second) continue;
    google::protobuf::FileDescriptorProto proto;
    next->CopyTo(&proto);
    out->add_file_descriptor_proto(proto.SerializeAsString());
    for (int i = 0; i < next->dependency_count(); ++i) {
      pending.push_back(next->dependency(i));
    }
  }
}

void NotFound(const std::string& what, v1::ServerReflectionResponse* out) {
  out->mutable_error_response()->set_error_code(grpc::StatusCode::NOT_FOUND);
  out->mutable_error_response()->set_error_message(what + " not found.");
}

}  // namespace

ReflectionV1Service::ReflectionV1Service(std::vector<std::string> services)
    : services_(std::move(services)) {}

grpc::Status ReflectionV1Service::ServerReflectionInfo(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<v1::ServerReflectionResponse,
                             v1::ServerReflectionRequest>* stream) {
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  std::set<std::string> sent;
  v1::ServerReflectionRequest request;
  while (stream->Read(&request)) {
    v1::ServerReflectionResponse response;
    response.set_valid_host(request.host());
    *response.mutable_original_request() = request;
    switch (request.message_request_case()) {
      case v1::ServerReflectionRequest::kListServices:
        for (const std::string& name : services_) {
          response.mutable_list_services_response()->add_service()->set_name(
              name);
        }
        break;
      case v1::ServerReflectionRequest::kFileByFilename:
        if (const FileDescriptor* file =
                pool->FindFileByName(request.file_by_filename())) {
          AddFiles(file, &sent, response.mutable_file_descriptor_response());
        } else {
          NotFound("File", &response);
        }
        break;
      case v1::ServerReflectionRequest::kFileContainingSymbol:
        if (const FileDescriptor* file = pool->FindFileContainingSymbol(
                request.file_containing_symbol())) {
          AddFiles(file, &sent, response.mutable_file_descriptor_response());
        } else {
          NotFound("Symbol", &response);
        }
        break;
      case v1::ServerReflectionRequest::kFileContainingExtension: {
        const auto& ext = request.file_containing_extension();
        const auto* type = pool->FindMessageTypeByName(ext.containing_type());
        const auto* field = type == nullptr ? nullptr
                                            : pool->FindExtensionByNumber(
                                                  type, ext.extension_number());
        if (field != nullptr) {
          AddFiles(field->file(), &sent,
                   response.mutable_file_descriptor_response());
        } else {
          NotFound("Extension", &response);
        }
        break;
      }
      case v1::ServerReflectionRequest::kAllExtensionNumbersOfType: {
        const auto* type = pool->FindMessageTypeByName(
            request.all_extension_numbers_of_type());
        if (type == nullptr) {
          NotFound("Type", &response);
          break;
        }
        std::vector<const google::protobuf::FieldDescriptor*> extensions;
        pool->FindAllExtensions(type, &extensions);
        auto* numbers = response.mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const auto* e : extensions)
          numbers->add_extension_number(e->number());
        break;
      }
      default:
        response.mutable_error_response()->set_error_code(
            grpc::StatusCode::UNIMPLEMENTED);
        response.mutable_error_response()->set_error_message("unknown request");
        break;
    }
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
}

std::unique_ptr<ReflectionV1Service> MakeReflectionV1ForEmulator() {
  std::vector<std::string> names = ApiServiceNames();
  names.push_back("grpc.health.v1.Health");
  names.push_back("grpc.reflection.v1alpha.ServerReflection");
  names.push_back("grpc.reflection.v1.ServerReflection");
  return std::make_unique<ReflectionV1Service>(std::move(names));
}

}  // namespace clouddesktop::emulator
