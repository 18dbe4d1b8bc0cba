// Proves that the wire comparison catches what it is meant to catch: each
// test copies the generated descriptors into a fresh pool, breaks one wire
// fact, and expects CompareWithTables to report exactly that element. A
// comparison that checked nothing would fail every test here.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/empty.pb.h"
#include "gtest/gtest.h"
#include "tests/wire/wire_tables.h"
#include "yandex/cloud/api/operation.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"
#include "yandex/cloud/endpoint/api_endpoint_service.pb.h"
#include "yandex/cloud/iam/v1/iam_token_service.pb.h"
#include "yandex/cloud/operation/operation_service.pb.h"
#include "yandex/cloud/validation.pb.h"

namespace clouddesktop::wire_test {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::DescriptorProto;
using google::protobuf::EnumDescriptorProto;
using google::protobuf::FieldDescriptorProto;
using google::protobuf::FileDescriptor;
using google::protobuf::FileDescriptorProto;
using google::protobuf::MethodDescriptorProto;

namespace api = ::yandex::cloud::clouddesktop::v1::api;

constexpr char kDesktopFile[] = "yandex/cloud/clouddesktop/v1/desktop.proto";
constexpr char kDesktopServiceFile[] =
    "yandex/cloud/clouddesktop/v1/desktop_service.proto";
constexpr char kDesktopImageServiceFile[] =
    "yandex/cloud/clouddesktop/v1/desktop_image_service.proto";
constexpr char kValidationFile[] = "yandex/cloud/validation.proto";
constexpr char kDesktopGroupFile[] =
    "yandex/cloud/clouddesktop/v1/desktop_group.proto";
constexpr char kDesktopGroupServiceFile[] =
    "yandex/cloud/clouddesktop/v1/desktop_group_service.proto";
constexpr char kPackage[] = "yandex.cloud.clouddesktop.v1.api";

std::string TablesDir() {
  const char* dir = std::getenv("WIRE_TABLES_DIR");
  return dir != nullptr && *dir != '\0' ? dir : "tests/testdata/wire";
}

// Keeps the generated code of the mutated files, the option files and the
// service files (which import the rest) linked in, so that the generated
// pool has them to copy.
void LinkGeneratedFiles() {
  const google::protobuf::Descriptor* anchors[] = {
      google::protobuf::Empty::descriptor(),
      yandex::cloud::MapKeySpec::descriptor(),
      yandex::cloud::api::Operation::descriptor(),
      api::GetDesktopGroupRequest::descriptor(),
      api::GetDesktopImageRequest::descriptor(),
      api::GetDesktopRequest::descriptor(),
      yandex::cloud::endpoint::GetApiEndpointRequest::descriptor(),
      yandex::cloud::iam::v1::CreateIamTokenRequest::descriptor(),
      yandex::cloud::operation::GetOperationRequest::descriptor(),
  };
  for (const auto* anchor : anchors) EXPECT_NE(anchor, nullptr);
  EXPECT_EQ(google::api::http.number(), 72295728);
}

std::string Where(const char* file, int line) {
  return std::string(file) + ":" + std::to_string(line);
}

// ---------------------------------------------------------------------------
// Editing FileDescriptorProtos.

DescriptorProto* FindMessage(FileDescriptorProto* file,
                             const std::string& name) {
  for (DescriptorProto& message : *file->mutable_message_type()) {
    if (message.name() == name) return &message;
  }
  return nullptr;
}

FieldDescriptorProto* FindField(DescriptorProto* message,
                                const std::string& name) {
  if (message == nullptr) return nullptr;
  for (FieldDescriptorProto& field : *message->mutable_field()) {
    if (field.name() == name) return &field;
  }
  return nullptr;
}

MethodDescriptorProto* FindMethod(FileDescriptorProto* file,
                                  const std::string& service,
                                  const std::string& method) {
  for (auto& s : *file->mutable_service()) {
    if (s.name() != service) continue;
    for (MethodDescriptorProto& m : *s.mutable_method()) {
      if (m.name() == method) return &m;
    }
  }
  return nullptr;
}

// Fully qualified names (".pkg.Msg") of the types `message` defines.
void CollectTypeNames(const DescriptorProto& message, const std::string& scope,
                      std::set<std::string>* names) {
  const std::string name = scope + "." + message.name();
  names->insert(name);
  for (const DescriptorProto& nested : message.nested_type()) {
    CollectTypeNames(nested, name, names);
  }
  for (const EnumDescriptorProto& nested : message.enum_type()) {
    names->insert(name + "." + nested.name());
  }
}

void RenameFieldTypes(DescriptorProto* message,
                      const std::map<std::string, std::string>& renames) {
  for (FieldDescriptorProto& field : *message->mutable_field()) {
    const auto rename = renames.find(field.type_name());
    if (rename != renames.end()) field.set_type_name(rename->second);
  }
  for (DescriptorProto& nested : *message->mutable_nested_type()) {
    RenameFieldTypes(&nested, renames);
  }
}

// Moves `file` to another package, with the references to its own types,
// as if its `package` line had been edited.
void MovePackage(FileDescriptorProto* file, const std::string& package) {
  std::set<std::string> own;
  for (const DescriptorProto& message : file->message_type()) {
    CollectTypeNames(message, "." + file->package(), &own);
  }
  for (const EnumDescriptorProto& type : file->enum_type()) {
    own.insert("." + file->package() + "." + type.name());
  }
  std::map<std::string, std::string> renames;
  for (const std::string& name : own) {
    renames[name] = "." + package + name.substr(file->package().size() + 1);
  }
  for (DescriptorProto& message : *file->mutable_message_type()) {
    RenameFieldTypes(&message, renames);
  }
  for (auto& service : *file->mutable_service()) {
    for (MethodDescriptorProto& method : *service.mutable_method()) {
      if (renames.count(method.input_type()) > 0) {
        method.set_input_type(renames[method.input_type()]);
      }
      if (renames.count(method.output_type()) > 0) {
        method.set_output_type(renames[method.output_type()]);
      }
    }
  }
  file->set_package(package);
}

class CollectErrors : public DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name,
                const google::protobuf::Message*, ErrorLocation,
                const std::string& message) override {
    errors += filename + ": " + element_name + ": " + message + "\n";
  }
  std::string errors;
};

