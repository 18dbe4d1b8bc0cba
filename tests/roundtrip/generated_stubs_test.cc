// Proves the generated messages and stubs link and work end to end: one
// in-process server on 127.0.0.1:0 implements a method of every service, and
// each test calls it through the generated client stub and checks that the
// fields (scalars, maps, repeated, oneofs, Any, Timestamp) survive the trip.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.grpc.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service_mock.grpc.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.grpc.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.grpc.pb.h"
#include "yandex/cloud/operation/operation_service.grpc.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
namespace access = ::yandex::cloud::access;
namespace endpoint = ::yandex::cloud::endpoint;
namespace iam = ::yandex::cloud::iam::v1;
namespace operation = ::yandex::cloud::operation;
using ::grpc::ServerContext;
using ::grpc::Status;

class ImageService final : public api::DesktopImageService::Service {
  Status Get(ServerContext*, const api::GetDesktopImageRequest* request,
             api::DesktopImage* image) override {
    image->set_id(request->image_id());
    image->set_folder_id("folder-1");
    image->set_status(api::DesktopImage::ACTIVE);
    image->set_storage_size(int64_t{1} << 40);
    image->mutable_created_at()->set_seconds(1700000000);
    (*image->mutable_labels())["env"] = "prod";
    return Status::OK;
  }
};

class DesktopService final : public api::DesktopService::Service {
  Status GetRdpFile(ServerContext*, const api::GetRdpFileRequest* request,
                    api::RdpFileResponse* response) override {
    response->set_content("full address:s:" + request->desktop_id() +
                          "\nusername:s:" + request->user().subject_id());
    (*response->mutable_headers())["Content-Type"] = "application/x-rdp";
    return Status::OK;
  }
};

class GroupService final : public api::DesktopGroupService::Service {
  Status ListAccessBindings(
      ServerContext*, const access::ListAccessBindingsRequest* request,
      access::ListAccessBindingsResponse* response) override {
    for (int i = 0; i < request->page_size(); ++i) {
      access::AccessBinding* binding = response->add_access_bindings();
      binding->set_role_id("vdi.viewer");
      binding->mutable_subject()->set_id("user-" + std::to_string(i));
      binding->mutable_subject()->set_type("userAccount");
    }
    response->set_next_page_token(request->resource_id() + "/next");
    return Status::OK;
  }
};

class OperationService final : public operation::OperationService::Service {
  Status Get(ServerContext*, const operation::GetOperationRequest* request,
             operation::Operation* op) override {
    op->set_id(request->operation_id());
    op->set_done(true);
    api::CreateDesktopMetadata metadata;
    metadata.set_desktop_id("desktop-7");
    op->mutable_metadata()->PackFrom(metadata);
    op->mutable_error()->set_code(9);
    op->mutable_error()->set_message("quota exceeded");
    access::Subject detail;
    detail.set_id("folder-1");
    op->mutable_error()->add_details()->PackFrom(detail);
    return Status::OK;
  }
};

class IamService final : public iam::IamTokenService::Service {
  Status Create(ServerContext*, const iam::CreateIamTokenRequest* request,
                iam::CreateIamTokenResponse* response) override {
    if (request->identity_case() != iam::CreateIamTokenRequest::kJwt) {
      return Status(grpc::StatusCode::INVALID_ARGUMENT, "jwt expected");
    }
    response->set_iam_token("t1." + std::to_string(request->jwt().size()));
    response->mutable_expires_at()->set_seconds(1700003600);
    return Status::OK;
  }
};

class EndpointService final : public endpoint::ApiEndpointService::Service {
  Status List(ServerContext*, const endpoint::ListApiEndpointsRequest*,
              endpoint::ListApiEndpointsResponse* response) override {
    endpoint::ApiEndpoint* e = response->add_endpoints();
    e->set_id("clouddesktops");
    e->set_address("clouddesktops.api.cloud.yandex.net:443");
    return Status::OK;
  }
};

class GeneratedStubsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&images_);
    builder.RegisterService(&desktops_);
    builder.RegisterService(&groups_);
    builder.RegisterService(&operations_);
    builder.RegisterService(&iam_);
    builder.RegisterService(&endpoints_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials());
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  ImageService images_;
  DesktopService desktops_;
  GroupService groups_;
  OperationService operations_;
  IamService iam_;
  EndpointService endpoints_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(GeneratedStubsTest, DesktopImageServiceGet) {
  auto stub = api::DesktopImageService::NewStub(channel_);
  grpc::ClientContext context;
  api::GetDesktopImageRequest request;
  request.set_image_id("image-42");
  api::DesktopImage image;
  ASSERT_TRUE(stub->Get(&context, request, &image).ok());
  EXPECT_EQ(image.id(), "image-42");
  EXPECT_EQ(image.folder_id(), "folder-1");
  EXPECT_EQ(image.status(), api::DesktopImage::ACTIVE);
  EXPECT_EQ(image.storage_size(), int64_t{1} << 40);
  EXPECT_EQ(image.created_at().seconds(), 1700000000);
  EXPECT_THAT(image.labels(),
              ::testing::ElementsAre(::testing::Pair("env", "prod")));
}

