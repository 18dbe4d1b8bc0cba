#include "tests/credentials/fake_metadata_server.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "clouddesktop/internal/mutex.h"

namespace credentials_test {

FakeMetadataServer::Answer FakeMetadataServer::Token(const std::string& token,
                                                     int expires_in) {
  Answer answer;
  answer.body = nlohmann::json({{"access_token", token},
                                {"expires_in", expires_in},
                                {"token_type", "Bearer"}})
                    .dump();
  return answer;
}

FakeMetadataServer::FakeMetadataServer() {
  server_.Get(
      ".*", [this](const httplib::Request& request,
                   httplib::Response& response) { Handle(request, response); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs; the socket already
  // listens, so requests queue up meanwhile.
  while (!server_.is_running()) std::this_thread::yield();
}

FakeMetadataServer::~FakeMetadataServer() {
  Release();
  server_.stop();
  thread_.join();
}

std::string FakeMetadataServer::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

void FakeMetadataServer::SetAnswers(std::vector<Answer> answers) {
  clouddesktop::internal::MutexLock lock(&mu_);
  answers_ = std::move(answers);
}

int FakeMetadataServer::hits() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return hits_;
}

bool FakeMetadataServer::WaitForHits(int n) const {
  clouddesktop::internal::MutexLock lock(&mu_);
  const auto deadline =
      clouddesktop::internal::CondVar::SteadyDeadline(absl::Seconds(30));
  while (hits_ < n) {
    if (cv_.WaitWithDeadline(&mu_, deadline)) break;
  }
  return hits_ >= n;
}

std::string FakeMetadataServer::last_path() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return last_path_;
}

std::string FakeMetadataServer::last_flavor() const {
  clouddesktop::internal::MutexLock lock(&mu_);
  return last_flavor_;
}

void FakeMetadataServer::Release() {
  clouddesktop::internal::MutexLock lock(&mu_);
  released_ = true;
  cv_.SignalAll();
}

void FakeMetadataServer::Handle(const httplib::Request& request,
                                httplib::Response& response) {
  Answer answer;
  {
    clouddesktop::internal::MutexLock lock(&mu_);
    const size_t index =
        std::min(static_cast<size_t>(hits_), answers_.size() - 1);
    if (!answers_.empty()) answer = answers_[index];
    ++hits_;
    last_path_ = request.path;
    last_flavor_ = request.get_header_value("Metadata-Flavor");
    cv_.SignalAll();
    if (answer.hang) {
      while (!released_) cv_.Wait(&mu_);
      answer.status = 503;
      answer.body.clear();
    }
  }
  response.status = answer.status;
  response.set_content(answer.body, "application/json");
}

}  // namespace credentials_test
