#include "clouddesktop/cli/demo.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "clouddesktop/cli/errors.h"
#include "clouddesktop/cli/exit_codes.h"
#include "clouddesktop/cli/interrupts.h"
#include "clouddesktop/cli/output.h"
#include "clouddesktop/cli/waiter.h"
#include "clouddesktop/connection_factory.h"
#include "clouddesktop/desktop_client.h"
#include "clouddesktop/desktop_group_client.h"
#include "clouddesktop/desktop_image_client.h"
#include "clouddesktop/emulator/emulator.h"
#include "clouddesktop/emulator/faults.h"
#include "clouddesktop/operation_client.h"

namespace clouddesktop::cli {
namespace {

constexpr char kFolder[] = "emulator-folder";  // emulator::kDefaultFolderId
// A Compute Cloud image id: the emulator's default catalogue knows every id
// of this shape, as production knows the image a configuration names.
constexpr char kComputeImage[] = "fd8demoimage0000ubnt";

struct StepRecord {
  std::string name;
  bool ok = false;
  absl::Duration duration;
  std::string detail;  // what it made or saw, or the error
};

class Demo {
 public:
  Demo(const DemoOptions& options, Connections connections,
       std::atomic<bool>& interrupted, std::ostream& out, std::ostream& err)
      : options_(options),
        connections_(std::move(connections)),
        groups_(connections_),
        desktops_(connections_),
        images_(connections_),
        operations_(connections_),
        out_(out),
        err_(err),
        interrupted_(interrupted) {}