// ---------------------------------------------------------------------------

class WireMutationTest : public testing::Test {
 protected:
  void SetUp() override {
    LinkGeneratedFiles();
    std::string error;
    ASSERT_TRUE(LoadTables(TablesDir(), &tables_, &error)) << error;
    // The files the tables name, the option declarations, and Empty (named
    // by operation options), each with everything it imports.
    std::vector<std::string> roots = {
        kValidationFile, "yandex/cloud/api/operation.proto",
        "google/api/annotations.proto", "google/protobuf/empty.proto"};
    for (const RpcRow& row : tables_.rpcs) roots.push_back(row.file);
    for (const FieldRow& row : tables_.fields) roots.push_back(row.file);
    for (const OneofRow& row : tables_.oneofs) roots.push_back(row.file);
    for (const std::string& name : roots) {
      const FileDescriptor* file =
          DescriptorPool::generated_pool()->FindFileByName(name);
      ASSERT_NE(file, nullptr) << name << " is not linked in";
      CopyWithImports(*file);
    }
    baseline_ = Compare();
  }

  void CopyWithImports(const FileDescriptor& file) {
    if (files_.count(file.name()) > 0) return;
    for (int i = 0; i < file.dependency_count(); ++i) {
      CopyWithImports(*file.dependency(i));
    }
    file.CopyTo(&files_[file.name()]);
    build_order_.push_back(file.name());
  }

  // Builds a fresh pool from the (edited) copies and compares it.
  std::vector<std::string> Compare() {
    DescriptorPool pool;
    CollectErrors errors;
    for (const std::string& name : build_order_) {
      if (pool.BuildFileCollectingErrors(files_[name], &errors) == nullptr) {
        ADD_FAILURE() << "the edited files do not build:\n" << errors.errors;
        return {};
      }
    }
    int rows_checked = 0;
    std::vector<std::string> differences =
        CompareWithTables(pool, tables_, &rows_checked);
    EXPECT_EQ(rows_checked, tables_.RowCount());
    return differences;
  }

