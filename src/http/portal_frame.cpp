// The portal's frame: the session of a request, the page layout in the request's language
// with the creditor's branding, the brand style sheet and logo, and the route table.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <memory>

#include "base/text.hpp"
#include "http/auth_session.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "http/web_assets.hpp"
#include "security/security.hpp"
#include "services/portal.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

Language language_code(std::string_view code) { return code == "en" ? Language::en : Language::de; }
std::string_view code_of(Language l) { return l == Language::en ? "en" : "de"; }

// One channel (0..255) of a valid "#rrggbb" at offset `at`.
int channel(std::string_view hex, std::size_t at) {
  auto v = [](char c) { return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  return v(hex[at]) * 16 + v(hex[at + 1]);
}

// The relative luminance (WCAG 2.2) of a valid "#rrggbb", 0..1. Floating point is fine
// here: a colour contrast, not money.
double luminance(std::string_view hex) {
  auto lin = [](int c) {
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(channel(hex, 1)) + 0.7152 * lin(channel(hex, 3)) + 0.0722 * lin(channel(hex, 5));
}

double contrast(double a, double b) { return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05); }

bool valid_hex_color(std::string_view s) {
  return s.size() == 7 && s[0] == '#' &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

Data nav_entry(const PortalFrame& f, std::string_view key, std::string_view href, std::string_view label_key) {
  Data d;
  d.set("href", std::string(href));
  d.set("label", std::string(portal_text(label_key, f.language)));
  d.set("current", f.nav_current == key);
  return d;
}

base::Result<std::string> assemble(const PortalFrame& f, std::string_view name, Data& data) {
  const auto& t = portal_text_data(f.language);
  data.set("t", t);
  auto body = render_template(name, data);
  if (!body) return body;
  Data layout;
  layout.set("t", t);
  layout.set("lang", std::string(code_of(f.language)));
  Language other = f.language == Language::en ? Language::de : Language::en;
  layout.set("other_lang", std::string(code_of(other)));
  layout.set("other_lang_name", std::string(portal_text(other == Language::en ? "language_name_en" : "language_name_de", f.language)));
  layout.set("title", f.title);
  layout.set("here", f.here.empty() ? std::string("/p/") : f.here);
  layout.set("banner", f.banner);
  layout.set("has_banner", !f.banner.empty());
  if (!f.refresh_url.empty()) layout.set("refresh_url", f.refresh_url);
  layout.set("css_url", static_url("portal.css"));
  layout.set("icon_url", static_url("favicon.svg"));
  bool htmx = find_embedded_asset("static/htmx.min.js") != nullptr;
  layout.set("has_htmx", htmx);
  layout.set("htmx_url", htmx ? static_url("htmx.min.js") : std::string());
  if (f.brand != nullptr) {
    const Brand& b = *f.brand;
    std::string version = b.profile ? security::sha256_hex(b.profile->brand_color + b.profile->logo_png).substr(0, 12) : "0";
    layout.set("brand_name", b.creditor.name);
    layout.set("brand_legal_name", brand_name(b));
    layout.set("brand_css_url", "/p/brand/" + b.creditor.code + ".css?v=" + version);
    bool logo = b.profile && !b.profile->logo_png.empty();
    layout.set("has_logo", logo);
    layout.set("logo_url", "/p/brand/" + b.creditor.code + "/logo.png?v=" + version);
    if (b.profile) {
      const auto& p = *b.profile;
      std::string address = p.street;
      if (!p.postal_code.empty() || !p.city.empty()) address += (address.empty() ? "" : ", ") + p.postal_code + " " + p.city;
      set_text(layout, "brand_address", address);
      std::string contact;
      for (const auto* s : {&p.phone, &p.email, &p.website}) {
        if (!s->empty()) contact += (contact.empty() ? "" : " · ") + *s;
      }
      set_text(layout, "brand_contact", contact);
    }
  } else {
    layout.set("brand_name", std::string("kulanz"));
    layout.set("brand_legal_name", std::string(portal_text("portal_title", f.language)));
    layout.set("brand_css_url", "/p/brand/default.css");
    layout.set("has_logo", false);
  }
  layout.set("in_session", f.session != nullptr);
  if (f.session != nullptr) {
    layout.set("csrf_token", f.session->csrf_token);
    Data nav{Data::type::list};
    nav.push_back(nav_entry(f, "overview", "/p/", "nav_overview"));
    nav.push_back(nav_entry(f, "items", "/p/items", "nav_items"));
    nav.push_back(nav_entry(f, "history", "/p/history", "nav_history"));
    nav.push_back(nav_entry(f, "help", "/p/help", "nav_help"));
    layout.set("nav", nav);
  }
  layout.set("content", *body);  // our own rendered HTML, inserted unescaped
  return render_template("portal_layout", layout);
}

}  // namespace

std::int64_t portal_path_id(std::string_view text) {
  if (text.empty() || text.size() > 15) return 0;
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string brand_name(const Brand& b) {
  if (b.profile && !b.profile->legal_name.empty()) return b.profile->legal_name;
  return b.creditor.name;
}

PortalState::PortalState(const PortalOptions& o)
    : options(o),
      link_failures(o.link_failures_per_address, o.window_seconds),
      entry_failures(o.entry_failures_per_address, o.window_seconds) {
  auto st = security::init();
  assert(st.has_value() && "libsodium must initialise");
  (void)st;
}

Response portal_page(int status, const PortalFrame& frame, std::string_view name, Data data) {
  auto page = assemble(frame, name, data);
  Response r;
  if (page) {
    r = Response::html(std::move(*page), status);
  } else {
    spdlog::error("portal page {}: {}", name, page.error().detail);
    r = Response::html("<!doctype html><html lang=\"de\"><title>Fehler</title><h1>Interner Fehler / Internal error</h1>"
                       "<p>Die Seite konnte nicht erzeugt werden. / The page could not be made.</p></html>",
                       500);
  }
  add_security_headers(r);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response portal_message(int status, const PortalFrame& frame, std::string_view heading, std::string_view message,
                        std::string_view link_href, std::string_view link_text, bool alert) {
  Data d;
  d.set("heading", std::string(heading));
  d.set("message", std::string(message));
  set_text(d, "link_href", std::string(link_href));
  d.set("link_text", std::string(link_text));
  d.set("is_alert", alert);
  PortalFrame f = frame;
  if (f.title.empty()) f.title = std::string(heading);
  return portal_page(status, f, "portal_message", d);
}

Response portal_unavailable(const PortalFrame& frame, const base::Error& error) {
  spdlog::error("portal: {}", error.to_string());
  auto r = portal_message(503, frame, portal_text("unavailable_heading", frame.language),
                          portal_text("unavailable_text", frame.language), "", "");
  r.set_header("Retry-After", "60");
  return r;
}

Response portal_not_found(const PortalFrame& frame) {
  return portal_message(404, frame, portal_text("not_found_heading", frame.language),
                        portal_text("not_found_text", frame.language),
                        frame.session != nullptr ? "/p/" : "", portal_text("back_to_overview", frame.language), false);
}

Response portal_form_expired(const PortalFrame& frame, std::string_view again_href) {
  return portal_message(403, frame, portal_text("form_expired_heading", frame.language),
                        portal_text("form_expired_text", frame.language), again_href,
                        portal_text("reload", frame.language));
}

Response portal_too_many(const PortalFrame& frame, std::int64_t retry_after_seconds) {
  std::int64_t minutes = std::max<std::int64_t>(1, (retry_after_seconds + 59) / 60);
  auto r = portal_message(429, frame, portal_text("too_many_heading", frame.language),
                          portal_format("too_many_text", frame.language, {std::to_string(minutes)}), "", "");
  r.set_header("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

Language request_language(const Request& request) {
  if (auto q = request.query_param("lang"); q && (*q == "de" || *q == "en")) return language_code(*q);
  if (auto c = request.cookie(kPortalLangCookie); c && (*c == "de" || *c == "en")) return language_code(*c);
  // Accept-Language: the first of de/en named (weights are rarely needed between two).
  std::string accept = base::ascii_lower(request.header("accept-language"));
  auto de = accept.find("de"), en = accept.find("en");
  if (en != std::string::npos && (de == std::string::npos || en < de)) return Language::en;
  return Language::de;
}

std::string safe_next(std::string_view next) {
  bool ok = next.size() >= 3 && next.size() <= 200 && next.substr(0, 3) == "/p/" && next.find("//") == std::string_view::npos &&
            std::all_of(next.begin(), next.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.';
            });
  return ok ? std::string(next) : std::string("/p/");
}

std::string form_field(const Request& request, std::string_view name) {
  auto form = request.form();
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

bool portal_form_ok(const Request& request, const ports::PortalSession& session) {
  return !is_cross_site(request) && csrf_matches(request, session.csrf_token);
}

std::string portal_cookie(const Request& request, std::string_view name, std::string_view value, std::int64_t max_age) {
  return cookie_header(name, value, max_age, request.secure, kPortalPath);
}

std::variant<PortalView, Response> portal_view(Request& request, const PortalState& state) {
  PortalFrame anonymous;
  anonymous.language = request_language(request);
  anonymous.banner = state.options.banner;
  if (request.store == nullptr) {
    return portal_unavailable(anonymous, base::Error(base::ErrorCode::db_unavailable, "no database session"));
  }
  auto cookie = request.cookie(kPortalCookie);
  std::optional<ports::PortalSession> session;
  if (cookie) {
    auto found = services::portal_session_for_cookie(*request.store, *cookie, request.now_unix);
    if (!found) return portal_unavailable(anonymous, found.error());
    session = std::move(*found);
  }
  if (!session) {
    auto r = portal_message(401, anonymous, portal_text("session_missing_heading", anonymous.language),
                            portal_text("session_missing_text", anonymous.language), "", "", false);
    if (cookie) r.add_header("Set-Cookie", portal_cookie(request, kPortalCookie, "", 0));
    return r;
  }
  PortalView v;
  v.session = std::move(*session);
  v.language = language_code(v.session.language);
  auto creditors = request.store->list_creditors();
  if (!creditors) return portal_unavailable(anonymous, creditors.error());
  auto it = std::find_if(creditors->begin(), creditors->end(), [&](const auto& c) { return c.id == v.session.creditor_id; });
  if (it == creditors->end()) {
    return portal_unavailable(anonymous, base::Error(base::ErrorCode::internal, "the session's creditor is gone"));
  }
  v.brand.creditor = *it;
  auto profile = request.store->creditor_profile(v.session.creditor_id);
  if (!profile) return portal_unavailable(anonymous, profile.error());
  v.brand.profile = std::move(*profile);
  auto settings = services::portal_settings_for(*request.store, v.session.creditor_id);
  if (!settings) return portal_unavailable(anonymous, settings.error());
  v.settings_ptr = std::move(*settings);
  return v;
}

PortalFrame frame_of(const PortalView& view, const PortalState& state, std::string title, std::string here,
                     std::string nav_current) {
  PortalFrame f;
  f.language = view.language;
  f.title = std::move(title);
  f.here = std::move(here);
  f.nav_current = std::move(nav_current);
  f.brand = &view.brand;
  f.session = &view.session;
  f.banner = state.options.banner;
  return f;
}

std::optional<Response> require_check(const PortalView& view, std::string_view here) {
  if (view.verified()) return std::nullopt;
  return Response::redirect("/p/check?next=" + safe_next(here));
}

std::optional<Response> portal_form_guard(const Request& request, const PortalView& view, const PortalState& state,
                                          const std::string& here) {
  if (!portal_form_ok(request, view.session)) return portal_form_expired(frame_of(view, state, "", here, "overview"), here);
  return require_check(view, here);
}

Response portal_brand_css(Request& request) {
  std::string file = request.path_params["file"];
  std::string color = "#1f4e79";
  if (file.size() > 4 && file.substr(file.size() - 4) == ".css" && request.store != nullptr) {
    auto creditor = request.store->find_creditor(file.substr(0, file.size() - 4));
    if (creditor && *creditor) {
      auto profile = request.store->creditor_profile((*creditor)->id);
      if (profile && *profile && valid_hex_color((*profile)->brand_color)) color = (*profile)->brand_color;
    }
  }
  // Text on the brand colour: white when that reads at 4.5:1 or better, else near-black.
  // Links on white use the brand colour only when it reads on white at 4.5:1.
  double l = luminance(color);
  const std::string ink = contrast(l, 1.0) >= 4.5 ? "#ffffff" : "#1a1a1a";
  const std::string link = contrast(l, 1.0) >= 4.5 ? color : "#1a1a1a";
  auto r = Response::text(200, ":root{--brand:" + color + ";--brand-ink:" + ink + ";--link:" + link + "}\n",
                          "text/css; charset=utf-8");
  r.set_header("Cache-Control", request.query_param("v") ? "public, max-age=31536000, immutable" : "public, max-age=300");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

Response portal_brand_logo(Request& request) {
  if (request.store != nullptr) {
    auto creditor = request.store->find_creditor(request.path_params["creditor"]);
    if (creditor && *creditor) {
      auto profile = request.store->creditor_profile((*creditor)->id);
      if (profile && *profile && !(*profile)->logo_png.empty()) {
        auto r = Response::text(200, (*profile)->logo_png, "image/png");
        r.set_header("Cache-Control", request.query_param("v") ? "public, max-age=31536000, immutable" : "public, max-age=300");
        r.set_header("X-Content-Type-Options", "nosniff");
        return r;
      }
    }
  }
  auto r = Response::text(404, "no logo");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

void register_portal_routes(Router& router, const PortalOptions& options) {
  auto state = std::make_shared<PortalState>(options);
  auto add = [&](const char* method, const char* pattern, auto handler) {
    router.add(method, pattern, [state, handler](Request& r) { return handler(r, *state); }, false);
  };
  add("GET", "/p", [](Request& r, PortalState& s) { return portal_overview_page(r, s); });
  add("GET", "/p/{token}", [](Request& r, PortalState& s) { return portal_open_link(r, s); });
  add("GET", "/p/check", [](Request& r, PortalState& s) { return portal_check_form(r, s); });
  add("POST", "/p/check", [](Request& r, PortalState& s) { return portal_check_submit(r, s); });
  add("GET", "/p/entry/{creditor}", [](Request& r, PortalState& s) { return portal_entry_form(r, s); });
  add("POST", "/p/entry/{creditor}", [](Request& r, PortalState& s) { return portal_entry_submit(r, s); });
  add("POST", "/p/language", [](Request& r, PortalState& s) { return portal_language(r, s); });
  add("POST", "/p/logout", [](Request& r, PortalState& s) { return portal_logout(r, s); });
  add("GET", "/p/items", [](Request& r, PortalState& s) { return portal_items_page(r, s); });
  add("GET", "/p/pay", [](Request& r, PortalState& s) { return portal_pay_page(r, s); });
  add("POST", "/p/pay/checkout", [](Request& r, PortalState& s) { return portal_pay_checkout(r, s); });
  add("GET", "/p/pay/return/{attempt}", [](Request& r, PortalState& s) { return portal_pay_return(r, s); });
  add("GET", "/p/promise", [](Request& r, PortalState& s) { return portal_promise_form(r, s); });
  add("POST", "/p/promise", [](Request& r, PortalState& s) { return portal_promise_submit(r, s); });
  add("GET", "/p/plan", [](Request& r, PortalState& s) { return portal_plan_form(r, s); });
  add("POST", "/p/plan", [](Request& r, PortalState& s) { return portal_plan_submit(r, s); });
  add("GET", "/p/dispute", [](Request& r, PortalState& s) { return portal_dispute_form(r, s); });
  add("POST", "/p/dispute", [](Request& r, PortalState& s) { return portal_dispute_submit(r, s); });
  add("GET", "/p/mandate", [](Request& r, PortalState& s) { return portal_mandate_form(r, s); });
  add("POST", "/p/mandate", [](Request& r, PortalState& s) { return portal_mandate_submit(r, s); });
  add("POST", "/p/mandate/{mandate}/revoke", [](Request& r, PortalState& s) { return portal_mandate_revoke(r, s); });
  add("GET", "/p/credit-note", [](Request& r, PortalState& s) { return portal_credit_note_form(r, s); });
  add("POST", "/p/credit-note", [](Request& r, PortalState& s) { return portal_credit_note_submit(r, s); });
  add("GET", "/p/callback", [](Request& r, PortalState& s) { return portal_callback_form(r, s); });
  add("POST", "/p/callback", [](Request& r, PortalState& s) { return portal_callback_submit(r, s); });
  add("GET", "/p/preferences", [](Request& r, PortalState& s) { return portal_preferences_form(r, s); });
  add("POST", "/p/preferences", [](Request& r, PortalState& s) { return portal_preferences_submit(r, s); });
  add("GET", "/p/done/{interaction}", [](Request& r, PortalState& s) { return portal_done_page(r, s); });
  add("POST", "/p/done/{interaction}/rating", [](Request& r, PortalState& s) { return portal_rating_submit(r, s); });
  add("GET", "/p/statement.pdf", [](Request& r, PortalState& s) { return portal_statement_pdf(r, s); });
  add("GET", "/p/invoices/{invoice}/copy", [](Request& r, PortalState& s) { return portal_invoice_copy(r, s); });
  add("GET", "/p/history", [](Request& r, PortalState& s) { return portal_history_page(r, s); });
  add("GET", "/p/history/{entry}/documents/{index}",
      [](Request& r, PortalState& s) { return portal_history_document(r, s); });
  add("GET", "/p/help", [](Request& r, PortalState& s) { return portal_help_page(r, s); });
  add("GET", "/p/help/{answer}", [](Request& r, PortalState& s) { return portal_answer_page(r, s); });
  router.add("GET", "/p/brand/{file}", [](Request& r) { return portal_brand_css(r); }, false);
  router.add("GET", "/p/brand/{creditor}/logo.png", [](Request& r) { return portal_brand_logo(r); }, false);
}

}  // namespace kulanz::http