  int Run() {
    bool ok = Step("Copy a Compute image", [&](std::string* detail) {
      api::CopyDesktopImageRequest request;
      request.set_folder_id(kFolder);
      request.set_image_id(kComputeImage);
      request.set_name("demo-base");
      request.set_description("copied from a Compute Cloud image");
      absl::StatusOr<api::DesktopImage> image =
          Await("DesktopImageService.Copy", images_.CopyDesktopImage(request));
      if (!image.ok()) return image.status();
      image_ids_.push_back(image->id());
      base_image_id_ = image->id();
      *detail = absl::StrCat(image->id(), " \"", image->name(), "\" from ",
                             kComputeImage);
      return absl::OkStatus();
    });

    ok = ok && Step("Create a desktop group", [&](std::string* detail) {
           api::CreateDesktopGroupRequest request;
           request.set_folder_id(kFolder);
           request.set_desktop_image_id(base_image_id_);
           request.set_name("demo-group");
           request.set_description("made by clouddesktop demo");
           (*request.mutable_labels())["env"] = "demo";
           request.mutable_resources_spec()->set_cores(2);
           request.mutable_resources_spec()->set_memory(int64_t{4} << 30);
           request.mutable_resources_spec()->set_core_fraction(100);
           request.mutable_network_interface_spec()->set_network_id("demo-net");
           request.mutable_network_interface_spec()->add_subnet_ids(
               "demo-subnet-a");
           request.mutable_boot_disk_spec()->set_type(api::DiskSpec::SSD);
           request.mutable_boot_disk_spec()->set_size(int64_t{32} << 30);
           request.mutable_data_disk_spec()->set_type(api::DiskSpec::HDD);
           request.mutable_data_disk_spec()->set_size(int64_t{16} << 30);
           request.mutable_group_config()->set_max_desktops_amount(10);
           request.mutable_group_config()->set_desktop_type(
               api::DesktopGroupConfiguration::PERSISTENT);
           absl::StatusOr<api::DesktopGroup> group =
               Await("DesktopGroupService.Create",
                     groups_.CreateDesktopGroup(request));
           if (!group.ok()) return group.status();
           group_id_ = group->id();
           *detail =
               absl::StrCat(group->id(), " \"", group->name(), "\" ",
                            api::DesktopGroup::Status_Name(group->status()));
           return absl::OkStatus();
         });

    ok = ok && Step("Create two desktops in it", [&](std::string* detail) {
           // Both start at once; the waits overlap.
           std::vector<absl::StatusOr<CreateDesktopOperation>> started;
           for (const char* name : {"demo-desktop-a", "demo-desktop-b"}) {
             api::CreateDesktopRequest request;
             request.set_desktop_group_id(group_id_);
             request.set_name(name);
             api::User* user = request.add_users();
             user->set_subject_id("demo-user");
             user->set_subject_type("userAccount");
             started.push_back(desktops_.CreateDesktop(request));
           }
           std::vector<std::string> made;
           absl::Status first_error;
           for (auto& op : started) {
             absl::StatusOr<api::Desktop> desktop =
                 Await("DesktopService.Create", std::move(op));
             if (!desktop.ok()) {
               if (first_error.ok()) first_error = desktop.status();
               continue;
             }
             desktop_ids_.push_back(desktop->id());
             made.push_back(
                 absl::StrCat(desktop->id(), " ",
                              api::Desktop::Status_Name(desktop->status())));
           }
           *detail = absl::StrJoin(made, ", ");
           return first_error;
         });

    // An image is made only from a stopped desktop.
    ok = ok && Step("Stop a desktop", [&](std::string* detail) {
           api::StopRequest request;
           request.set_desktop_id(desktop_ids_.front());
           absl::StatusOr<api::Desktop> desktop =
               Await("DesktopService.Stop", desktops_.StopDesktop(request));
           if (!desktop.ok()) return desktop.status();
           *detail = absl::StrCat(desktop->id(), " ",
                                  api::Desktop::Status_Name(desktop->status()));
           return absl::OkStatus();
         });

    ok = ok && Step("Copy an image from it", [&](std::string* detail) {
           api::CopyFromDesktopRequest request;
           request.set_desktop_id(desktop_ids_.front());
           request.set_folder_id(kFolder);
           request.set_name("demo-image");
           request.set_description("copied from the first demo desktop");
           absl::StatusOr<api::DesktopImage> image =
               Await("DesktopImageService.CopyFromDesktop",
                     images_.CopyFromDesktop(request));
           if (!image.ok()) return image.status();
           image_ids_.push_back(image->id());
           image_id_ = image->id();
           *detail = absl::StrCat(image->id(), " \"", image->name(), "\" from ",
                                  desktop_ids_.front());
           return absl::OkStatus();
         });

    ok = ok && Step("List images", [&](std::string* detail) {
           api::ListDesktopImagesRequest request;
           request.set_folder_id(kFolder);
           return PrintList(images_.ListDesktopImages(request), "images",
                            detail);
         });

    ok =
        ok && Step("List desktops", [&](std::string* detail) {
          api::ListDesktopsRequest request;
          request.set_folder_id(kFolder);
          return PrintList(desktops_.ListDesktops(request), "desktops", detail);
        });

    ok = ok && Step("Update the image's labels", [&](std::string* detail) {
           api::UpdateDesktopImageRequest request;
           request.set_image_id(image_id_);
           (*request.mutable_labels())["env"] = "demo";
           (*request.mutable_labels())["source"] = "demo-desktop-a";
           request.mutable_update_mask()->add_paths("labels");
           absl::StatusOr<api::DesktopImage> image =
               Await("DesktopImageService.Update",
                     images_.UpdateDesktopImage(request));
           if (!image.ok()) return image.status();
           std::vector<std::string> labels;
           for (const auto& [k, v] : image->labels()) {
             labels.push_back(absl::StrCat(k, "=", v));
           }
           std::sort(labels.begin(), labels.end());
           *detail = absl::StrCat(image->id(), " labels ",
                                  absl::StrJoin(labels, ","));
           return absl::OkStatus();
         });

    ok = ok && Step("Restart a desktop", [&](std::string* detail) {
           api::RestartRequest request;
           request.set_desktop_id(desktop_ids_.back());
           absl::StatusOr<api::Desktop> desktop = Await(
               "DesktopService.Restart", desktops_.RestartDesktop(request));
           if (!desktop.ok()) return desktop.status();
           *detail = absl::StrCat(desktop->id(), " ",
                                  api::Desktop::Status_Name(desktop->status()));
           return absl::OkStatus();
         });

    // Cleanup runs whatever happened above (unless Ctrl-C).
    bool cleaned = Cleanup();
    PrintSummary();
    if (interrupted_) return kExitInterrupted;
    if (ok && cleaned) return kExitOk;
    return operation_failed_ ? kExitOperationFailed : kExitApiError;
  }

