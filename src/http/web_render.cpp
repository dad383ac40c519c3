#include "http/web_render.hpp"

#include <memory>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include <exception>

#include "http/web_assets.hpp"

namespace kulanz::http {

base::Result<std::string> render_template(std::string_view name, const Data& data) {
  std::string path = "templates/" + std::string(name) + ".mustache";
  // Parsed once per thread and template: the embedded text never changes, and a thread's
  // own copy needs no lock (rendering keeps state in the template object).
  thread_local std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed;
  try {
    auto it = parsed.find(path);
    if (it == parsed.end()) {
      const EmbeddedAsset* asset = find_embedded_asset(path);
      if (asset == nullptr) return base::fail(base::ErrorCode::internal, "template " + path + " is not embedded");
      it = parsed.emplace(path, std::make_unique<kainjow::mustache::mustache>(std::string(asset->bytes))).first;
    }
    auto& tmpl = *it->second;
    if (!tmpl.is_valid()) return base::fail(base::ErrorCode::internal, path + ": " + tmpl.error_message());
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
      auto error = base::fail(base::ErrorCode::internal, path + ": " + tmpl.error_message());
      parsed.erase(it);  // parsed again next time, without the failed render's state
      return error;
    }
    return out;
  } catch (const std::exception& e) {
    return base::fail(base::ErrorCode::internal, path + ": " + e.what());
  }
}

void add_security_headers(Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                      "form-action 'self'; frame-ancestors 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
}

namespace {

Data layout_data(const PageFrame& frame) {
  Data layout;
  layout.set("title", frame.title);
  layout.set("banner", frame.banner);
  layout.set("has_banner", !frame.banner.empty());
  layout.set("signed_in", !frame.user_name.empty());
  layout.set("user_name", frame.user_name);
  layout.set("csrf_token", frame.csrf_token);
  layout.set("css_url", static_url("app.css"));
  layout.set("icon_url", static_url("favicon.svg"));
  bool htmx = find_embedded_asset("static/htmx.min.js") != nullptr;
  layout.set("has_htmx", htmx);
  layout.set("htmx_url", htmx ? static_url("htmx.min.js") : std::string());
  return layout;
}

base::Result<std::string> assemble(const PageFrame& frame, std::string_view name, const Data& data) {
  auto body = render_template(name, data);
  if (!body) return body;
  Data layout = layout_data(frame);
  layout.set("content", *body);  // our own rendered HTML, inserted unescaped ({{{content}}})
  return render_template("layout", layout);
}

}  // namespace

Response render_page(int status, const PageFrame& frame, std::string_view name, const Data& data) {
  auto page = assemble(frame, name, data);
  Response r;
  if (page) {
    r = Response::html(std::move(*page), status);
  } else {
    spdlog::error("page {}: {}", name, page.error().detail);
    r = Response::html("<!doctype html><html lang=\"de\"><title>Fehler</title><h1>Interner Fehler</h1>"
                       "<p>Die Seite konnte nicht erzeugt werden; der Fehler wurde protokolliert.</p></html>",
                       500);
  }
  add_security_headers(r);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response message_page(int status, const PageFrame& frame, std::string_view heading, std::string_view message,
                      std::string_view link_href, std::string_view link_text) {
  Data d;
  d.set("heading", std::string(heading));
  d.set("message", std::string(message));
  d.set("link_href", std::string(link_href));
  d.set("link_text", std::string(link_text));
  return render_page(status, frame, "message", d);
}

}  // namespace kulanz::http
