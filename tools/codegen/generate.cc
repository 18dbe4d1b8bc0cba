// The code generator: from tools/codegen/services.textproto and the .proto
// descriptors linked into it, writes each service's client, connection,
// connection implementation, Stub table, gmock connection and CLI commands
// under --out (the repository root, or a directory to compare with it).
// The files it writes are unformatted; tools/generate.sh and the drift test
// run clang-format over them.
//
// Usage: generate --table=tools/codegen/services.textproto --out=DIR
// Exits 1 with one line per problem when the table and the .proto disagree
// (a method missing on either side, an operation without its types, a list
// without one repeated field of items).

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "tools/codegen/services.pb.h"
#include "yandex/cloud/api/operation.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_group_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_image_service.pb.h"
#include "yandex/cloud/clouddesktop/v1/desktop_service.pb.h"

namespace {

namespace pb = ::google::protobuf;
using ::clouddesktop::codegen::Rpc;
using ::clouddesktop::codegen::Service;
using ::clouddesktop::codegen::Services;

// A message of each API file, so that its descriptor is linked in and
// registered in the generated pool. A new service file adds one here.
const pb::Descriptor* const* LinkedFiles() {
  static const pb::Descriptor* const files[] = {
      ::yandex::cloud::clouddesktop::v1::api::GetDesktopImageRequest::
          descriptor(),
      ::yandex::cloud::clouddesktop::v1::api::GetDesktopRequest::descriptor(),
      ::yandex::cloud::clouddesktop::v1::api::GetDesktopGroupRequest::
          descriptor(),
      nullptr};
  return files;
}

// The C++ name of a message, as the library spells it (api_types.h).
std::string CppType(const pb::Descriptor* message) {
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {"yandex.cloud.clouddesktop.v1.api.", "api::"},
      {"yandex.cloud.access.", "access::"},
      {"yandex.cloud.operation.", "operation::"},
      {"google.protobuf.", "google::protobuf::"},
  };
  for (const auto& [proto, cpp] : kPrefixes) {
    if (absl::StartsWith(message->full_name(), proto)) {
      return absl::StrCat(
          cpp, absl::StrReplaceAll(message->full_name().substr(strlen(proto)),
                                   {{".", "::"}}));
    }
  }
  return absl::StrCat("::",
                      absl::StrReplaceAll(message->full_name(), {{".", "::"}}));
}

// Everything the templates need about one RPC.
struct Method {
  const Rpc* row;
  std::string proto_name;     // "Get"
  std::string name;           // "GetDesktop"
  std::string qualified;      // "DesktopService.Get"
  std::string request;        // "api::GetDesktopRequest"
  std::string response;       // "api::Desktop" or "operation::Operation"
  bool idempotent = false;    // its HTTP binding is a GET
  bool is_operation = false;  // returns an Operation
  std::string op_response;    // the operation's response type
  std::string op_metadata;    // the operation's metadata type
  bool is_list = false;       // a page of items with next_page_token
  std::string item;           // the items' type
  std::string items_field;    // "desktops"
};

struct Model {
  const Service* row;
  std::string proto_service;  // "DesktopService"
  std::vector<Method> methods;
  // The .pb.h of every message the connection uses (requests, responses)
  // and of those only the client uses (items, operation types).
  std::set<std::string> connection_headers;
  std::set<std::string> client_headers;
};

std::vector<std::string> errors;

void Error(std::string message) { errors.push_back(std::move(message)); }

// A type named by the operation option, resolved as protoc resolves a
// relative name: from the service's package outwards.
const pb::Descriptor* OperationType(const pb::ServiceDescriptor* service,
                                    const std::string& name) {
  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  std::string scope = service->file()->package();
  while (true) {
    const pb::Descriptor* found = pool->FindMessageTypeByName(
        scope.empty() ? name : absl::StrCat(scope, ".", name));
    if (found != nullptr || scope.empty()) return found;
    std::string::size_type dot = scope.rfind('.');
    scope = dot == std::string::npos ? "" : scope.substr(0, dot);
  }
}

std::string PbHeader(const pb::Descriptor* message) {
  const std::string& file = message->file()->name();
  return absl::StrCat(file.substr(0, file.size() - strlen(".proto")), ".pb.h");
}

