// Loads the wire tables (tests/testdata/wire/*.tsv, copies of the public API's
// wire facts) and compares them with the descriptors in a DescriptorPool.
//
// The tables say what the server expects on the wire: package, service and
// message names, field numbers and shapes, enum numbers, reserved ranges and
// the method and field options. CompareWithTables() walks the compiled
// descriptors at run time, so any hand-written .proto that drifts from the
// tables shows up as one precise line per difference.

#ifndef CLOUDDESKTOP_TESTS_WIRE_WIRE_TABLES_H_
#define CLOUDDESKTOP_TESTS_WIRE_WIRE_TABLES_H_

#include <map>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace clouddesktop::wire_test {

// One row of rpcs.tsv.
struct RpcRow {
  int line = 0;  // 1-based line in the file, for messages.
  std::string file;
  std::string
      service;  // Full name, e.g. yandex.cloud.operation.OperationService.
  std::string method;
  std::string request;    // Full message name.
  std::string response;   // Full message name.
  std::string http;       // "GET /path" or "POST /path body=*".
  std::string operation;  // "metadata=X;response=Y", empty if none.
};

// One row of fields.tsv: a field, or a reserved range when `reserved` is set.
struct FieldRow {
  int line = 0;
  std::string file;
  std::string message;  // Full name.
  bool reserved = false;
  std::string field;  // Empty for a reserved range.
  int number = 0;     // Field number, or first number of the reserved range.
  int range_end = 0;  // Last reserved number, inclusive; reserved rows only.
  std::string label;  // "", "repeated", "map" or "oneof:<name>".
  std::string type;   // Scalar name, full message or enum name, or map<K,V>.
  // Field options of package yandex.cloud, by name relative to the package
  // ("required", "length", ...), with the value as written in the table.
  std::map<std::string, std::string> validation;
};

// One row of oneofs.tsv: a oneof and its options.
struct OneofRow {
  int line = 0;
  std::string file;
  std::string message;  // Full name of the containing message.
  std::string oneof;
  // Oneof options of package yandex.cloud ("exactly_one"), as in the table.
  std::map<std::string, std::string> options;
};

// One row of enums.tsv.
struct EnumRow {
  int line = 0;
  std::string enum_name;  // Full name.
  std::string value;
  int number = 0;
};

struct Tables {
  std::vector<RpcRow> rpcs;
  std::vector<FieldRow> fields;
  std::vector<EnumRow> enums;
  std::vector<OneofRow> oneofs;

  // The number of data rows in all four tables.
  int RowCount() const {
    return static_cast<int>(rpcs.size() + fields.size() + enums.size() +
                            oneofs.size());
  }
};

// Parsers for the text of one table. Each expects the header row, then one
// row per line, tab-separated; trailing empty columns may be left out. On
// malformed input they return false and set *error to "<file>:<line>: ...".
bool ParseRpcs(const std::string& text, std::vector<RpcRow>* rows,
               std::string* error);
bool ParseFields(const std::string& text, std::vector<FieldRow>* rows,
                 std::string* error);
bool ParseEnums(const std::string& text, std::vector<EnumRow>* rows,
                std::string* error);
bool ParseOneofs(const std::string& text, std::vector<OneofRow>* rows,
                 std::string* error);

// Reads rpcs.tsv, fields.tsv, enums.tsv and oneofs.tsv from `dir`.
bool LoadTables(const std::string& dir, Tables* tables, std::string* error);

// Splits a validation cell ("length=<=50;required=true") into key and value;
// a ';' inside {...} belongs to the value. Returns false on a malformed cell
// or a repeated key.
bool ParseValidation(const std::string& cell,
                     std::map<std::string, std::string>* options,
                     std::string* error);

// Compares `pool` with `tables` and returns one line per difference, e.g.
//   fields.tsv:10: yandex.cloud.clouddesktop.v1.api.Desktop.name: number is
//   26, table says 11
// Also checks that every message, field, reserved range, enum value, oneof,
// service and method in the files the tables name is in the tables, and that
// the option extensions have their documented numbers. Sets *rows_checked to
// the number of table rows compared.
std::vector<std::string> CompareWithTables(
    const google::protobuf::DescriptorPool& pool, const Tables& tables,
    int* rows_checked);

}  // namespace clouddesktop::wire_test

#endif  // CLOUDDESKTOP_TESTS_WIRE_WIRE_TABLES_H_
