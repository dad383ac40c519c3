#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "base/text.hpp"

namespace kulanz::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  ports::StoreFactory stores;
  const base::Clock& clock;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  std::mutex stores_mutex;
  std::unordered_map<std::thread::id, std::unique_ptr<ports::LedgerStore>> thread_stores;
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopped = false;

  Impl(ServerOptions o, const Router& r, ports::StoreFactory s, const base::Clock& c)
      : options(std::move(o)), router(r), stores(std::move(s)), clock(c), ioc(options.threads) {}

  // The database session of the calling I/O thread, opened on first use. A failed open is
  // retried on the next request (the database may come back).
  ports::LedgerStore* store_for_this_thread(base::Error& error) {
    auto id = std::this_thread::get_id();
    {
      std::lock_guard lock(stores_mutex);
      auto it = thread_stores.find(id);
      if (it != thread_stores.end()) return it->second.get();
    }
    auto opened = stores();
    if (!opened) {
      error = opened.error();
      return nullptr;
    }
    std::lock_guard lock(stores_mutex);
    auto& slot = thread_stores[id];
    slot = std::move(*opened);
    return slot.get();
  }

  Request to_request(const bhttp::request<bhttp::string_body>& in, const tcp::endpoint& remote) {
    Request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    auto q = r.target.find('?');
    std::string raw_path = r.target.substr(0, q);
    auto parsed = boost::urls::parse_origin_form(r.target);
    if (parsed) {
      r.path = std::string(parsed->path());
      for (auto p : parsed->params()) r.query.emplace(p.key, p.value);
    } else {
      r.path = raw_path;
    }
    for (const auto& f : in) r.headers[base::ascii_lower(std::string(f.name_string()))] = std::string(f.value());
    r.body = in.body();
    r.remote_address = remote.address().to_string();
    r.secure = base::iequals_ascii(r.header("x-forwarded-proto"), "https");
    r.now_unix = clock.now_unix();
    return r;
  }

  Response handle(Request& request) {
    base::Error error;
    request.store = store_for_this_thread(error);
    if (!request.store) {
      spdlog::error("database unavailable: {}", error.to_string());
      return Response::problem(base::Error(base::ErrorCode::db_unavailable, "the database cannot be reached; try again shortly"), request.path);
    }
    return router.dispatch(request);
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    tcp::endpoint remote;
    try {
      remote = stream.socket().remote_endpoint();
    } catch (const std::exception&) {
      co_return;
    }
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      parser.header_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(60));
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset || ec == beast::error::timeout ||
          ec == asio::error::eof) {
        break;
      }
      bhttp::response<bhttp::string_body> out;
      bool keep_alive = false;
      if (ec) {
        Response problem;
        if (ec == bhttp::error::body_limit) {
          problem = Response::problem(base::Error(base::ErrorCode::body_too_large, "the request body exceeds " + std::to_string(options.max_body_bytes) + " bytes"), "/");
        } else {
          problem = Response::problem(base::Error(base::ErrorCode::invalid_argument, "malformed HTTP request: " + ec.message()), "/");
        }
        out.result(static_cast<unsigned>(problem.status));
        for (auto& h : problem.headers) out.insert(h.first, h.second);
        out.body() = problem.body;
        out.version(11);
      } else {
        auto& in = parser.get();
        keep_alive = in.keep_alive();
        Request request = to_request(in, remote);
        Response response = handle(request);
        out.version(in.version());
        out.result(static_cast<unsigned>(response.status));
        for (auto& h : response.headers) out.insert(h.first, h.second);
        if (in.method() != bhttp::verb::head) out.body() = std::move(response.body);
        spdlog::debug("{} {} {} {}", request.remote_address, request.method, request.target, response.status);
      }
      out.set(bhttp::field::server, "kulanz");
      out.keep_alive(keep_alive);
      out.prepare_payload();
      auto [wec, wn] = co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      (void)wn;
      if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> listen() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      asio::co_spawn(ioc, session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, const Router& router, ports::StoreFactory stores, const base::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(stores), clock)) {}

Server::~Server() {
  stop();
  for (auto& t : impl_->threads) if (t.joinable()) t.join();
}

base::Status Server::start() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) return base::fail(base::ErrorCode::config_invalid, "'" + impl_->options.address + "' is not an IP address", "listen");
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return base::fail(base::ErrorCode::config_invalid, "cannot listen on " + impl_->options.address + ":" +
                                                           std::to_string(impl_->options.port) + ": " + ec.message(), "listen");
  }
  asio::co_spawn(impl_->ioc, impl_->listen(), asio::detached);
  int n = std::max(1, impl_->options.threads);
  for (int i = 0; i < n; ++i) {
    impl_->threads.emplace_back([this] {
      for (;;) {
        try {
          impl_->ioc.run();
          break;
        } catch (const std::exception& e) {
          spdlog::error("I/O thread: {}", e.what());
        }
      }
    });
  }
  return {};
}

std::uint16_t Server::port() const {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::wait() {
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stop_cv.wait(lock, [this] { return impl_->stopped; });
  lock.unlock();
  for (auto& t : impl_->threads) if (t.joinable()) t.join();
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  asio::post(impl_->ioc, [this] {
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  impl_->stop_cv.notify_all();
}

}  // namespace kulanz::http
