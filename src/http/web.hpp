#pragma once
// The creditor team's web pages: login, logout, the portfolio dashboard, static assets
// (embedded at build time) and the health check. Server-rendered HTML; works without
// JavaScript. See docs/WEB.md.
#include <cstdint>
#include <string>

#include "http/router.hpp"

namespace kulanz::http {

struct WebOptions {
  std::int64_t session_ttl_seconds = 12 * 60 * 60;
  // Failed logins allowed within the window, per email address and per client address,
  // before further attempts get a 429 page until the window has moved on.
  int login_max_failures_per_email = 5;
  int login_max_failures_per_address = 20;
  std::int64_t login_window_seconds = 15 * 60;
  // Shown at the top of every page when not empty (e.g. "Demo data").
  std::string banner;
};

// Registers GET /, GET+POST /login, POST /logout, GET /static/{file}, GET /healthz
// (all with in_openapi = false). Calls security::init(). The handlers share their state
// (the login limiters) through a shared pointer, so the router is all there is to keep alive.
void register_web_routes(Router& router, const WebOptions& options);

}  // namespace kulanz::http