  // What the edit added to the differences the unedited copy already has.
  std::vector<std::string> NewDifferences() {
    std::vector<std::string> added;
    for (const std::string& line : Compare()) {
      if (std::find(baseline_.begin(), baseline_.end(), line) ==
          baseline_.end()) {
        added.push_back(line);
      }
    }
    return added;
  }

  FileDescriptorProto& File(const std::string& name) { return files_[name]; }

  int FieldLine(const std::string& message, const std::string& field) {
    for (const FieldRow& row : tables_.fields) {
      if (!row.reserved && row.message == message && row.field == field) {
        return row.line;
      }
    }
    ADD_FAILURE() << "no row for " << message << "." << field;
    return 0;
  }

  int ReservedLine(const std::string& message, int first, int last) {
    for (const FieldRow& row : tables_.fields) {
      if (row.reserved && row.message == message && row.number == first &&
          row.range_end == last) {
        return row.line;
      }
    }
    ADD_FAILURE() << "no reserved row for " << message;
    return 0;
  }

  const RpcRow* Rpc(const std::string& service, const std::string& method) {
    for (const RpcRow& row : tables_.rpcs) {
      if (row.service == service && (method.empty() || row.method == method)) {
        return &row;
      }
    }
    ADD_FAILURE() << "no row for " << service << "." << method;
    return nullptr;
  }

  int OneofLine(const std::string& message, const std::string& oneof) {
    for (const OneofRow& row : tables_.oneofs) {
      if (row.message == message && row.oneof == oneof) return row.line;
    }
    ADD_FAILURE() << "no row for " << message << "." << oneof;
    return 0;
  }

  int EnumLine(const std::string& type, const std::string& value) {
    for (const EnumRow& row : tables_.enums) {
      if (row.enum_name == type && row.value == value) return row.line;
    }
    ADD_FAILURE() << "no row for " << type << "." << value;
    return 0;
  }

  Tables tables_;
  std::map<std::string, FileDescriptorProto> files_;
  std::vector<std::string> build_order_;  // Imports before importers.
  std::vector<std::string> baseline_;
};

using testing::ElementsAre;

TEST_F(WireMutationTest, CopiedPoolComparesLikeGeneratedPool) {
  int rows_checked = 0;
  EXPECT_EQ(baseline_, CompareWithTables(*DescriptorPool::generated_pool(),
                                         tables_, &rows_checked));
  EXPECT_EQ(rows_checked, tables_.RowCount());
}

TEST_F(WireMutationTest, RenumberedField) {
  FieldDescriptorProto* name =
      FindField(FindMessage(&File(kDesktopFile), "Desktop"), "name");
  ASSERT_NE(name, nullptr);
  ASSERT_EQ(name->number(), 11);
  name->set_number(26);
  const std::string desktop = std::string(kPackage) + ".Desktop";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("fields.tsv", FieldLine(desktop, "name")) + ": " +
                  desktop + ".name: number is 26, table says 11"));
}

TEST_F(WireMutationTest, WrongPackage) {
  MovePackage(&File(kDesktopServiceFile), "yandex.cloud.clouddesktop.v2.api");
  const std::string service = std::string(kPackage) + ".DesktopService";
  const RpcRow* first = Rpc(service, "");
  ASSERT_NE(first, nullptr);
  const std::vector<std::string> added = NewDifferences();
  EXPECT_NE(std::find(added.begin(), added.end(),
                      Where("rpcs.tsv", first->line) + ": " + service +
                          ": not found (" + kDesktopServiceFile +
                          " declares yandex.cloud.clouddesktop.v2.api."
                          "DesktopService)"),
            added.end())
      << testing::PrintToString(added);
  // The messages moved with the package, so their rows fail too.
  const std::string request = std::string(kPackage) + ".GetDesktopRequest";
  EXPECT_NE(std::find(added.begin(), added.end(),
                      Where("fields.tsv", FieldLine(request, "desktop_id")) +
                          ": " + request + ": message not found"),
            added.end())
      << testing::PrintToString(added);
}

