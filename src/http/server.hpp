#pragma once
// The HTTP/1.1 server: Boost.Beast + Asio with C++20 coroutines, keep-alive, body size
// limit, graceful stop. Handlers run on the I/O threads; each thread owns one database
// session created by the StoreFactory on first use.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "http/router.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = pick a free port (see Server::port())
  int threads = 4;
  std::size_t max_body_bytes = 32 * 1024 * 1024;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, ports::StoreFactory stores, const base::Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns an error when the address is taken or invalid.
  base::Status start();
  std::uint16_t port() const;
  // Blocks until stop() is called (from any thread or a signal handler's thread).
  void wait();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kulanz::http
