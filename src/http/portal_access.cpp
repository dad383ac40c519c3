// Getting into the portal: the personal link, the light check, the entry with customer
// number and check, the language switch and signing out.
#include <algorithm>

#include "base/text.hpp"
#include "http/auth_session.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "security/security.hpp"
#include "services/portal.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

constexpr std::int64_t kLangCookieAge = 365 * 24 * 60 * 60;
constexpr std::int64_t kFormCookieAge = 2 * 60 * 60;

std::string address_key(const Request& request) { return "addr:" + request.remote_address; }

PortalFrame anonymous_frame(const Request& request, const PortalState& state, std::string title) {
  PortalFrame f;
  f.language = request_language(request);
  f.title = std::move(title);
  f.here = request.path;
  f.banner = state.options.banner;
  return f;
}

struct Question {
  std::string label, hint, autocomplete, inputmode;
};

Question question_for(domain::IdentityCheck check, Language l) {
  switch (check) {
    case domain::IdentityCheck::postal_code:
      return {std::string(portal_text("question_postal_code", l)), std::string(portal_text("hint_postal_code", l)),
              "postal-code", "numeric"};
    case domain::IdentityCheck::birth_date:
      return {std::string(portal_text("question_birth_date", l)), std::string(portal_text("hint_birth_date", l)), "bday",
              "text"};
    case domain::IdentityCheck::invoice_number:
      return {std::string(portal_text("question_invoice_number", l)),
              std::string(portal_text("hint_invoice_number", l)), "off", "text"};
  }
  return {};
}

void set_question(Data& d, domain::IdentityCheck check, Language l) {
  Question q = question_for(check, l);
  d.set("question", q.label);
  d.set("hint", q.hint);
  d.set("autocomplete", q.autocomplete);
  d.set("inputmode", q.inputmode);
}

Response check_page(const PortalView& view, const PortalState& state, int status, const std::string& next,
                    const std::string& error) {
  Data d;
  d.set("csrf_token", view.session.csrf_token);
  d.set("next", next);
  d.set("error", error);
  d.set("has_error", !error.empty());
  set_question(d, view.settings().check, view.language);
  return portal_page(status, frame_of(view, state, std::string(portal_text("check_heading", view.language)), "/p/check", ""),
                     "portal_check", d);
}

// The double-submit token of the entry form (there is no session yet).
std::string entry_form_token(const Request& request, bool* is_new) {
  auto existing = request.cookie(kPortalFormCookie);
  *is_new = !existing || !plausible_token(*existing);
  return *is_new ? security::random_token(32) : *existing;
}

Response entry_page(const Request& request, const PortalState& state, const Brand& brand,
                    const portal::PortalSettings& settings, int status, const std::string& number,
                    const std::string& error) {
  PortalFrame f = anonymous_frame(request, state, std::string(portal_text("entry_heading", request_language(request))));
  f.brand = &brand;
  f.here = "/p/entry/" + brand.creditor.code;
  bool is_new = false;
  std::string token = entry_form_token(request, &is_new);
  Data d;
  d.set("csrf_token", token);
  d.set("action", f.here);
  d.set("number", number);
  d.set("error", error);
  d.set("has_error", !error.empty());
  d.set("entry_intro", portal_format("entry_intro", f.language, {brand.creditor.name}));
  set_question(d, settings.check, f.language);
  Response r = portal_page(status, f, "portal_entry", d);
  if (is_new) r.add_header("Set-Cookie", portal_cookie(request, kPortalFormCookie, token, kFormCookieAge));
  if (request.query_param("lang")) {
    r.add_header("Set-Cookie", portal_cookie(request, kPortalLangCookie, f.language == Language::en ? "en" : "de", kLangCookieAge));
  }
  return r;
}

Response with_session_cookie(Response r, const Request& request, const services::OpenedPortalSession& s,
                             const PortalState& state) {
  r.add_header("Set-Cookie", portal_cookie(request, kPortalCookie, s.token, state.options.session_ttl_seconds));
  r.add_header("Set-Cookie", portal_cookie(request, kPortalLangCookie, s.record.language, kLangCookieAge));
  return r;
}

// Ends the session of the request's cookie, if any (a new one replaces it).
void end_previous_session(const Request& request) {
  auto cookie = request.cookie(kPortalCookie);
  if (!cookie || request.store == nullptr) return;
  auto session = services::portal_session_for_cookie(*request.store, *cookie, request.now_unix);
  if (session && *session) (void)request.store->portal().end_portal_session((*session)->token_sha256);
}