TEST_F(WireMutationTest, MissingRequiredOption) {
  FieldDescriptorProto* desktop_id =
      FindField(FindMessage(&File(kDesktopServiceFile), "GetDesktopRequest"),
                "desktop_id");
  ASSERT_NE(desktop_id, nullptr);
  ASSERT_TRUE(desktop_id->options().HasExtension(yandex::cloud::required));
  desktop_id->mutable_options()->ClearExtension(yandex::cloud::required);
  const std::string request = std::string(kPackage) + ".GetDesktopRequest";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("fields.tsv", FieldLine(request, "desktop_id")) + ": " +
                  request +
                  ".desktop_id: option (yandex.cloud.required) is "
                  "(none), table says true"));
}

TEST_F(WireMutationTest, ExtraValidationOption) {
  FieldDescriptorProto* desktop_id =
      FindField(FindMessage(&File(kDesktopServiceFile), "GetDesktopRequest"),
                "desktop_id");
  ASSERT_NE(desktop_id, nullptr);
  desktop_id->mutable_options()->SetExtension(yandex::cloud::unique, true);
  const std::string request = std::string(kPackage) + ".GetDesktopRequest";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("fields.tsv", FieldLine(request, "desktop_id")) + ": " +
                  request +
                  ".desktop_id: option (yandex.cloud.unique) is true, "
                  "table says (none)"));
}

TEST_F(WireMutationTest, MissingHttpOption) {
  MethodDescriptorProto* copy = FindMethod(&File(kDesktopImageServiceFile),
                                           "DesktopImageService", "Copy");
  ASSERT_NE(copy, nullptr);
  ASSERT_TRUE(copy->options().HasExtension(google::api::http));
  copy->mutable_options()->ClearExtension(google::api::http);
  const RpcRow* row =
      Rpc(std::string(kPackage) + ".DesktopImageService", "Copy");
  ASSERT_NE(row, nullptr);
  EXPECT_THAT(NewDifferences(),
              ElementsAre(Where("rpcs.tsv", row->line) + ": " + row->service +
                          ".Copy: http is (none), table says " + row->http));
}

TEST_F(WireMutationTest, WrongOperationOption) {
  MethodDescriptorProto* copy = FindMethod(&File(kDesktopImageServiceFile),
                                           "DesktopImageService", "Copy");
  ASSERT_NE(copy, nullptr);
  copy->mutable_options()
      ->MutableExtension(yandex::cloud::api::operation)
      ->set_response("NoSuchMessage");
  const RpcRow* row =
      Rpc(std::string(kPackage) + ".DesktopImageService", "Copy");
  ASSERT_NE(row, nullptr);
  const std::string prefix =
      Where("rpcs.tsv", row->line) + ": " + row->service + ".Copy: ";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(prefix +
                      "operation is metadata=CopyDesktopImageMetadata;"
                      "response=NoSuchMessage, table says " +
                      row->operation,
                  prefix + "operation response type NoSuchMessage is not a "
                           "message in the pool"));
}

TEST_F(WireMutationTest, RenumberedEnumValue) {
  DescriptorProto* desktop = FindMessage(&File(kDesktopFile), "Desktop");
  ASSERT_NE(desktop, nullptr);
  ASSERT_EQ(desktop->enum_type(0).name(), "Status");
  bool found = false;
  for (auto& value : *desktop->mutable_enum_type(0)->mutable_value()) {
    if (value.name() == "ERROR") {
      ASSERT_EQ(value.number(), 9);
      value.set_number(99);
      found = true;
    }
  }
  ASSERT_TRUE(found);
  const std::string status = std::string(kPackage) + ".Desktop.Status";
  EXPECT_THAT(NewDifferences(),
              ElementsAre(Where("enums.tsv", EnumLine(status, "ERROR")) + ": " +
                          status + ".ERROR: number is 99, table says 9"));
}

