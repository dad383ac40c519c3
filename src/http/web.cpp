#include "http/web.hpp"

#include <spdlog/spdlog.h>

#include <cassert>
#include <memory>

#include "http/web_pages.hpp"
#include "ports/ledger_store.hpp"
#include "security/security.hpp"

namespace kulanz::http {

WebState::WebState(const WebOptions& o)
    : options(o),
      failures_by_email(o.login_max_failures_per_email, o.login_window_seconds),
      failures_by_address(o.login_max_failures_per_address, o.login_window_seconds) {
  auto st = security::init();
  assert(st.has_value() && "libsodium must initialise");
  (void)st;
  auto hash = security::hash_password(security::random_token(24));
  assert(hash.has_value() && "hashing a random password must succeed");
  dummy_password_hash = hash ? std::move(*hash) : std::string();
}

PageFrame anonymous_frame(const WebState& state, std::string title) {
  PageFrame f;
  f.title = std::move(title);
  f.banner = state.options.banner;
  return f;
}

Response unavailable_page(const WebState& state, const base::Error& error) {
  spdlog::error("web page: {}", error.to_string());
  auto r = message_page(503, anonymous_frame(state, "Nicht verfügbar"), "Vorübergehend nicht verfügbar",
                        "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut.",
                        "/", "Erneut versuchen");
  r.set_header("Retry-After", "60");
  return r;
}

Response health_check(Request& request) {
  // "ok" only when this thread's database session answers a query.
  std::string problem;
  if (request.store == nullptr) {
    problem = "no database session";
  } else if (auto creditors = request.store->list_creditors(); !creditors) {
    spdlog::error("health check: {}", creditors.error().to_string());
    problem = "database query failed";
  }
  auto r = problem.empty() ? Response::text(200, "ok") : Response::text(503, "unavailable: " + problem);
  r.set_header("Cache-Control", "no-store");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

void register_web_routes(Router& router, const WebOptions& options) {
  auto state = std::make_shared<WebState>(options);
  router.add("GET", "/", [state](Request& r) { return dashboard_page(r, *state); }, false);
  router.add("GET", "/login", [state](Request& r) { return login_page(r, *state); }, false);
  router.add("POST", "/login", [state](Request& r) { return login_submit(r, *state); }, false);
  router.add("POST", "/logout", [state](Request& r) { return logout_submit(r, *state); }, false);
  router.add("GET", "/static/{file}", [](Request& r) { return static_file(r); }, false);
  router.add("GET", "/healthz", [](Request& r) { return health_check(r); }, false);
}

}  // namespace kulanz::http
