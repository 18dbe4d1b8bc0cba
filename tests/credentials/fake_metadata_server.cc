#include "tests/credentials/fake_metadata_server.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

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
  std::lock_guard<std::mutex> lock(mu_);
  answers_ = std::move(answers);
}

int FakeMetadataServer::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

bool FakeMetadataServer::WaitForHits(int n) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(
      lock, std::chrono::seconds(30),
      [&]() ABSL_NO_THREAD_SAFETY_ANALYSIS { return hits_ >= n; });
}

std::string FakeMetadataServer::last_path() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_path_;
}

std::string FakeMetadataServer::last_flavor() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_flavor_;
}

void FakeMetadataServer::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  released_ = true;
  cv_.notify_all();
}

void FakeMetadataServer::Handle(const httplib::Request& request,
                                httplib::Response& response) {
  Answer answer;
  {
    std::unique_lock<std::mutex> lock(mu_);
    const size_t index =
        std::min(static_cast<size_t>(hits_), answers_.size() - 1);
    if (!answers_.empty()) answer = answers_[index];
    ++hits_;
    last_path_ = request.path;
    last_flavor_ = request.get_header_value("Metadata-Flavor");
    cv_.notify_all();
    if (answer.hang) {
      cv_.wait(lock,
               [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { return released_; });
      answer.status = 503;
      answer.body.clear();
    }
  }
  response.status = answer.status;
  response.set_content(answer.body, "application/json");
}

}  // namespace credentials_test
