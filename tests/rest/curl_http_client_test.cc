// CurlHttpClient (the REST transport's wire) against cpp-httplib servers in
// the test process: what a call sends and gets back, deadlines,
// cancellation, connection failures, shutdown with calls in flight, many
// calls on the one event thread, keep-alive, TLS roots, limits, secrets.

#include "clouddesktop/internal/rest/curl_http_client.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clouddesktop/internal/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing_util/crypto.h"
#include "tests/testing_util/notification.h"
#include "tests/testing_util/temp_file.h"

namespace clouddesktop::rest_internal {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing_util::Notification;

constexpr absl::Duration kWait = absl::Seconds(20);

// A result delivered to a callback, and how many times it was delivered.
class Result {
 public:
  HttpCallback Callback() {
    return [this](absl::StatusOr<HttpResponse> r) {
      internal::MutexLock lock(&mu_);
      ++calls_;
      result_ = std::move(r);
      done_.Notify();
    };
  }
  absl::StatusOr<HttpResponse> Wait() {
    EXPECT_TRUE(done_.WaitForNotificationWithTimeout(kWait));
    internal::MutexLock lock(&mu_);
    return result_;
  }
  int calls() {
    internal::MutexLock lock(&mu_);
    return calls_;
  }

 private:
  internal::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
  absl::StatusOr<HttpResponse> result_ ABSL_GUARDED_BY(mu_) =
      absl::UnknownError("no result");
  Notification done_;
};

// An httplib server on 127.0.0.1 with its own thread.
class Server {
 public:
  explicit Server(std::unique_ptr<httplib::Server> http = nullptr)
      : http_(http ? std::move(http) : std::make_unique<httplib::Server>()) {
    http_->new_task_queue = [] { return new httplib::ThreadPool(24); };
    http_->set_keep_alive_timeout(1);
    // httplib closes a connection after 5 requests by default, and leaves
    // Nagle on (a 40 ms delayed-ACK stall per reused connection).
    http_->set_keep_alive_max_count(100000);
    http_->set_tcp_nodelay(true);
  }
  ~Server() { Stop(); }

  httplib::Server& http() { return *http_; }

  void Start() {
    port_ = http_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_->listen_after_bind(); });
    while (!http_->is_running()) absl::SleepFor(absl::Milliseconds(1));
  }
  void Stop() {
    if (!thread_.joinable()) return;
    http_->stop();
    thread_.join();
  }
  std::string Url(const std::string& path, const char* scheme = "http") {
    return absl::StrCat(scheme, "://127.0.0.1:", port_, path);
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

std::unique_ptr<CurlHttpClient> NewClient(CurlHttpClientOptions options = {}) {
  absl::StatusOr<std::unique_ptr<CurlHttpClient>> client =
      CurlHttpClient::Create(std::move(options));
  EXPECT_TRUE(client.ok()) << client.status();
  return *std::move(client);
}

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.method = "GET";
  r.url = url;
  r.deadline = absl::Now() + kWait;
  return r;
}

// A port nothing listens on: bound, then closed.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(CurlHttpClientTest, SendsMethodHeadersAndBodyAndReturnsTheAnswer) {
  Server server;
  server.http().Patch(
      "/things/(.*)", [](const httplib::Request& req, httplib::Response& res) {
        res.status = 201;
        res.set_header("X-Request-Id", "rid-1");
        res.set_header("X-Echo", req.get_header_value("x-client-request-id"));
        res.set_content(
            absl::StrCat(req.method, " ", req.matches[1].str(), " ",
                         req.get_header_value("Content-Type"), " ", req.body),
            "application/json");
      });
  server.Start();
  auto client = NewClient();
  HttpRequest request;
  request.method = "PATCH";
  request.url = server.Url("/things/t1");
  request.headers = {{"content-type", "application/json"},
                     {"x-client-request-id", "crid-7"}};
  request.body = R"({"name":"a"})";
  request.deadline = absl::Now() + kWait;
  Result result;
  client->Send(std::move(request), result.Callback());
  absl::StatusOr<HttpResponse> r = result.Wait();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, R"(PATCH t1 application/json {"name":"a"})");
  // Names as the server wrote them come back lower-cased.
  EXPECT_EQ(r->Header("x-request-id"), "rid-1");
  EXPECT_EQ(r->Header("x-echo"), "crid-7");
  EXPECT_EQ(r->Header("content-type"), "application/json");
  EXPECT_EQ(r->peer, absl::StrCat("ipv4:127.0.0.1:", server.port()));
  EXPECT_EQ(result.calls(), 1);
}