// The creditor of an entry URL and its profile; nullopt for no such code.
base::Result<std::optional<Brand>> brand_of(Request& request, std::string_view code) {
  KULANZ_TRY(creditor, request.store->find_creditor(code));
  // Only by code: an internal id in the URL would let anyone count creditors.
  if (!creditor || creditor->code != code) return std::optional<Brand>();
  Brand b;
  b.creditor = *creditor;
  KULANZ_TRY(profile, request.store->creditor_profile(b.creditor.id));
  b.profile = std::move(profile);
  return std::optional<Brand>(std::move(b));
}

}  // namespace

Response portal_open_link(Request& request, PortalState& state) {
  PortalFrame f = anonymous_frame(request, state, "");
  f.here = "/p/";  // never the token on a page
  if (request.store == nullptr) return portal_unavailable(f, base::Error(base::ErrorCode::db_unavailable, "no database session"));
  if (auto wait = state.link_failures.retry_after(address_key(request), request.now_unix); wait > 0) {
    return portal_too_many(f, wait);
  }
  std::string wanted;
  if (auto c = request.cookie(kPortalLangCookie); c && (*c == "de" || *c == "en")) wanted = *c;
  if (auto q = request.query_param("lang"); q && (*q == "de" || *q == "en")) wanted = *q;
  auto opened = services::open_portal_by_link(*request.store, request.path_params["token"], wanted, request.now_unix,
                                              state.options.session_ttl_seconds);
  if (!opened) return portal_unavailable(f, opened.error());
  if (!*opened) {
    state.link_failures.record_failure(address_key(request), request.now_unix);
    return portal_message(404, f, portal_text("link_invalid_heading", f.language), portal_text("link_invalid_text", f.language),
                          "", "");
  }
  end_previous_session(request);
  // The token leaves the address bar (and the history) at once.
  Response r = Response::redirect("/p/");
  r.set_header("Cache-Control", "no-store");
  r.set_header("Referrer-Policy", "no-referrer");
  return with_session_cookie(std::move(r), request, **opened, state);
}

Response portal_check_form(Request& request, const PortalState& state) {
  auto view = portal_view(request, state);
  if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
  auto& v = std::get<PortalView>(view);
  std::string next = safe_next(request.query_param("next").value_or("/p/"));
  if (v.verified()) return Response::redirect(next);
  return check_page(v, state, 200, next, "");
}

Response portal_check_submit(Request& request, const PortalState& state) {
  auto view = portal_view(request, state);
  if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
  auto& v = std::get<PortalView>(view);
  std::string next = safe_next(form_field(request, "next"));
  if (!portal_form_ok(request, v.session)) return portal_form_expired(frame_of(v, state, "", "/p/check", ""), "/p/check");
  if (v.verified()) return Response::redirect(next);
  std::string answer = form_field(request, "answer");
  if (base::trim(answer).empty()) return check_page(v, state, 400, next, std::string(portal_text("check_empty", v.language)));
  auto outcome = services::answer_portal_check(*request.store, v.settings(), v.session, answer.substr(0, 100), request.now_unix);
  if (!outcome) return portal_unavailable(frame_of(v, state, "", "/p/check", ""), outcome.error());
  switch (outcome->verdict) {
    case services::CheckVerdict::passed: return Response::redirect(next);
    case services::CheckVerdict::locked:
      return portal_too_many(frame_of(v, state, "", "/p/check", ""), outcome->locked_for_seconds);
    case services::CheckVerdict::wrong: break;
  }
  std::string error = outcome->attempts_left == 1
                          ? std::string(portal_text("check_wrong_last", v.language))
                          : portal_format("check_wrong", v.language, {std::to_string(outcome->attempts_left)});
  return check_page(v, state, 401, next, error);
}

Response portal_entry_form(Request& request, const PortalState& state) {
  PortalFrame f = anonymous_frame(request, state, "");
  if (request.store == nullptr) return portal_unavailable(f, base::Error(base::ErrorCode::db_unavailable, "no database session"));
  auto found = brand_of(request, request.path_params["creditor"]);
  if (!found) return portal_unavailable(f, found.error());
  if (!*found) return portal_not_found(f);
  const Brand* brand = &**found;
  auto settings = services::portal_settings_for(*request.store, brand->creditor.id);
  if (!settings) return portal_unavailable(f, settings.error());
  return entry_page(request, state, *brand, **settings, 200, "", "");
}

