// The REST mapping shared by the emulator and the client: bindings read
// from the compiled-in descriptors, path templates, request <-> HTTP parts,
// JSON and error statuses.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clouddesktop/internal/rest/http_binding.h"
#include "clouddesktop/internal/rest/json.h"
#include "clouddesktop/internal/rest/path_template.h"
#include "clouddesktop/internal/rest/request.h"
#include "clouddesktop/internal/rest/status.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"

namespace {

namespace rest = ::clouddesktop::rest_internal;
namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

const google::protobuf::MethodDescriptor& Method(const std::string& name) {
  const auto* m =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          name);
  EXPECT_NE(m, nullptr) << name;
  return *m;
}

rest::HttpBinding Binding(const std::string& method) {
  auto b = rest::BindingsOf(Method(method));
  EXPECT_TRUE(b.ok()) << b.status();
  return b->front();
}

TEST(PathTemplate, MatchesVariablesAndVerb) {
  auto t = rest::PathTemplate::Parse(
      "/cloud-desktop/v1/desktops/{desktop_id}:restart");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->verb(), "restart");
  auto m = t->Match("/cloud-desktop/v1/desktops/dsk-1:restart");
  ASSERT_TRUE(m.has_value());
  EXPECT_THAT(*m, ElementsAre(Pair("desktop_id", "dsk-1")));
  EXPECT_FALSE(t->Match("/cloud-desktop/v1/desktops/dsk-1").has_value());
  EXPECT_FALSE(t->Match("/cloud-desktop/v1/desktops/:restart").has_value());
  EXPECT_FALSE(t->Match("/cloud-desktop/v1/desktops/a/b:restart").has_value());
}

TEST(PathTemplate, PlainVariableDoesNotSwallowAVerb) {
  auto get = rest::PathTemplate::Parse("/operations/{operation_id}");
  ASSERT_TRUE(get.ok());
  EXPECT_TRUE(get->Match("/operations/op-1").has_value());
  EXPECT_FALSE(get->Match("/operations/op-1:cancel").has_value());
  EXPECT_FALSE(get->Match("/operations/op-1/").has_value());
  EXPECT_FALSE(get->Match("/operations").has_value());
}

TEST(PathTemplate, MultiSegmentVariablesAndDoubleStar) {
  auto t =
      rest::PathTemplate::Parse("/v1/{name=projects/*/things/*}/x/{rest=**}");
  ASSERT_TRUE(t.ok()) << t.status();
  auto m = t->Match("/v1/projects/p/things/t/x/a/b/c");
  ASSERT_TRUE(m.has_value());
  EXPECT_THAT(*m, ElementsAre(Pair("name", "projects/p/things/t"),
                              Pair("rest", "a/b/c")));
  EXPECT_FALSE(t->Match("/v1/projects/p/other/t/x/a").has_value());
  auto expanded =
      t->Expand({{"name", "projects/p q/things/t"}, {"rest", "a/b"}});
  ASSERT_TRUE(expanded.ok()) << expanded.status();
  EXPECT_EQ(*expanded, "/v1/projects/p%20q/things/t/x/a/b");
}

TEST(PathTemplate, ExpandEncodesAndRequiresValues) {
  auto t = rest::PathTemplate::Parse("/cloud-desktop/v1/images/{image_id}");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Expand({{"image_id", "a/b c"}}).value(),
            "/cloud-desktop/v1/images/a%2Fb%20c");
  auto missing = t->Expand({});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("image_id"));
}

TEST(PathTemplate, RejectsMalformedTemplates) {
  for (const char* bad : {"no-slash", "/a/{b", "/a/b}", "/a/{b{c}}", "/a/{1x}",
                          "/a/**/b", "/a:"}) {
    auto t = rest::PathTemplate::Parse(bad);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(t.status().message()), HasSubstr(bad));
  }
}

// The options must be compiled into the descriptors: every RPC of the
// three Cloud Desktop services and OperationService has a binding.
TEST(HttpBinding, EveryMethodOfTheApiHasOneFromTheDescriptors) {
  for (const char* service :
       {"yandex.cloud.clouddesktop.v1.api.DesktopImageService",
        "yandex.cloud.clouddesktop.v1.api.DesktopService",
        "yandex.cloud.clouddesktop.v1.api.DesktopGroupService",
        "yandex.cloud.operation.OperationService"}) {
    const auto* s =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(s, nullptr) << service;
    auto bindings = rest::BindingsOf(*s);
    ASSERT_TRUE(bindings.ok()) << bindings.status();
    EXPECT_EQ(static_cast<int>(bindings->size()), s->method_count()) << service;
  }
  rest::HttpBinding copy =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.Copy");
  EXPECT_EQ(copy.verb, "POST");
  EXPECT_EQ(copy.path.text(), "/cloud-desktop/v1/images:copy");
  EXPECT_EQ(copy.body, "*");
  rest::HttpBinding get =
      Binding("yandex.cloud.operation.OperationService.Get");
  EXPECT_EQ(get.verb, "GET");
  EXPECT_EQ(get.path.text(), "/operations/{operation_id}");
}