bool BuildMethod(const pb::ServiceDescriptor* service, const Rpc& row,
                 Method& m, std::set<std::string>& connection_headers,
                 std::set<std::string>& client_headers) {
  const pb::MethodDescriptor* method = service->FindMethodByName(row.method());
  const std::string where = absl::StrCat(service->name(), ".", row.method());
  if (method == nullptr) {
    Error(absl::StrCat(where, ": the table has a row for it, but ",
                       service->full_name(), " has no such method"));
    return false;
  }
  m.row = &row;
  m.proto_name = row.method();
  m.name = row.name();
  m.qualified = where;
  if (m.name.empty() || row.doc().empty() || row.cli().verb().empty() ||
      row.cli().help().empty()) {
    Error(absl::StrCat(where,
                       ": name, doc, cli.verb and cli.help are all "
                       "required"));
    return false;
  }
  m.request = CppType(method->input_type());
  m.response = CppType(method->output_type());
  connection_headers.insert(PbHeader(method->input_type()));
  connection_headers.insert(PbHeader(method->output_type()));
  const auto& http = method->options().GetExtension(::google::api::http);
  if (http.pattern_case() == ::google::api::HttpRule::PATTERN_NOT_SET) {
    Error(absl::StrCat(where, ": no google.api.http binding in the .proto"));
    return false;
  }
  m.idempotent = http.pattern_case() == ::google::api::HttpRule::kGet;
  if (method->output_type()->full_name() ==
      "yandex.cloud.operation.Operation") {
    m.is_operation = true;
    const auto& op =
        method->options().GetExtension(::yandex::cloud::api::operation);
    const pb::Descriptor* response = OperationType(service, op.response());
    const pb::Descriptor* metadata = OperationType(service, op.metadata());
    if (response == nullptr || metadata == nullptr) {
      Error(absl::StrCat(where,
                         ": returns an Operation, but its "
                         "(yandex.cloud.api.operation) option does not name "
                         "a known response and metadata (response: \"",
                         op.response(), "\", metadata: \"", op.metadata(),
                         "\")"));
      return false;
    }
    m.op_response = CppType(response);
    m.op_metadata = CppType(metadata);
    client_headers.insert(PbHeader(response));
    client_headers.insert(PbHeader(metadata));
  }
  const pb::Descriptor* out = method->output_type();
  if (absl::StartsWith(m.proto_name, "List") &&
      out->FindFieldByName("next_page_token") != nullptr) {
    const pb::FieldDescriptor* items = nullptr;
    for (int i = 0; i < out->field_count(); ++i) {
      const pb::FieldDescriptor* f = out->field(i);
      if (f->is_repeated() && f->message_type() != nullptr) {
        if (items != nullptr) {
          Error(absl::StrCat(where, ": a page with two repeated fields"));
          return false;
        }
        items = f;
      }
    }
    if (items == nullptr) {
      Error(absl::StrCat(where, ": a page without a repeated field of items"));
      return false;
    }
    m.is_list = true;
    m.item = CppType(items->message_type());
    client_headers.insert(PbHeader(items->message_type()));
    m.items_field = items->name();
  }
  return true;
}

bool BuildModel(const Service& row, Model& model) {
  const pb::ServiceDescriptor* service =
      pb::DescriptorPool::generated_pool()->FindServiceByName(
          row.proto_service());
  if (service == nullptr) {
    Error(absl::StrCat(row.proto_service(),
                       ": no such service linked into the generator (add its "
                       "cc_proto to tools/codegen/BUILD.bazel and a message of "
                       "its file to LinkedFiles in generate.cc)"));
    return false;
  }
  model.row = &row;
  model.proto_service = service->name();
  bool ok = true;
  std::map<std::string, int> seen;
  for (const Rpc& rpc : row.rpcs()) {
    if (seen[rpc.method()]++ > 0) {
      Error(absl::StrCat(service->name(), ".", rpc.method(),
                         ": two rows for one method"));
      ok = false;
      continue;
    }
    Method m;
    if (!BuildMethod(service, rpc, m, model.connection_headers,
                     model.client_headers)) {
      ok = false;
      continue;
    }
    model.methods.push_back(std::move(m));
  }
  for (int i = 0; i < service->method_count(); ++i) {
    if (seen.count(service->method(i)->name()) == 0) {
      Error(absl::StrCat(service->name(), ".", service->method(i)->name(),
                         ": in the .proto but has no row in the table"));
      ok = false;
    }
  }
  return ok;
}

// `$name$` substitution over a template.
std::string Fill(absl::string_view text,
                 const std::map<std::string, std::string>& vars) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [k, v] : vars)
    pairs.emplace_back(absl::StrCat("$", k, "$"), v);
  return absl::StrReplaceAll(text, pairs);
}

