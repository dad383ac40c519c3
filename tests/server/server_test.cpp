#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <thread>

#include "base/clock.hpp"
#include "http/server.hpp"
#include "store/open.hpp"

namespace kulanz::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// A synchronous client on one connection, so keep-alive can be observed.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) { socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)); }

  bhttp::response<bhttp::string_body> send(bhttp::verb verb, std::string target, std::string body = {}) {
    bhttp::request<bhttp::string_body> req(verb, target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!body.empty()) {
      req.body() = std::move(body);
      req.set(bhttp::field::content_type, "application/json");
    }
    req.prepare_payload();
    bhttp::write(socket_, req);
    return read();
  }

  // Writes raw bytes (for malformed requests) and reads one response.
  bhttp::response<bhttp::string_body> send_raw(const std::string& bytes) {
    asio::write(socket_, asio::buffer(bytes));
    return read();
  }

 private:
  bhttp::response<bhttp::string_body> read() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(skip_body_);
    bhttp::read(socket_, buffer_, parser);
    return parser.release();
  }

 public:
  bool skip_body_ = false;

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add("GET", "/hello/{name}", [](Request& r) {
      return Response::text(200, "hello " + r.path_params.at("name") + " at " + std::to_string(r.now_unix));
    });
    router_.add("POST", "/echo", [](Request& r) { return Response::json(r.body); });
    router_.add("GET", "/cookies", [](Request&) {
      Response r = Response::text(200, "two cookies");
      r.add_header("Set-Cookie", "a=1; HttpOnly");
      r.add_header("Set-Cookie", "b=2; HttpOnly");
      return r;
    });
    router_.add("GET", "/query", [](Request& r) { return Response::text(200, r.query_param("q").value_or("-")); });
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 1024;
    ASSERT_TRUE(store::migrate("sqlite::memory:").has_value());
    server_ = std::make_unique<Server>(options, router_, [] { return store::open("sqlite::memory:"); }, clock_);
    auto st = server_->start();
    ASSERT_TRUE(st.has_value()) << st.error().to_string();
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  base::ManualClock clock_{1'790'000'000};
  Router router_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, ServesRoutesWithKeepAlive) {
  Client c(server_->port());
  auto r1 = c.send(bhttp::verb::get, "/hello/J%C3%BCrgen");
  EXPECT_EQ(r1.result_int(), 200);
  EXPECT_EQ(r1.body(), "hello J\xC3\xBCrgen at 1790000000");
  EXPECT_TRUE(r1.keep_alive());
  EXPECT_EQ(r1[bhttp::field::server], "kulanz");
  // A second request on the same connection.
  auto r2 = c.send(bhttp::verb::post, "/echo", R"({"a":1})");
  EXPECT_EQ(r2.result_int(), 200);
  EXPECT_EQ(r2.body(), R"({"a":1})");
}

TEST_F(ServerTest, SendsEveryHeaderOfTheSameName) {
  Client c(server_->port());
  auto r = c.send(bhttp::verb::get, "/cookies");
  std::vector<std::string> cookies;
  for (const auto& f : r) {
    if (f.name() == bhttp::field::set_cookie) cookies.emplace_back(f.value());
  }
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0], "a=1; HttpOnly");
  EXPECT_EQ(cookies[1], "b=2; HttpOnly");
}

TEST_F(ServerTest, DecodesQueryParameters) {
  Client c(server_->port());
  auto r = c.send(bhttp::verb::get, "/query?q=M%C3%BCller%20%26%20S%C3%B6hne");
  EXPECT_EQ(r.body(), "M\xC3\xBCller & S\xC3\xB6hne");
}

TEST_F(ServerTest, HeadHasHeadersButNoBody) {
  Client c(server_->port());
  c.skip_body_ = true;
  auto r = c.send(bhttp::verb::head, "/hello/x");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_TRUE(r.body().empty());
}

TEST_F(ServerTest, UnknownRouteIsProblemJson) {
  Client c(server_->port());
  auto r = c.send(bhttp::verb::get, "/nope");
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(boost::json::parse(r.body()).as_object().at("code").as_int64(), 5003);
}

TEST_F(ServerTest, BodyOverLimitIs413) {
  Client c(server_->port());
  auto r = c.send(bhttp::verb::post, "/echo", std::string(4096, 'x'));
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_EQ(boost::json::parse(r.body()).as_object().at("code").as_int64(), 5006);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  Client c(server_->port());
  auto r = c.send_raw("GET /hello/x HTTP/1.1\r\nHost: a\r\nContent-Length: banana\r\n\r\n");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_FALSE(r.keep_alive());
}

TEST_F(ServerTest, StopEndsWait) {
  std::thread waiter([this] { server_->wait(); });
  server_->stop();
  waiter.join();  // returns: the test would hang otherwise
  SUCCEED();
}

TEST(ServerDatabase, UnreachableDatabaseIs503Problem) {
  Router router;
  router.add("GET", "/x", [](Request&) { return Response::text(200, "unreachable"); });
  base::ManualClock clock(0);
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server server(options, router, [] { return store::open("sqlite:/nonexistent-dir/kulanz.db"); }, clock);
  ASSERT_TRUE(server.start().has_value());
  Client c(server.port());
  auto r = c.send(bhttp::verb::get, "/x");
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(boost::json::parse(r.body()).as_object().at("code").as_int64(), 4001);
}

TEST(ServerStart, AddressInUseIsClearError) {
  Router router;
  base::ManualClock clock(0);
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server first(options, router, [] { return store::open("sqlite::memory:"); }, clock);
  ASSERT_TRUE(first.start().has_value());
  options.port = first.port();
  Server second(options, router, [] { return store::open("sqlite::memory:"); }, clock);
  auto st = second.start();
  ASSERT_FALSE(st.has_value());
  EXPECT_NE(st.error().detail.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos);
}

}  // namespace
}  // namespace kulanz::http
