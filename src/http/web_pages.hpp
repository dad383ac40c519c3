#pragma once
// Handlers of the web pages, shared state between them. Internal to kulanz_http
// (register_web_routes in web.hpp is the public entry point).
#include <string>

#include "http/auth_limiter.hpp"
#include "http/message.hpp"
#include "http/web.hpp"
#include "http/web_render.hpp"

namespace kulanz::http {

// State shared by all threads serving pages; lives as long as the router's handlers.
struct WebState {
  explicit WebState(const WebOptions& o);

  WebOptions options;
  LoginLimiter failures_by_email;
  LoginLimiter failures_by_address;
  // Verified against for unknown or disabled users, so that a login costs the same
  // whether or not the email address exists.
  std::string dummy_password_hash;
};

Response login_page(Request& request, const WebState& state);
Response login_submit(Request& request, WebState& state);
Response logout_submit(Request& request, const WebState& state);
Response dashboard_page(Request& request, const WebState& state);
Response static_file(Request& request);
Response health_check(Request& request);

// Frame of a page for nobody signed in.
PageFrame anonymous_frame(const WebState& state, std::string title);
// The page shown when the database cannot be reached.
Response unavailable_page(const WebState& state, const base::Error& error);

}  // namespace kulanz::http