TEST_F(WireMutationTest, MissingReservedRange) {
  DescriptorProto* desktop = FindMessage(&File(kDesktopFile), "Desktop");
  ASSERT_NE(desktop, nullptr);
  auto* ranges = desktop->mutable_reserved_range();
  const auto range_12_20 =
      std::find_if(ranges->begin(), ranges->end(), [](const auto& range) {
        return range.start() == 12 && range.end() == 21;  // End-exclusive.
      });
  ASSERT_NE(range_12_20, ranges->end());
  ranges->erase(range_12_20);
  const std::string name = std::string(kPackage) + ".Desktop";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("fields.tsv", ReservedLine(name, 12, 20)) + ": " +
                  name + ": reserved range 12-20 is missing (reserved: 6-10)"));
}

TEST_F(WireMutationTest, FieldNotInTable) {
  DescriptorProto* desktop = FindMessage(&File(kDesktopFile), "Desktop");
  ASSERT_NE(desktop, nullptr);
  FieldDescriptorProto* extra = desktop->add_field();
  extra->set_name("extra");
  extra->set_number(99);
  extra->set_type(FieldDescriptorProto::TYPE_STRING);
  extra->set_label(FieldDescriptorProto::LABEL_OPTIONAL);
  EXPECT_THAT(NewDifferences(),
              ElementsAre(std::string("fields.tsv: ") + kPackage +
                          ".Desktop.extra: field number 99 in " + kDesktopFile +
                          " is not in the table"));
}

TEST_F(WireMutationTest, MissingExactlyOneOption) {
  DescriptorProto* group =
      FindMessage(&File(kDesktopGroupFile), "DesktopGroup");
  ASSERT_NE(group, nullptr);
  ASSERT_EQ(group->oneof_decl_size(), 1);
  auto* options = group->mutable_oneof_decl(0)->mutable_options();
  ASSERT_TRUE(options->GetExtension(yandex::cloud::exactly_one));
  options->ClearExtension(yandex::cloud::exactly_one);
  const std::string message = std::string(kPackage) + ".DesktopGroup";
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("oneofs.tsv", OneofLine(message, "update_policy")) +
                  ": " + message +
                  ".update_policy: option (yandex.cloud.exactly_one) "
                  "is (none), table says true"));
}

TEST_F(WireMutationTest, ExtraExactlyOneOption) {
  const std::string message =
      std::string(kPackage) + ".UpdateDesktopGroupRequest";
  DescriptorProto* request =
      FindMessage(&File(kDesktopGroupServiceFile), "UpdateDesktopGroupRequest");
  ASSERT_NE(request, nullptr);
  ASSERT_EQ(request->oneof_decl_size(), 1);
  request->mutable_oneof_decl(0)->mutable_options()->SetExtension(
      yandex::cloud::exactly_one, true);
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre(Where("oneofs.tsv", OneofLine(message, "update_policy")) +
                  ": " + message +
                  ".update_policy: option (yandex.cloud.exactly_one) "
                  "is true, table says (none)"));
}

TEST_F(WireMutationTest, OneofNotInTable) {
  DescriptorProto* desktop = FindMessage(&File(kDesktopFile), "Desktop");
  ASSERT_NE(desktop, nullptr);
  desktop->add_oneof_decl()->set_name("choice");
  FieldDescriptorProto* first = desktop->add_field();
  first->set_name("first_choice");
  first->set_number(98);
  first->set_type(FieldDescriptorProto::TYPE_STRING);
  first->set_label(FieldDescriptorProto::LABEL_OPTIONAL);
  first->set_oneof_index(0);
  const std::vector<std::string> added = NewDifferences();
  EXPECT_NE(std::find(added.begin(), added.end(),
                      std::string("oneofs.tsv: ") + kPackage +
                          ".Desktop.choice: oneof in " + kDesktopFile +
                          " is not in the table"),
            added.end())
      << testing::PrintToString(added);
}