 private:
  bool Cleanup() {
    bool ok = true;
    if (!desktop_ids_.empty()) {
      ok = Step("Delete the desktops",
                [&](std::string* detail) {
                  *detail = absl::StrJoin(desktop_ids_, ", ");
                  return DeleteAll("DesktopService.Delete", desktop_ids_,
                                   [&](const std::string& id) {
                                     api::DeleteDesktopRequest request;
                                     request.set_desktop_id(id);
                                     return desktops_.DeleteDesktop(request);
                                   });
                }) &&
           ok;
    }
    if (!group_id_.empty()) {
      ok = Step("Delete the desktop group",
                [&](std::string* detail) {
                  api::DeleteDesktopGroupRequest request;
                  request.set_desktop_group_id(group_id_);
                  *detail = group_id_;
                  return Await("DesktopGroupService.Delete",
                               groups_.DeleteDesktopGroup(request))
                      .status();
                }) &&
           ok;
    }
    if (!image_ids_.empty()) {
      ok = Step("Delete the images",
                [&](std::string* detail) {
                  *detail = absl::StrJoin(image_ids_, ", ");
                  return DeleteAll("DesktopImageService.Delete", image_ids_,
                                   [&](const std::string& id) {
                                     api::DeleteDesktopImageRequest request;
                                     request.set_image_id(id);
                                     return images_.DeleteDesktopImage(request);
                                   });
                }) &&
           ok;
    }
    return ok;
  }

  // Starts `start(id)` for every id at once, then awaits each: the first
  // error, if any.
  template <typename Start>
  absl::Status DeleteAll(const char* rpc, const std::vector<std::string>& ids,
                         Start start) {
    std::vector<decltype(start(ids.front()))> started;
    for (const std::string& id : ids) started.push_back(start(id));
    absl::Status first_error;
    for (auto& op : started) {
      absl::Status s = Await(rpc, std::move(op)).status();
      if (first_error.ok()) first_error = s;
    }
    return first_error;
  }

  // Runs one step, times it, prints its line; false if it failed (or
  // Ctrl-C stopped the demo, in which case later steps do not run).
  bool Step(const std::string& name,
            const std::function<absl::Status(std::string* detail)>& body) {
    if (interrupted_) return false;
    StepRecord record;
    record.name = name;
    absl::Time start = absl::Now();
    absl::Status status = body(&record.detail);
    record.duration = absl::Now() - start;
    record.ok = status.ok();
    int number = static_cast<int>(steps_.size()) + 1;
    out_ << absl::StrCat(number < 10 ? " " : "", number, ". ", name, ": ",
                         record.ok ? "ok" : "FAILED", " (",
                         ShortDuration(record.duration), ")");
    if (record.ok && !record.detail.empty()) out_ << "  " << record.detail;
    out_ << "\n";
    if (!pending_table_.empty()) {
      out_ << pending_table_;
      pending_table_.clear();
    }
    out_.flush();
    if (!status.ok()) {
      if (!interrupted_) PrintError("", status, err_);
      record.detail = std::string(status.message());
    }
    steps_.push_back(std::move(record));
    return status.ok();
  }

  // Waits for a started operation with progress; its typed result.
  template <typename Response, typename Metadata>
  absl::StatusOr<Response> Await(
      const std::string& label,
      absl::StatusOr<Operation<Response, Metadata>> op) {
    if (!op.ok()) return op.status();
    WaitSettings settings;
    settings.label = label;
    settings.show_progress = options_.show_progress;
    settings.final_line = false;  // the step's line says it
    // Ctrl-C before the wait began (during the call that started it).
    settings.interrupt_flag = &interrupted_;
    WaitResult wait =
        WaitForOperation(operations_, op->proto(), settings, err_);
    if (wait.interrupted) {
      interrupted_ = true;
      return absl::CancelledError("interrupted");
    }
    if (!wait.final.ok()) return wait.final.status();
    if (wait.final->has_error()) operation_failed_ = true;
    return OperationResult<Response>(*wait.final);
  }

  // Reads every item of `range` into a table shown under the step's line.
  template <typename T>
  absl::Status PrintList(PaginationRange<T> range, const std::string& what,
                         std::string* detail) {
    std::vector<Column> columns = ColumnsFor(T::descriptor());
    std::vector<std::string> header;
    for (const Column& c : columns) header.push_back(c.header);
    std::vector<std::vector<std::string>> rows;
    for (const absl::StatusOr<T>& item : range) {
      if (!item.ok()) return item.status();
      rows.push_back(Row(*item, columns));
    }
    *detail = absl::StrCat(rows.size(), " ", what);
    std::string table = FormatTable(header, rows);
    pending_table_ = absl::StrCat(
        "      ", absl::StrReplaceAll(table, {{"\n", "\n      "}}));
    pending_table_.resize(pending_table_.size() - 6);  // the last indent
    return absl::OkStatus();
  }