Response portal_entry_submit(Request& request, PortalState& state) {
  PortalFrame f = anonymous_frame(request, state, "");
  if (request.store == nullptr) return portal_unavailable(f, base::Error(base::ErrorCode::db_unavailable, "no database session"));
  auto found = brand_of(request, request.path_params["creditor"]);
  if (!found) return portal_unavailable(f, found.error());
  if (!*found) return portal_not_found(f);
  const Brand* brand = &**found;
  f.brand = brand;
  std::string here = "/p/entry/" + brand->creditor.code;
  auto cookie_token = request.cookie(kPortalFormCookie);
  if (is_cross_site(request) || !cookie_token || !plausible_token(*cookie_token) || !csrf_matches(request, *cookie_token)) {
    return portal_form_expired(f, here);
  }
  if (auto wait = state.entry_failures.retry_after(address_key(request), request.now_unix); wait > 0) {
    return portal_too_many(f, wait);
  }
  auto settings = services::portal_settings_for(*request.store, brand->creditor.id);
  if (!settings) return portal_unavailable(f, settings.error());
  std::string number(base::trim(form_field(request, "number")));
  std::string answer = form_field(request, "answer");
  if (number.empty() || base::trim(answer).empty()) {
    return entry_page(request, state, *brand, **settings, 400, number.substr(0, 100),
                      std::string(portal_text("entry_empty", f.language)));
  }
  auto outcome = services::enter_portal_by_number(*request.store, brand->creditor.id, **settings, number,
                                                  answer.substr(0, 100), f.language == Language::en ? "en" : "de",
                                                  request.now_unix, state.options.session_ttl_seconds);
  if (!outcome) return portal_unavailable(f, outcome.error());
  if (outcome->verdict == services::CheckVerdict::passed && outcome->session) {
    state.entry_failures.reset(address_key(request));
    end_previous_session(request);
    return with_session_cookie(Response::redirect("/p/"), request, *outcome->session, state);
  }
  state.entry_failures.record_failure(address_key(request), request.now_unix);
  if (outcome->verdict == services::CheckVerdict::locked) return portal_too_many(f, outcome->locked_for_seconds);
  // The same words whether the number exists or not.
  return entry_page(request, state, *brand, **settings, 401, number.substr(0, 100),
                    std::string(portal_text("entry_wrong", f.language)));
}

Response portal_language(Request& request, const PortalState& state) {
  auto view = portal_view(request, state);
  if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
  auto& v = std::get<PortalView>(view);
  std::string next = safe_next(form_field(request, "next"));
  if (!portal_form_ok(request, v.session)) return portal_form_expired(frame_of(v, state, "", next, ""), next);
  std::string lang = form_field(request, "lang");
  if (lang != "de" && lang != "en") return Response::redirect(next);
  auto st = request.store->portal().set_portal_session_language(v.session.token_sha256, lang);
  if (!st) return portal_unavailable(frame_of(v, state, "", next, ""), st.error());
  Response r = Response::redirect(next);
  r.add_header("Set-Cookie", portal_cookie(request, kPortalLangCookie, lang, kLangCookieAge));
  return r;
}

Response portal_logout(Request& request, const PortalState& state) {
  auto view = portal_view(request, state);
  if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
  auto& v = std::get<PortalView>(view);
  if (!portal_form_ok(request, v.session)) return portal_form_expired(frame_of(v, state, "", "/p/", ""), "/p/");
  auto st = request.store->portal().end_portal_session(v.session.token_sha256);
  if (!st) return portal_unavailable(frame_of(v, state, "", "/p/", ""), st.error());
  PortalFrame f;
  f.language = v.language;
  f.brand = &v.brand;
  f.banner = state.options.banner;
  f.here = "/p/";
  auto r = portal_message(200, f, portal_text("logged_out_heading", v.language), portal_text("logged_out_text", v.language),
                          "/p/entry/" + v.brand.creditor.code, portal_text("logged_out_entry", v.language), false);
  r.add_header("Set-Cookie", portal_cookie(request, kPortalCookie, "", 0));
  return r;
}

}  // namespace kulanz::http