TEST_F(WireMutationTest, RenumberedOptionExtension) {
  FileDescriptorProto& validation = File(kValidationFile);
  bool found = false;
  for (FieldDescriptorProto& extension : *validation.mutable_extension()) {
    if (extension.name() == "required") {
      extension.set_number(101599);
      found = true;
    }
  }
  ASSERT_TRUE(found);
  const std::vector<std::string> added = NewDifferences();
  ASSERT_FALSE(added.empty());
  EXPECT_EQ(added[0],
            "README.md: yandex.cloud.required: number is 101599, README.md "
            "says 101501");
  // Fields that carry the option now hold an undeclared option number.
  const std::string request = std::string(kPackage) + ".GetDesktopRequest";
  EXPECT_NE(std::find(added.begin(), added.end(),
                      Where("fields.tsv", FieldLine(request, "desktop_id")) +
                          ": " + request +
                          ".desktop_id: has option number 101501, which the "
                          "pool does not declare"),
            added.end())
      << testing::PrintToString(added);
}

TEST_F(WireMutationTest, RowMissingFromTable) {
  const std::string desktop = std::string(kPackage) + ".Desktop";
  auto& fields = tables_.fields;
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [&](const FieldRow& row) {
                                return row.message == desktop &&
                                       row.field == "name";
                              }),
               fields.end());
  EXPECT_THAT(
      NewDifferences(),
      ElementsAre("fields.tsv: " + desktop + ".name: field number 11 in " +
                  kDesktopFile + " is not in the table"));
}

// ---------------------------------------------------------------------------
// Table parsing.

TEST(WireTablesParseTest, TrailingEmptyColumnsMayBeLeftOut) {
  std::vector<FieldRow> rows;
  std::string error;
  ASSERT_TRUE(ParseFields(
      "file\tmessage\tfield\tnumber\tlabel\ttype\tvalidation\n"
      "a.proto\tp.M\t(reserved)\t3-7\n"
      "a.proto\tp.M\tx\t1\t\tstring\n"
      "\n"
      "a.proto\tp.M\tm\t2\tmap\tmap<string,string>\t"
      "length=<=63;map_key={pattern:[a-z]{0,2};x,length:1-63};size=<=64\n",
      &rows, &error))
      << error;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].reserved);
  EXPECT_EQ(rows[0].number, 3);
  EXPECT_EQ(rows[0].range_end, 7);
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].type, "string");
  EXPECT_TRUE(rows[1].validation.empty());
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[2].validation,
            (std::map<std::string, std::string>{
                {"length", "<=63"},
                {"map_key", "{pattern:[a-z]{0,2};x,length:1-63}"},
                {"size", "<=64"}}));
}

TEST(WireTablesParseTest, RejectsMalformedTables) {
  std::vector<EnumRow> enums;
  std::string error;
  EXPECT_FALSE(ParseEnums("enum\tvalue\n", &enums, &error));
  EXPECT_EQ(error,
            "enums.tsv:1: header is 'enum\tvalue', expected "
            "'enum\tvalue\tnumber'");
  EXPECT_FALSE(ParseEnums("enum\tvalue\tnumber\np.E\tA\tx\n", &enums, &error));
  EXPECT_EQ(error, "enums.tsv:2: number 'x' is not an integer");
  EXPECT_FALSE(
      ParseEnums("enum\tvalue\tnumber\np.E\tA\t1\t\n", &enums, &error));
  EXPECT_EQ(error, "enums.tsv:2: 4 columns, the header has 3");
  EXPECT_FALSE(ParseEnums("enum\tvalue\tnumber\np.E\tA\t1\np.E\tA\t2\n", &enums,
                          &error));
  EXPECT_EQ(error, "enums.tsv:3: duplicate row for p.E.A");

  std::vector<FieldRow> fields;
  EXPECT_FALSE(ParseFields(
      "file\tmessage\tfield\tnumber\tlabel\ttype\tvalidation\n"
      "a.proto\tp.M\tx\t1\t\tstring\trequired=true;required=false\n",
      &fields, &error));
  EXPECT_EQ(error, "fields.tsv:2: option required is given twice");
  EXPECT_FALSE(
      ParseFields("file\tmessage\tfield\tnumber\tlabel\ttype\tvalidation\n"
                  "a.proto\tp.M\t(reserved)\t7-3\n",
                  &fields, &error));
  EXPECT_EQ(error, "fields.tsv:2: reserved range '7-3' is not A-B");
}

}  // namespace
}  // namespace clouddesktop::wire_test
