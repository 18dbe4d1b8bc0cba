// The table of API commands: one row per RPC, naming the command, its
// summary, the RPC, the request message (whose fields become the flags) and
// the client method that runs it. The parser and every --help text are
// generated from this table (see app.cc); nothing about a command is
// written twice.

#ifndef CLOUDDESKTOP_CLI_COMMANDS_H_
#define CLOUDDESKTOP_CLI_COMMANDS_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "clouddesktop/cli/connection_flags.h"
#include "clouddesktop/cli/output.h"
#include "clouddesktop/connection_factory.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace clouddesktop::cli {

// What a command run needs besides its request. Built by app.cc after
// parsing.
struct Context {
  Format format = Format::kText;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  // stderr is a terminal: live progress lines.
  bool err_is_tty = false;
  ConnectionFlags connection_flags;
  Connections connections;

  // Flags of mutating commands.
  bool wait = false;
  bool cancel_on_interrupt = false;
  absl::Duration wait_timeout = absl::InfiniteDuration();
  // Flags of list commands: --limit (0: none), and whether --page-size was
  // given (one page only).
  int64_t limit = 0;
  bool single_page = false;

  // "clouddesktop <connection flags> operations wait".
  std::string ResumeCommand() const;
};

enum class CommandKind {
  kRead,       // one call, one message printed
  kList,       // every page (or one), a list printed
  kMutate,     // returns an operation; --wait waits for it
  kOperation,  // `operations wait` / `cancel`: operations by id
};

struct CommandSpec {
  std::string group;    // "desktops"
  std::string name;     // "create"
  std::string summary;  // one line, for --help
  std::string rpc;      // "DesktopService.Create"
  CommandKind kind = CommandKind::kRead;
  const google::protobuf::Descriptor* request = nullptr;
  // A request field also accepted as the positional argument (the
  // resource id); empty: none.
  std::string id_field;
  // In text format, print this field of the response as is (the RDP file).
  std::string raw_text_field;
  // Runs the RPC with `request` (of type `request`); returns the exit code.
  std::function<int(Context&, const google::protobuf::Message&)> run;
};

// Every API command, grouped: images, desktops, groups, operations.
const std::vector<CommandSpec>& Commands();

// The groups, in order, with their summaries.
struct CommandGroup {
  std::string name;
  std::string summary;
};
const std::vector<CommandGroup>& CommandGroups();

}  // namespace clouddesktop::cli

#endif  // CLOUDDESKTOP_CLI_COMMANDS_H_