TEST(Request, BodyStarTakesCamelCaseJsonAndPathWins) {
  rest::HttpBinding b =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.Update");
  api::UpdateDesktopImageRequest r;
  ASSERT_TRUE(rest::MergeHttpRequest(
                  b, {{"image_id", "img-path"}}, {},
                  R"({"imageId":"img-body","name":"n","labels":{"k":"v"},)"
                  R"("updateMask":"name,labels"})",
                  &r)
                  .ok());
  EXPECT_EQ(r.image_id(), "img-path");
  EXPECT_EQ(r.name(), "n");
  EXPECT_EQ(r.labels().at("k"), "v");
  EXPECT_THAT(r.update_mask().paths(), ElementsAre("name", "labels"));
}

TEST(Request, QueryParametersIncludingNestedAndRepeated) {
  rest::HttpBinding b =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.List");
  api::ListDesktopImagesRequest r;
  auto s = rest::MergeHttpRequest(
      b, {}, {{"folderId", "f"}, {"pageSize", "5"}, {"page_token", "t"}}, "",
      &r);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(r.folder_id(), "f");
  EXPECT_EQ(r.page_size(), 5);
  EXPECT_EQ(r.page_token(), "t");

  // A nested field, by the dotted JSON name, and a list by repeated keys:
  // a GET binding built on CreateDesktopGroupRequest.
  google::api::HttpRule rule;
  rest::HttpBinding group =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopGroupService.Create");
  group.body = "";
  api::CreateDesktopGroupRequest g;
  s = rest::MergeHttpRequest(group, {},
                             {{"resourcesSpec.cores", "2"},
                              {"resources_spec.memory", "4294967296"},
                              {"networkInterfaceSpec.subnetIds", "a"},
                              {"networkInterfaceSpec.subnetIds", "b"}},
                             "", &g);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(g.resources_spec().cores(), 2);
  EXPECT_EQ(g.resources_spec().memory(), int64_t{4294967296});
  EXPECT_THAT(g.network_interface_spec().subnet_ids(), ElementsAre("a", "b"));
}

TEST(Request, BadInputNamesTheParameterOrField) {
  rest::HttpBinding list =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.List");
  api::ListDesktopImagesRequest r;
  struct Case {
    rest::QueryParams query;
    const char* body;
    const char* want;
  } cases[] = {
      {{{"pageSize", "many"}}, "", "pageSize"},
      {{{"folderID", "f"}}, "", "folderID"},
      {{{"pageSize", "1"}, {"pageSize", "2"}}, "", "not a list"},
      {{}, R"({"folderId":"f"})", "takes no request body"},
  };
  for (const Case& c : cases) {
    auto s = rest::MergeHttpRequest(list, {}, c.query, c.body, &r);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.want;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.want));
  }
  rest::HttpBinding copy =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.Copy");
  api::CopyDesktopImageRequest cr;
  auto s = rest::MergeHttpRequest(copy, {}, {},
                                  R"({"folderId": "f", "nmae": "x"})", &cr);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("nmae"));
  s = rest::MergeHttpRequest(copy, {}, {}, R"({"folderId": )", &cr);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  s = rest::MergeHttpRequest(copy, {}, {{"name", "x"}}, "{}", &cr);
  EXPECT_THAT(std::string(s.message()), HasSubstr("JSON body"));
}