TEST_F(GeneratedStubsTest, DesktopServiceGetRdpFile) {
  auto stub = api::DesktopService::NewStub(channel_);
  grpc::ClientContext context;
  api::GetRdpFileRequest request;
  request.set_desktop_id("desktop-1");
  request.mutable_user()->set_subject_id("alice");
  api::RdpFileResponse response;
  ASSERT_TRUE(stub->GetRdpFile(&context, request, &response).ok());
  EXPECT_EQ(response.content(), "full address:s:desktop-1\nusername:s:alice");
  EXPECT_EQ(response.headers().at("Content-Type"), "application/x-rdp");
}

TEST_F(GeneratedStubsTest, DesktopGroupServiceListAccessBindings) {
  auto stub = api::DesktopGroupService::NewStub(channel_);
  grpc::ClientContext context;
  access::ListAccessBindingsRequest request;
  request.set_resource_id("group-3");
  request.set_page_size(3);
  access::ListAccessBindingsResponse response;
  ASSERT_TRUE(stub->ListAccessBindings(&context, request, &response).ok());
  ASSERT_EQ(response.access_bindings_size(), 3);
  EXPECT_EQ(response.access_bindings(2).subject().id(), "user-2");
  EXPECT_EQ(response.access_bindings(2).subject().type(), "userAccount");
  EXPECT_EQ(response.access_bindings(0).role_id(), "vdi.viewer");
  EXPECT_EQ(response.next_page_token(), "group-3/next");
}

TEST_F(GeneratedStubsTest, OperationServiceGetKeepsAnyAndErrorDetails) {
  auto stub = operation::OperationService::NewStub(channel_);
  grpc::ClientContext context;
  operation::GetOperationRequest request;
  request.set_operation_id("op-1");
  operation::Operation op;
  ASSERT_TRUE(stub->Get(&context, request, &op).ok());
  EXPECT_EQ(op.id(), "op-1");
  EXPECT_TRUE(op.done());
  ASSERT_EQ(op.result_case(), operation::Operation::kError);
  EXPECT_EQ(op.error().code(), 9);
  EXPECT_EQ(op.error().message(), "quota exceeded");
  EXPECT_EQ(op.metadata().type_url(),
            "type.googleapis.com/"
            "yandex.cloud.clouddesktop.v1.api.CreateDesktopMetadata");
  api::CreateDesktopMetadata metadata;
  ASSERT_TRUE(op.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.desktop_id(), "desktop-7");
  ASSERT_EQ(op.error().details_size(), 1);
  access::Subject detail;
  ASSERT_TRUE(op.error().details(0).UnpackTo(&detail));
  EXPECT_EQ(detail.id(), "folder-1");
}

TEST_F(GeneratedStubsTest, IamTokenServiceCreateUsesOneof) {
  auto stub = iam::IamTokenService::NewStub(channel_);
  iam::CreateIamTokenRequest request;
  request.set_jwt("header.claims.signature");
  iam::CreateIamTokenResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub->Create(&context, request, &response).ok());
  EXPECT_EQ(response.iam_token(), "t1.23");
  EXPECT_EQ(response.expires_at().seconds(), 1700003600);

  request.set_yandex_passport_oauth_token("oauth");  // replaces the jwt
  grpc::ClientContext context2;
  grpc::Status status = stub->Create(&context2, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(GeneratedStubsTest, ApiEndpointServiceList) {
  auto stub = endpoint::ApiEndpointService::NewStub(channel_);
  grpc::ClientContext context;
  endpoint::ListApiEndpointsResponse response;
  ASSERT_TRUE(
      stub->List(&context, endpoint::ListApiEndpointsRequest(), &response)
          .ok());
  ASSERT_EQ(response.endpoints_size(), 1);
  EXPECT_EQ(response.endpoints(0).id(), "clouddesktops");
  EXPECT_EQ(response.endpoints(0).address(),
            "clouddesktops.api.cloud.yandex.net:443");
}

// The gmock stubs (the `_mocks` targets) let users test code that takes a
// StubInterface without any server.
TEST(GeneratedMocksTest, MockStubAnswersAsScripted) {
  api::MockDesktopServiceStub stub;
  EXPECT_CALL(stub, Get(::testing::_, ::testing::_, ::testing::_))
      .WillOnce([](grpc::ClientContext*, const api::GetDesktopRequest& request,
                   api::Desktop* desktop) {
        desktop->set_id(request.desktop_id());
        desktop->set_status(api::Desktop::STOPPED);
        return Status::OK;
      });
  api::DesktopService::StubInterface& as_interface = stub;
  grpc::ClientContext context;
  api::GetDesktopRequest request;
  request.set_desktop_id("d-1");
  api::Desktop desktop;
  ASSERT_TRUE(as_interface.Get(&context, request, &desktop).ok());
  EXPECT_EQ(desktop.id(), "d-1");
  EXPECT_EQ(desktop.status(), api::Desktop::STOPPED);
}

}  // namespace