// A comment of `text`, wrapped at 80 columns with `indent`.
std::string Comment(absl::string_view indent, absl::string_view text) {
  std::string out;
  std::string line = absl::StrCat(indent, "//");
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (line.size() + 1 + word.size() > 80 && line.size() > indent.size() + 2) {
      absl::StrAppend(&out, line, "\n");
      line = absl::StrCat(indent, "//");
    }
    absl::StrAppend(&line, " ", word);
  }
  absl::StrAppend(&out, line, "\n");
  return out;
}

// A C++ string literal's contents.
std::string Quote(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}});
}

std::string Upper(std::string s) { return absl::AsciiStrToUpper(s); }

constexpr absl::string_view kGenerated =
    "// Generated by tools/codegen/generate.cc from "
    "tools/codegen/services.textproto\n// and the service's .proto: do not "
    "edit; run `bash tools/generate.sh`.\n";

std::string Includes(const std::set<std::string>& headers) {
  std::string out;
  for (const std::string& h : headers)
    absl::StrAppend(&out, "#include \"", h, "\"\n");
  return out;
}

std::map<std::string, std::string> ServiceVars(const Model& model) {
  return {{"Name", model.row->name()},
          {"stem", model.row->file_stem()},
          {"STEM", Upper(model.row->file_stem())},
          {"Service", model.proto_service},
          {"connection_includes", Includes(model.connection_headers)},
          {"client_includes", Includes(model.client_headers)},
          {"generated", std::string(kGenerated)}};
}

std::map<std::string, std::string> MethodVars(const Model& model,
                                              const Method& m) {
  auto vars = ServiceVars(model);
  vars.insert({{"Method", m.name},
               {"ProtoMethod", m.proto_name},
               {"Qualified", m.qualified},
               {"Request", m.request},
               {"Response", m.response},
               {"OpResponse", m.op_response},
               {"OpMetadata", m.op_metadata},
               {"Item", m.item},
               {"items", m.items_field}});
  return vars;
}

std::string ClientHeader(const Model& model) {
  std::string out = Fill(R"($generated$
// $Name$Client: every RPC of $Service$, async and blocking.

#ifndef CLOUDDESKTOP_$STEM$_CLIENT_H_
#define CLOUDDESKTOP_$STEM$_CLIENT_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/$stem$_connection.h"
#include "clouddesktop/future.h"
#include "clouddesktop/operation.h"
#include "clouddesktop/operation_connection.h"
#include "clouddesktop/pagination_range.h"
#include "clouddesktop/version.h"
$connection_includes$$client_includes$
namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// The typed operations of $Service$ (types as the service declares).
)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    if (!m.is_operation) continue;
    out += Fill(
        "using $Method$Operation = Operation<$OpResponse$, $OpMetadata$>;\n",
        MethodVars(model, m));
  }
  out += Fill(R"(
// A cheap copyable value (two shared_ptrs) over a $Name$Connection;
// copies share the connection, its channel and its threads. Each RPC has
// `XAsync` (returns at once; the Future can be waited on, chained or
// cancelled) and blocking `X` (`XAsync(...).Get()`: do not call it from a
// continuation). Lists also have an `X` that returns every item across
// pages. Mutating RPCs return typed Operation handles that wait through the
// OperationConnection.
//
// Thread safety: all methods are const and may be called concurrently.
class $Name$Client {
 public:
  // Calls go to `connection`; operations are polled through `operations`
  // (null: waiting on an operation fails with FAILED_PRECONDITION).
  explicit $Name$Client(
      std::shared_ptr<$Name$Connection> connection,
      std::shared_ptr<OperationConnection> operations = nullptr)
      : connection_(std::move(connection)),
        operations_(std::move(operations)) {}
  // The connections of MakeConnections.
  explicit $Name$Client(const Connections& connections)
      : $Name$Client(connections.$stem$, connections.operation) {}

  // The connection the calls go to.
  const std::shared_ptr<$Name$Connection>& connection() const {
    return connection_;
  }
)",
              ServiceVars(model));
  for (const Method& m : model.methods) {
    auto vars = MethodVars(model, m);
    out += "\n";
    if (m.is_list) {
      out +=
          Comment("  ", absl::StrCat(m.row->doc(),
                                     " Every item across pages, fetched "
                                     "lazily from `request.page_token` on."));
      out += Fill(
          R"(  PaginationRange<$Item$> $Method$($Request$ request, CallOptions options = {}) const;
  // One page.
  Future<absl::StatusOr<$Response$>> $Method$Async(const $Request$& request, const CallOptions& options = {}) const;
)",
          vars);
      continue;
    }
    out += Comment("  ", m.row->doc());
    vars["Result"] = m.is_operation ? m.name + "Operation" : m.response;
    out += Fill(
        R"(  Future<absl::StatusOr<$Result$>> $Method$Async(const $Request$& request, const CallOptions& options = {}) const;
  absl::StatusOr<$Result$> $Method$(const $Request$& request, const CallOptions& options = {}) const;
)",
        vars);
  }
  out += Fill(R"(
 private:
  std::shared_ptr<$Name$Connection> connection_;
  std::shared_ptr<OperationConnection> operations_;
};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_$STEM$_CLIENT_H_
)",
              ServiceVars(model));
  return out;
}

