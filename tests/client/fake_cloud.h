// A scripted in-process server for the client's tests: DesktopImageService,
// DesktopService, DesktopGroupService and OperationService on the gRPC
// callback API, answering exactly what a test scripts (status, response,
// details, headers, trailers, delay, or never) and recording what it saw
// (method, request, client metadata, arrival time).

#ifndef TESTS_CLIENT_FAKE_CLOUD_H_
#define TESTS_CLIENT_FAKE_CLOUD_H_

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"
#include "clouddesktop/internal/simulated_clock.h"
#include "clouddesktop/options.h"
#include "google/protobuf/message.h"
#include "google/rpc/status.pb.h"
#include "yandex/cloud/operation/operation.pb.h"

namespace clouddesktop_test {

// One scripted answer.
struct Reply {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  // Sent as grpc-status-details-bin when set.
  std::shared_ptr<google::rpc::Status> details;
  // Copied into the response; must be the method's response type.
  std::shared_ptr<const google::protobuf::Message> response;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> trailers;
  // Answer after this long (the call still ends early if cancelled).
  absl::Duration delay = absl::ZeroDuration();
  // Never answer; the call ends only when the client cancels it or its
  // deadline passes (or the fake shuts down).
  bool hang = false;

  static Reply Ok(const google::protobuf::Message& response) {
    std::shared_ptr<google::protobuf::Message> copy(response.New());
    copy->CopyFrom(response);
    Reply r;
    r.response = std::move(copy);
    return r;
  }
  static Reply Error(grpc::StatusCode code, std::string message) {
    Reply r;
    r.code = code;
    r.message = std::move(message);
    return r;
  }
  static Reply Hang() {
    Reply r;
    r.hang = true;
    return r;
  }
};

// What the fake saw of one call.
struct Seen {
  std::string method;  // `DesktopService.Get`
  std::shared_ptr<google::protobuf::Message> request;
  std::multimap<std::string, std::string> metadata;
  absl::Time at;

  std::string header(const std::string& key) const {
    auto it = metadata.find(key);
    return it == metadata.end() ? "" : it->second;
  }
};

class FakeCloud {
 public:
  FakeCloud();
  ~FakeCloud();

  std::string address() const { return address_; }
  // Plaintext options pointing both endpoints here, with short backoff and
  // polling intervals so scripted scenarios run fast (and, after
  // UseSimulatedClock, the simulated clock).
  clouddesktop::ConnectionOptions Options() const;

  // From now on, Options() carries a simulated clock (virtual time: the
  // connections' executor jumps to its next timer whenever it is idle, so
  // poll intervals, backoff and deadlines cost no real time), and Seen::at
  // is read from it. Call before Options().
  void UseSimulatedClock();
  // The clock Options() carries: simulated or real.
  absl::Time Now() const;

  // Answers for `method`, consumed in order; then `SetDefault`'s, else OK
  // with an empty response.
  void Script(const std::string& method, std::vector<Reply> replies);
  void SetDefault(const std::string& method, Reply reply);
  // Answers of OperationService.Get for one operation id, consumed in
  // order; the last one repeats.
  void ScriptOperation(const std::string& id, std::vector<Reply> replies);
  // Computes OperationService.Get answers for ids without a script:
  // `poll` counts this id's polls from 1.
  void SetOperationHandler(
      std::function<Reply(const std::string& id, int poll)> f);

  std::vector<Seen> Calls(const std::string& method = "") const;
  int CallCount(const std::string& method = "") const;
  // Calls that ended because the client cancelled them.
  int CancelledCount() const;
  // Calls not answered yet.
  int Pending() const;
  // Blocks until `method` has been seen `count` times (or 10 s passed).
  bool WaitForCalls(const std::string& method, int count) const;

  // Implementation detail of the services.
  grpc::ServerUnaryReactor* Handle(const char* method,
                                   grpc::CallbackServerContext* ctx,
                                   const google::protobuf::Message& request,
                                   google::protobuf::Message* response);

 private:
  struct Services;
  struct CallState;
  Reply Next(const std::string& method,
             const google::protobuf::Message& request);
  void SchedulerLoop();
  // False if the call was already finished.
  bool FinishCall(const std::shared_ptr<CallState>& call, grpc::Status status);

  std::shared_ptr<clouddesktop::internal::SimulatedClock> clock_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;

  mutable clouddesktop::internal::Mutex mu_;
  mutable clouddesktop::internal::CondVar seen_cv_;
  std::map<std::string, std::deque<Reply>> scripts_;
  std::map<std::string, Reply> defaults_;
  std::map<std::string, std::deque<Reply>> operation_scripts_;
  std::map<std::string, int> operation_polls_;
  std::function<Reply(const std::string&, int)> operation_handler_;
  std::vector<Seen> seen_;
  int cancelled_ = 0;
  int pending_ = 0;

  // Delayed answers.
  clouddesktop::internal::Mutex timer_mu_;
  clouddesktop::internal::CondVar timer_cv_;
  std::multimap<absl::Time, std::function<void()>> timers_;
  bool stop_ = false;
  std::thread scheduler_;
};

// An operation `id`, running or done, with optional metadata/response.
yandex::cloud::operation::Operation MakeOperation(
    const std::string& id, bool done,
    const google::protobuf::Message* metadata = nullptr,
    const google::protobuf::Message* response = nullptr);

// A done operation that failed with `code` / `message` and `details`.
yandex::cloud::operation::Operation MakeFailedOperation(
    const std::string& id, int code, const std::string& message,
    const std::vector<const google::protobuf::Message*>& details = {});

// The number of threads of this process (/proc/self/task).
int ThreadCount();

}  // namespace clouddesktop_test

#endif  // TESTS_CLIENT_FAKE_CLOUD_H_