  void PrintSummary() {
    std::vector<std::vector<std::string>> rows;
    absl::Duration total;
    int failed = 0;
    for (size_t i = 0; i < steps_.size(); ++i) {
      const StepRecord& s = steps_[i];
      total += s.duration;
      if (!s.ok) ++failed;
      rows.push_back({absl::StrCat(i + 1), s.name, s.ok ? "ok" : "FAILED",
                      ShortDuration(s.duration)});
    }
    out_ << "\nSummary\n" << FormatTable({"#", "STEP", "RESULT", "TIME"}, rows);
    if (interrupted_) {
      out_ << "interrupted after " << ShortDuration(total) << "\n";
    } else if (failed == 0) {
      out_ << "all " << steps_.size() << " steps succeeded in "
           << ShortDuration(total) << "\n";
    } else {
      out_ << failed << " of " << steps_.size() << " steps failed ("
           << ShortDuration(total) << ")\n";
    }
    out_.flush();
  }

  const DemoOptions options_;
  Connections connections_;
  DesktopGroupClient groups_;
  DesktopClient desktops_;
  DesktopImageClient images_;
  OperationClient operations_;
  std::ostream& out_;
  std::ostream& err_;

  std::string group_id_;
  std::vector<std::string> desktop_ids_;
  std::string image_id_;                // made from a desktop
  std::string base_image_id_;           // copied from Compute
  std::vector<std::string> image_ids_;  // every image made, to delete
  std::string pending_table_;
  std::vector<StepRecord> steps_;
  // Set by Ctrl-C, during a wait or (RunDemo's handler) anywhere else.
  std::atomic<bool>& interrupted_;
  bool operation_failed_ = false;
};

}  // namespace

int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  // Ctrl-C at any point stops the demo after the call in flight, with the
  // summary (a wait in progress is stopped at once).
  std::atomic<bool> interrupted{false};
  InterruptScope scope([&interrupted](int) { interrupted = true; });
  emulator::EmulatorOptions emulator_options;
  emulator_options.listen_address = "127.0.0.1:0";
  emulator_options.operation_delay = options.operation_delay;
  if (!options.faults.empty()) {
    absl::StatusOr<emulator::FaultSpec> faults =
        emulator::ParseFaultSpec(options.faults);
    if (!faults.ok()) {
      PrintUsageError(absl::StrCat("--faults: ", faults.status().message()),
                      "clouddesktop demo", err);
      return kExitUsage;
    }
    emulator_options.faults = *std::move(faults);
  }
  if (options.rest) emulator_options.http_listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<emulator::Emulator>> emu =
      emulator::Emulator::Start(emulator_options);
  if (!emu.ok()) {
    err << "clouddesktop: cannot start the emulator: " << emu.status().message()
        << "\n";
    return kExitApiError;
  }
  out << "clouddesktop demo: an in-process Cloud Desktop emulator listens on "
      << (options.rest
              ? absl::StrCat("http://", (*emu)->http_address(), " (REST)")
              : (*emu)->address())
      << " (operations take " << ShortDuration(options.operation_delay)
      << ");\nevery call below goes through the clouddesktop-cpp client "
         "library.\n\n";
  out.flush();

  ConnectionOptions connection;
  connection.endpoint = (*emu)->address();
  connection.operation_endpoint = (*emu)->address();
  if (options.rest) {
    connection.transport = TransportKind::kRest;
    connection.rest_endpoint = (*emu)->http_address();
    connection.rest_operation_endpoint = (*emu)->http_address();
  }
  connection.insecure = true;
  connection.user_agent_prefix = "clouddesktop-demo";
  // Emulated operations are short: poll often, so that the summary shows
  // the operations' time rather than the default backoff's.
  PollingSettings polling;
  polling.initial_interval = absl::Milliseconds(50);
  polling.maximum_interval = absl::Milliseconds(250);
  connection.polling_policy =
      std::make_shared<ExponentialPollingPolicy>(polling);
  int code;
  {
    Demo demo(options, MakeConnections(connection), interrupted, out, err);
    code = demo.Run();
  }  // the connections close before the emulator stops
  (*emu)->Shutdown();
  return code;
}

}  // namespace clouddesktop::cli