std::string ClientSource(const Model& model) {
  std::string out = Fill(R"($generated$
#include "clouddesktop/$stem$_client.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    auto vars = MethodVars(model, m);
    out += "\n";
    if (m.is_list) {
      out += Fill(
          R"(PaginationRange<$Item$> $Name$Client::$Method$($Request$ request, CallOptions options) const {
  return internal::MakePaginationRange<$Item$, $Request$, $Response$>(
      std::move(request),
      [connection = connection_, options = std::move(options)](const $Request$& r) {
        return connection->$Method$(r, options);
      },
      []($Response$& page) { return page.mutable_$items$(); });
}

Future<absl::StatusOr<$Response$>> $Name$Client::$Method$Async(const $Request$& request, const CallOptions& options) const {
  return connection_->$Method$(request, options);
}
)",
          vars);
      continue;
    }
    if (m.is_operation) {
      vars["Result"] = m.name + "Operation";
      vars["Start"] = Fill(
          "internal::WrapOperation<$OpResponse$, $OpMetadata$>("
          "connection_->$Method$(request, options), operations_)",
          vars);
    } else {
      vars["Result"] = m.response;
      vars["Start"] = Fill("connection_->$Method$(request, options)", vars);
    }
    out += Fill(
        R"(Future<absl::StatusOr<$Result$>> $Name$Client::$Method$Async(const $Request$& request, const CallOptions& options) const {
  return $Start$;
}

absl::StatusOr<$Result$> $Name$Client::$Method$(const $Request$& request, const CallOptions& options) const {
  return $Method$Async(request, options).Get();
}
)",
        vars);
  }
  out += R"(
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
)";
  return out;
}

std::string ConnectionHeader(const Model& model) {
  std::string out = Fill(R"($generated$
// The $Service$ seam.

#ifndef CLOUDDESKTOP_$STEM$_CONNECTION_H_
#define CLOUDDESKTOP_$STEM$_CONNECTION_H_

#include "absl/status/statusor.h"
#include "clouddesktop/api_types.h"
#include "clouddesktop/call_options.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"
$connection_includes$
namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// One virtual per RPC of $Service$, asynchronous, on the wire types:
// a mutating RPC returns the raw Operation, which $Name$Client wraps in
// a typed handle. Implement or mock it
// (clouddesktop/mocks/mock_$stem$_connection.h) to test code without
// a server.
//
// The implementation made by MakeConnections validates each request,
// sends request ids (and idempotency keys on mutating calls), retries per
// policy, and puts the method and the request ids in every error. It is
// thread-safe; destroying it cancels its calls in flight (they complete
// with CANCELLED) and waits for them before returning.
//
// Every virtual has a default that returns UNIMPLEMENTED naming the
// method (`Class::Method`): a fake that overrides only what it uses keeps
// compiling, and failing clearly, when a new RPC is added.
class $Name$Connection {
 public:
  virtual ~$Name$Connection() = default;

)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    auto vars = MethodVars(model, m);
    out += Comment(
        "  ",
        absl::StrCat(m.qualified, " (", m.is_list ? "one page; " : "",
                     m.idempotent ? "idempotent: retried)."
                                  : "mutating: carries an idempotency key)."));
    out += Fill(
        "  virtual Future<absl::StatusOr<$Response$>> $Method$(const "
        "$Request$& request, const CallOptions& options);\n",
        vars);
  }
  out += Fill(R"(};

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_$STEM$_CONNECTION_H_
)",
              ServiceVars(model));
  return out;
}

