#pragma once
// Rendering of the embedded mustache templates (HTML escaping on) into complete pages
// with the security headers every page carries.
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "http/message.hpp"

namespace kulanz::http {

using Data = kainjow::mustache::data;

// Renders web/templates/<name>.mustache.
base::Result<std::string> render_template(std::string_view name, const Data& data);

// What the frame around every page shows.
struct PageFrame {
  std::string title;       // <title> and the page's purpose
  std::string user_name;   // empty when nobody is signed in
  std::string csrf_token;  // for the logout form
  std::string banner;
};

// The page: templates/<name>.mustache inside templates/layout.mustache.
Response render_page(int status, const PageFrame& frame, std::string_view name, const Data& data);
// A page with a heading, a message and a link onwards (errors, lockout).
Response message_page(int status, const PageFrame& frame, std::string_view heading, std::string_view message,
                      std::string_view link_href, std::string_view link_text);
// CSP, nosniff, Referrer-Policy, frame denial; no-store for pages.
void add_security_headers(Response& response);

}  // namespace kulanz::http
