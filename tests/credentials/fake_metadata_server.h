// A loopback stand-in for the compute metadata service (cpp-httplib): it
// answers every GET with scripted answers and records what it was sent.

#ifndef TESTS_CREDENTIALS_FAKE_METADATA_SERVER_H_
#define TESTS_CREDENTIALS_FAKE_METADATA_SERVER_H_

#include <httplib.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"

namespace credentials_test {

class FakeMetadataServer {
 public:
  struct Answer {
    int status = 200;
    std::string body;
    // Block until Release() (or the server's destruction) instead of
    // answering: a slow service.
    bool hang = false;
  };

  // {"access_token": token, "expires_in": seconds, "token_type": "Bearer"}.
  static Answer Token(const std::string& token, int expires_in = 3600);

  FakeMetadataServer();
  ~FakeMetadataServer();
  FakeMetadataServer(const FakeMetadataServer&) = delete;
  FakeMetadataServer& operator=(const FakeMetadataServer&) = delete;

  std::string address() const;  // 127.0.0.1:<port>

  // Answers in order; the last one repeats.
  void SetAnswers(std::vector<Answer> answers);
  void SetAnswer(Answer answer) { SetAnswers({std::move(answer)}); }

  int hits() const;
  // Waits (up to 30 s) until at least `n` requests arrived.
  bool WaitForHits(int n) const;
  // Of the last request.
  std::string last_path() const;
  std::string last_flavor() const;  // the Metadata-Flavor header

  // Lets hung requests go (they answer 503).
  void Release();

 private:
  void Handle(const httplib::Request& request, httplib::Response& response);

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable clouddesktop::internal::Mutex mu_;
  mutable clouddesktop::internal::CondVar cv_;
  std::vector<Answer> answers_ ABSL_GUARDED_BY(mu_);
  int hits_ ABSL_GUARDED_BY(mu_) = 0;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
  std::string last_path_ ABSL_GUARDED_BY(mu_);
  std::string last_flavor_ ABSL_GUARDED_BY(mu_);
};

}  // namespace credentials_test

#endif  // TESTS_CREDENTIALS_FAKE_METADATA_SERVER_H_