std::string ConnectionSource(const Model& model) {
  std::string out = Fill(R"($generated$
// The default of every $Name$Connection virtual: UNIMPLEMENTED, naming the
// method, so that a fake written against an older version still compiles
// when an RPC is added (see $stem$_connection.h).
#include "clouddesktop/$stem$_connection.h"

#include "clouddesktop/internal/unimplemented.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    out += Fill(R"(
Future<absl::StatusOr<$Response$>> $Name$Connection::$Method$(const $Request$& /*request*/, const CallOptions& /*options*/) {
  return internal::UnimplementedFuture<$Response$>("$Name$Connection::$Method$");
}
)",
                MethodVars(model, m));
  }
  out += R"(
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
)";
  return out;
}

std::string ConnectionImpl(const Model& model) {
  std::string out = Fill(R"($generated$
// $Name$Connection over the transport-neutral $Name$Stub: validation,
// then the one retry loop (internal/connection_impls.h).

#include "clouddesktop/internal/connection_impls.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

class $Name$ConnectionImpl final : public $Name$Connection,
                                   private ConnectionBase {
 public:
  using ConnectionBase::ConnectionBase;
)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    auto vars = MethodVars(model, m);
    vars["kind"] = m.idempotent ? "kIdempotent" : "kMutating";
    out += Fill(R"(
  Future<absl::StatusOr<$Response$>> $Method$(const $Request$& request, const CallOptions& options) override {
    return Call("$Qualified$", $kind$, transport()->stubs().$stem$.get(),
                &$Name$Stub::Async$ProtoMethod$, request, options);
  }
)",
                vars);
  }
  out += Fill(R"(};

}  // namespace

std::shared_ptr<$Name$Connection> Make$Name$Connection(
    std::shared_ptr<Transport> transport) {
  return std::make_shared<$Name$ConnectionImpl>(std::move(transport));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
)",
              ServiceVars(model));
  return out;
}

std::string StubHeader(const Model& model) {
  std::string out = Fill(R"($generated$
// $Service$ as a transport-neutral Stub (see stub_macros.h).

#ifndef CLOUDDESKTOP_INTERNAL_$STEM$_STUB_H_
#define CLOUDDESKTOP_INTERNAL_$STEM$_STUB_H_

#include "clouddesktop/api_types.h"
#include "clouddesktop/internal/rpc_context.h"
#include "clouddesktop/internal/stub_macros.h"
#include "clouddesktop/version.h"
$connection_includes$
// Every RPC of $Service$: X(Method, Request, Response).
#define CLOUDDESKTOP_INTERNAL_$STEM$_RPCS(X) \
)",
                         ServiceVars(model));
  std::vector<std::string> rows;
  for (const Method& m : model.methods) {
    rows.push_back(Fill("  X($ProtoMethod$, $Request$, $Response$)",
                        MethodVars(model, m)));
  }
  out += absl::StrJoin(rows, " \\\n");
  out += Fill(R"(

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {

CLOUDDESKTOP_INTERNAL_DEFINE_STUB($Name$Stub,
                                  CLOUDDESKTOP_INTERNAL_$STEM$_RPCS)

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_INTERNAL_$STEM$_STUB_H_
)",
              ServiceVars(model));
  return out;
}

std::string MockHeader(const Model& model) {
  std::string out = Fill(R"($generated$
// A gmock $Name$Connection for unit tests of code that uses
// $Name$Client: no server, no threads. Return ready futures:
//   EXPECT_CALL(*mock, ...).WillOnce(Return(ByMove(MakeReadyFuture(...))));

#ifndef CLOUDDESKTOP_MOCKS_MOCK_$STEM$_CONNECTION_H_
#define CLOUDDESKTOP_MOCKS_MOCK_$STEM$_CONNECTION_H_

#include "clouddesktop/$stem$_connection.h"
#include "clouddesktop/version.h"
#include "gmock/gmock.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace mocks {

class Mock$Name$Connection : public $Name$Connection {
 public:
)",
                         ServiceVars(model));
  for (const Method& m : model.methods) {
    out += Fill(
        "  MOCK_METHOD(Future<absl::StatusOr<$Response$>>, $Method$, (const "
        "$Request$& request, const CallOptions& options), (override));\n",
        MethodVars(model, m));
  }
  out += Fill(R"(};

}  // namespace mocks
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_MOCKS_MOCK_$STEM$_CONNECTION_H_
)",
              ServiceVars(model));
  return out;
}