TEST(CurlHttpClientTest, AnHttpErrorIsAResponseNotAStatus) {
  Server server;
  server.http().Get(
      "/missing", [](const httplib::Request&, httplib::Response& res) {
        res.status = 404;
        res.set_content(R"({"code":5,"message":"no"})", "application/json");
      });
  server.Start();
  auto client = NewClient();
  Result result;
  client->Send(Get(server.Url("/missing")), result.Callback());
  absl::StatusOr<HttpResponse> r = result.Wait();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, R"({"code":5,"message":"no"})");
}

TEST(CurlHttpClientTest, DeleteWithoutBodyAndPostWithEmptyBody) {
  Server server;
  auto echo = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(absl::StrCat(req.method, "[", req.body, "]"), "text/plain");
  };
  server.http().Delete("/x", echo);
  server.http().Post("/x", echo);
  server.Start();
  auto client = NewClient();
  for (const char* method : {"DELETE", "POST"}) {
    HttpRequest request = Get(server.Url("/x"));
    request.method = method;
    Result result;
    client->Send(std::move(request), result.Callback());
    absl::StatusOr<HttpResponse> r = result.Wait();
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->body, absl::StrCat(method, "[]"));
  }
}

TEST(CurlHttpClientTest, DeadlinePassesWhileTheServerIsSilent) {
  Server server;
  Notification release;
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response&) {
    release.WaitForNotificationWithTimeout(kWait);
  });
  server.Start();
  auto client = NewClient();
  HttpRequest request = Get(server.Url("/slow"));
  request.deadline = absl::Now() + absl::Milliseconds(100);
  Result result;
  client->Send(std::move(request), result.Callback());
  absl::StatusOr<HttpResponse> r = result.Wait();
  release.Notify();
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded)
      << r.status();
  EXPECT_THAT(r.status().message(),
              HasSubstr(absl::StrCat("GET 127.0.0.1:", server.port())));
}

TEST(CurlHttpClientTest, ADeadlineAlreadyPassedSendsNothing) {
  Server server;
  std::atomic<int> requests{0};
  server.http().Get(
      "/", [&](const httplib::Request&, httplib::Response&) { ++requests; });
  server.Start();
  auto client = NewClient();
  HttpRequest request = Get(server.Url("/"));
  request.deadline = absl::Now() - absl::Seconds(1);
  Result result;
  client->Send(std::move(request), result.Callback());
  EXPECT_EQ(result.Wait().status().code(), absl::StatusCode::kDeadlineExceeded);
  // A call sent after it reaches the server, so the first did not.
  Result second;
  client->Send(Get(server.Url("/")), second.Callback());
  ASSERT_TRUE(second.Wait().ok());
  EXPECT_EQ(requests.load(), 1);
}

TEST(CurlHttpClientTest, TryCancelEndsACallInFlightOnceAndIsSafeAfterwards) {
  Server server;
  Notification arrived;
  Notification release;
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response&) {
    arrived.Notify();
    release.WaitForNotificationWithTimeout(kWait);
  });
  server.Start();
  auto client = NewClient();
  Result result;
  std::shared_ptr<HttpCancelHandle> handle =
      client->Send(Get(server.Url("/slow")), result.Callback());
  ASSERT_TRUE(arrived.WaitForNotificationWithTimeout(kWait));
  handle->TryCancel();
  absl::StatusOr<HttpResponse> r = result.Wait();
  release.Notify();
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled) << r.status();
  handle->TryCancel();  // completed: a no-op
  client.reset();
  handle->TryCancel();  // the client is gone: still a no-op
  EXPECT_EQ(result.calls(), 1);
}