TEST(Request, ToHttpRequestIsTheInverse) {
  rest::HttpBinding list =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopService.List");
  api::ListDesktopsRequest r;
  r.set_folder_id("f");
  r.set_page_size(7);
  r.set_filter(R"(name = "a b&c")");
  auto parts = rest::ToHttpRequest(list, r);
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->verb, "GET");
  EXPECT_EQ(parts->path, "/cloud-desktop/v1/desktops");
  EXPECT_TRUE(parts->body.empty());
  EXPECT_THAT(parts->query,
              ElementsAre(Pair("filter", R"(name = "a b&c")"),
                          Pair("folderId", "f"), Pair("pageSize", "7")));
  EXPECT_EQ(rest::EncodeQuery(parts->query),
            "filter=name%20%3D%20%22a%20b%26c%22&folderId=f&pageSize=7");
  api::ListDesktopsRequest back;
  ASSERT_TRUE(rest::MergeHttpRequest(list, {}, parts->query, "", &back).ok());
  EXPECT_EQ(back.DebugString(), r.DebugString());

  rest::HttpBinding update =
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopImageService.Update");
  api::UpdateDesktopImageRequest u;
  u.set_image_id("img-1");
  u.set_name("n");
  u.mutable_update_mask()->add_paths("name");
  parts = rest::ToHttpRequest(update, u);
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->verb, "PATCH");
  EXPECT_EQ(parts->path, "/cloud-desktop/v1/images/img-1");
  EXPECT_EQ(parts->body, R"({"updateMask":"name","name":"n"})");
  EXPECT_TRUE(parts->query.empty());
  auto vars = update.path.Match(parts->path);
  ASSERT_TRUE(vars.has_value());
  api::UpdateDesktopImageRequest back_u;
  ASSERT_TRUE(
      rest::MergeHttpRequest(update, *vars, {}, parts->body, &back_u).ok());
  EXPECT_EQ(back_u.DebugString(), u.DebugString());

  api::GetDesktopRequest empty;
  auto no_id = rest::ToHttpRequest(
      Binding("yandex.cloud.clouddesktop.v1.api.DesktopService.Get"), empty);
  EXPECT_EQ(no_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(no_id.status().message()), HasSubstr("desktop_id"));
}

TEST(Json, Int64AsStringsTimestampsAndAny) {
  yandex::cloud::operation::Operation op;
  op.set_id("op-1");
  op.mutable_created_at()->set_seconds(1700000000);
  api::DesktopImage image;
  image.set_id("img-1");
  image.set_storage_size(int64_t{8} << 30);
  image.set_status(api::DesktopImage::ACTIVE);
  op.mutable_response()->PackFrom(image);
  auto json = rest::ToRestJson(op);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, R"({"id":"op-1","createdAt":"2023-11-14T22:13:20Z",)"
                   R"("response":{"@type":"type.googleapis.com/yandex.cloud.)"
                   R"(clouddesktop.v1.api.DesktopImage","id":"img-1",)"
                   R"("status":"ACTIVE","storageSize":"8589934592"}})");
}

TEST(Status, HttpCodesOfTheDesignGuide) {
  EXPECT_EQ(rest::HttpStatusForCode(3), 400);
  EXPECT_EQ(rest::HttpStatusForCode(5), 404);
  EXPECT_EQ(rest::HttpStatusForCode(6), 409);
  EXPECT_EQ(rest::HttpStatusForCode(7), 403);
  EXPECT_EQ(rest::HttpStatusForCode(8), 429);
  EXPECT_EQ(rest::HttpStatusForCode(9), 400);
  EXPECT_EQ(rest::HttpStatusForCode(14), 503);
  EXPECT_EQ(rest::HttpStatusForCode(16), 401);
  EXPECT_EQ(rest::CodeForHttpStatus(401), 16);
  EXPECT_EQ(rest::CodeForHttpStatus(503), 14);
  EXPECT_EQ(rest::CodeForHttpStatus(418), 9);
}

TEST(Status, ErrorJsonAndBack) {
  google::rpc::Status status;
  status.set_code(3);
  status.set_message("bad folder_id");
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("folder_id");
  v->set_description("required");
  status.add_details()->PackFrom(bad);
  std::string json = rest::ErrorJson(status);
  EXPECT_EQ(json,
            R"({"code":3,"message":"bad folder_id","details":[{"@type":)"
            R"("type.googleapis.com/google.rpc.BadRequest","fieldViolations":)"
            R"([{"field":"folder_id","description":"required"}]}]})");
  google::rpc::Status back = rest::StatusFromErrorResponse(400, json);
  EXPECT_EQ(back.DebugString(), status.DebugString());
  google::rpc::Status proxy =
      rest::StatusFromErrorResponse(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(proxy.code(), 14);
  EXPECT_THAT(proxy.message(), HasSubstr("HTTP 502: <html>Bad Gateway"));
}

}  // namespace

namespace {

TEST(Query, ParseDecodesAndRejectsBadEscapes) {
  auto q = rest::ParseQuery("a=1&b=x%20y+z&c&&d=%3D%26");
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_THAT(*q, ElementsAre(Pair("a", "1"), Pair("b", "x y z"), Pair("c", ""),
                              Pair("d", "=&")));
  EXPECT_EQ(rest::ParseQuery("a=%2").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(rest::ParseQuery("a=%zz").status().code(),
            absl::StatusCode::kInvalidArgument);
  rest::QueryParams round = {{"filter", "name = \"a b&c\""}, {"k", "+/"}};
  EXPECT_EQ(rest::ParseQuery(rest::EncodeQuery(round)).value(), round);
}

}  // namespace