// The CLI's rows for every service, one file: an initializer-list fragment
// that cli/commands.cc includes inside MakeCommands().
std::string CliCommands(const std::vector<Model>& models) {
  std::string out = absl::StrCat(kGenerated, R"(
// The CLI commands of every service's RPCs: a fragment of the initializer
// list in MakeCommands() (cli/commands.cc), which defines Read, List and
// Mutate. One row per RPC of tools/codegen/services.textproto.
)");
  for (const Model& model : models) {
    out += Fill("\n// $Service$\n", ServiceVars(model));
    for (const Method& m : model.methods) {
      auto vars = MethodVars(model, m);
      vars["group"] = model.row->cli_group();
      vars["verb"] = m.row->cli().verb();
      vars["help"] = Quote(m.row->cli().help());
      vars["id"] = m.row->cli().id_field();
      std::vector<std::string> args = {
          Fill("\"$group$\"", vars), Fill("\"$verb$\"", vars),
          Fill("\"$help$\"", vars), Fill("\"$Qualified$\"", vars),
          Fill("\"$id$\"", vars)};
      std::string builder;
      if (m.is_list) {
        builder = "List";
        args.push_back(Fill("&$Name$Client::$Method$", vars));
        args.push_back(Fill("&$Name$Client::$Method$Async", vars));
      } else if (m.is_operation) {
        builder = "Mutate";
        args.push_back(Fill("&$Name$Client::$Method$Async", vars));
      } else {
        builder = "Read";
        args.push_back(Fill("&$Name$Client::$Method$", vars));
        if (!m.row->cli().text_field().empty()) {
          args.push_back(absl::StrCat("\"", m.row->cli().text_field(), "\""));
        }
      }
      absl::StrAppend(&out, builder, "(\n    ", absl::StrJoin(args, ",\n    "),
                      "),\n");
    }
  }
  return out;
}

bool Write(const std::string& root, const std::string& path,
           const std::string& text) {
  std::string full = absl::StrCat(root, "/", path);
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(full).parent_path(),
                                      ignored);
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "generate: cannot write " << full << "\n";
    return false;
  }
  std::cout << path << "\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string table_path;
  std::string out_dir;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--table=")) {
      table_path = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--out=")) {
      out_dir = std::string(arg);
    } else {
      std::cerr << "generate: unknown argument " << argv[i]
                << "\nusage: generate --table=FILE --out=DIR\n";
      return 2;
    }
  }
  if (table_path.empty() || out_dir.empty()) {
    std::cerr << "usage: generate --table=FILE --out=DIR\n";
    return 2;
  }
  LinkedFiles();
  std::ifstream in(table_path, std::ios::binary);
  if (!in) {
    std::cerr << "generate: cannot read " << table_path << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();

  // Parse errors name the line and column.
  struct Collector : pb::io::ErrorCollector {
    std::string path;
    void AddError(int line, int column, const std::string& message) override {
      std::cerr << path << ":" << line + 1 << ":" << column + 1 << ": "
                << message << "\n";
    }
  } collector;
  collector.path = table_path;
  pb::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  Services table;
  if (!parser.ParseFromString(text.str(), &table)) return 1;

  std::vector<Model> models(table.services_size());
  for (int i = 0; i < table.services_size(); ++i) {
    BuildModel(table.services(i), models[i]);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) {
      std::cerr << table_path << ": " << e << "\n";
    }
    return 1;
  }
  bool ok = true;
  const std::string cc = "cc/clouddesktop/";
  for (const Model& m : models) {
    const std::string& stem = m.row->file_stem();
    ok &= Write(out_dir, cc + stem + "_client.h", ClientHeader(m));
    ok &= Write(out_dir, cc + stem + "_client.cc", ClientSource(m));
    ok &= Write(out_dir, cc + stem + "_connection.h", ConnectionHeader(m));
    ok &= Write(out_dir, cc + stem + "_connection.cc", ConnectionSource(m));
    ok &= Write(out_dir, cc + "internal/" + stem + "_connection_impl.cc",
                ConnectionImpl(m));
    ok &= Write(out_dir, cc + "internal/" + stem + "_stub.h", StubHeader(m));
    ok &= Write(out_dir, cc + "mocks/mock_" + stem + "_connection.h",
                MockHeader(m));
  }
  ok &= Write(out_dir, cc + "cli/service_commands.inc", CliCommands(models));
  return ok ? 0 : 1;
}