TEST(CurlHttpClientTest, TryCancelAfterCompletionChangesNothing) {
  Server server;
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server.Start();
  auto client = NewClient();
  Result result;
  auto handle = client->Send(Get(server.Url("/")), result.Callback());
  ASSERT_TRUE(result.Wait().ok());
  handle->TryCancel();
  // The client still works, and the callback is not called again.
  Result second;
  client->Send(Get(server.Url("/")), second.Callback());
  ASSERT_TRUE(second.Wait().ok());
  EXPECT_EQ(result.calls(), 1);
}

TEST(CurlHttpClientTest, ConnectionRefusedIsUnavailableNamingHostPort) {
  const int port = ClosedPort();
  auto client = NewClient();
  HttpRequest request = Get(absl::StrCat("http://127.0.0.1:", port, "/x"));
  request.headers = {{"authorization", "Bearer very-secret-token"}};
  Result result;
  client->Send(std::move(request), result.Callback());
  absl::Status status = result.Wait().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(status.message(),
              AllOf(HasSubstr(absl::StrCat("GET 127.0.0.1:", port)),
                    HasSubstr("libcurl: "), Not(HasSubstr("very-secret"))));
}

TEST(CurlHttpClientTest, AHeaderThatWouldInjectAnotherIsRejectedUnquoted) {
  auto client = NewClient();
  HttpRequest request = Get("http://127.0.0.1:1/x");
  request.headers = {{"authorization", "Bearer secret\r\nx-evil: 1"}};
  Result result;
  client->Send(std::move(request), result.Callback());
  absl::Status status = result.Wait().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), AllOf(HasSubstr("header 'authorization'"),
                                      Not(HasSubstr("secret"))));
}

TEST(CurlHttpClientTest, ABodyOverTheLimitIsResourceExhausted) {
  Server server;
  server.http().Get("/big",
                    [](const httplib::Request&, httplib::Response& res) {
                      res.set_content(std::string(100000, 'x'), "text/plain");
                    });
  server.Start();
  CurlHttpClientOptions options;
  options.max_response_bytes = 1000;
  auto client = NewClient(options);
  Result result;
  client->Send(Get(server.Url("/big")), result.Callback());
  absl::Status status = result.Wait().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  // gRPC's words, with the Content-Length: message_size.h reads them.
  EXPECT_THAT(status.message(),
              HasSubstr("Received message larger than max (100000 vs. 1000)"));
}

TEST(CurlHttpClientTest, DestructorCancelsCallsInFlightBeforeItReturns) {
  Server server;
  std::atomic<int> arrived{0};
  Notification release;
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response&) {
    ++arrived;
    release.WaitForNotificationWithTimeout(kWait);
  });
  server.Start();
  auto client = NewClient();
  constexpr int kCalls = 5;
  std::vector<std::unique_ptr<Result>> results;
  for (int i = 0; i < kCalls; ++i) {
    results.push_back(std::make_unique<Result>());
    client->Send(Get(server.Url("/slow")), results.back()->Callback());
  }
  // Some on the wire, maybe some still queued: both kinds end.
  absl::Time until = absl::Now() + kWait;
  while (arrived.load() == 0 && absl::Now() < until) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  client.reset();
  for (auto& r : results) {
    EXPECT_EQ(r->calls(), 1);  // already delivered when reset() returned
    EXPECT_EQ(r->Wait().status().code(), absl::StatusCode::kCancelled);
  }
  release.Notify();
}

TEST(CurlHttpClientTest, ManyConcurrentCallsShareOneThreadAndFewConnections) {
  Server server;
  internal::Mutex mu;
  std::set<std::string> connections;
  server.http().Get("/echo/(.*)", [&](const httplib::Request& req,
                                      httplib::Response& res) {
    {
      internal::MutexLock lock(&mu);
      connections.insert(absl::StrCat(req.remote_addr, ":", req.remote_port));
    }
    res.set_content(req.matches[1].str(), "text/plain");
  });
  server.Start();
  CurlHttpClientOptions options;
  options.max_connections_per_host = 8;
  auto client = NewClient(options);
  constexpr int kCalls = 300;
  internal::Mutex results_mu;
  std::set<std::thread::id> threads;
  std::vector<std::string> bodies(kCalls);
  std::atomic<int> left{kCalls};
  Notification all_done;
  for (int i = 0; i < kCalls; ++i) {
    client->Send(Get(server.Url(absl::StrCat("/echo/", i))),
                 [&, i](absl::StatusOr<HttpResponse> r) {
                   {
                     internal::MutexLock lock(&results_mu);
                     threads.insert(std::this_thread::get_id());
                     bodies[i] = r.ok() ? r->body : r.status().ToString();
                   }
                   if (--left == 0) all_done.Notify();
                 });
  }
  ASSERT_TRUE(all_done.WaitForNotificationWithTimeout(kWait));
  internal::MutexLock lock(&results_mu);
  for (int i = 0; i < kCalls; ++i) EXPECT_EQ(bodies[i], absl::StrCat(i));
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_NE(*threads.begin(), std::this_thread::get_id());
  internal::MutexLock lock2(&mu);
  EXPECT_LE(connections.size(), 8u);
  EXPECT_EQ(client->active_calls(), 0);
}

TEST(CurlHttpClientTest, SequentialCallsReuseOneConnection) {
  Server server;
  internal::Mutex mu;
  std::set<int> ports;
  server.http().Get("/",
                    [&](const httplib::Request& req, httplib::Response& res) {
                      internal::MutexLock lock(&mu);
                      ports.insert(req.remote_port);
                      res.set_content("ok", "text/plain");
                    });
  server.Start();
  auto client = NewClient();
  for (int i = 0; i < 10; ++i) {
    Result result;
    client->Send(Get(server.Url("/")), result.Callback());
    ASSERT_TRUE(result.Wait().ok());
  }
  internal::MutexLock lock(&mu);
  EXPECT_EQ(ports.size(), 1u);
}

TEST(CurlHttpClientTest, ACallbackMaySendTheNextCall) {
  Server server;
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server.Start();
  auto client = NewClient();
  Result second;
  Result first;
  HttpCallback record_first = first.Callback();
  client->Send(Get(server.Url("/")),
               [&](absl::StatusOr<HttpResponse> r) mutable {
                 client->Send(Get(server.Url("/")), second.Callback());
                 record_first(std::move(r));
               });
  EXPECT_TRUE(first.Wait().ok());
  EXPECT_TRUE(second.Wait().ok());
}

TEST(CurlHttpClientTest, HttpsTrustsTheGivenRootsAndOnlyThem) {
  testing_util::KeyPtr key = testing_util::NewRsaKey();
  const std::string cert = testing_util::SelfSignedCertificatePem(key.get());
  const std::string cert_file = testing_util::WriteTempFile("cert.pem", cert);
  const std::string key_file = testing_util::WriteTempFile(
      "key.pem", testing_util::PrivateKeyPem(key.get()));
  auto https =
      std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str());
  ASSERT_TRUE(https->is_valid());
  Server server(std::move(https));
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("secure", "text/plain");
  });
  server.Start();

  CurlHttpClientOptions trusting;
  trusting.ca_pem = cert;
  auto client = NewClient(trusting);
  Result ok;
  client->Send(Get(server.Url("/", "https")), ok.Callback());
  absl::StatusOr<HttpResponse> r = ok.Wait();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, "secure");

  // The system's roots do not include a self-signed certificate.
  auto system_roots = NewClient();
  Result refused;
  system_roots->Send(Get(server.Url("/", "https")), refused.Callback());
  absl::Status status = refused.Wait().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(status.message(),
              HasSubstr(absl::StrCat("127.0.0.1:", server.port())));
}

TEST(CurlHttpClientTest, HostPortOfFillsTheSchemesPort) {
  EXPECT_EQ(HostPortOf("https://cloud-desktop.api.cloud.yandex.net/x"),
            "cloud-desktop.api.cloud.yandex.net:443");
  EXPECT_EQ(HostPortOf("http://127.0.0.1:8080/a?b=c"), "127.0.0.1:8080");
  EXPECT_THAT(HostPortOf("not a url"), StartsWith("not a url"));
}

}  // namespace
}  // namespace clouddesktop::rest_internal
