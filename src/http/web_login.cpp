// GET/POST /login and POST /logout.
#include <algorithm>
#include <string>

#include "base/text.hpp"
#include "http/auth_session.hpp"
#include "http/web_pages.hpp"
#include "security/security.hpp"

namespace kulanz::http {
namespace {

constexpr std::int64_t kLoginCsrfMaxAge = 12 * 60 * 60;

std::string form_value(const std::multimap<std::string, std::string>& form, const char* name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// The login form's double-submit token: the one in the browser's cookie when it has a
// plausible one (so that several open tabs keep working), else a fresh one.
std::string login_csrf_token(const Request& request, bool* is_new) {
  auto existing = request.cookie(kLoginCsrfCookie);
  *is_new = !existing || !plausible_token(*existing);
  return *is_new ? security::random_token(32) : *existing;
}

Response login_form(const Request& request, const WebState& state, int status, const std::string& email,
                    const std::string& error) {
  bool is_new = false;
  std::string token = login_csrf_token(request, &is_new);
  Data d;
  d.set("csrf_token", token);
  d.set("email", email);
  d.set("error", error);
  d.set("has_error", !error.empty());
  Response r = render_page(status, anonymous_frame(state, "Anmelden"), "login", d);
  if (is_new) r.headers.emplace_back("Set-Cookie", cookie_header(kLoginCsrfCookie, token, kLoginCsrfMaxAge, request.secure));
  return r;
}

Response csrf_refused(const WebState& state, std::string_view again_href) {
  return message_page(403, anonymous_frame(state, "Formular abgelaufen"), "Formular abgelaufen",
                      "Das Formular ist abgelaufen oder wurde von einer anderen Seite gesendet. "
                      "Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
                      again_href, "Seite neu laden");
}

Response too_many_attempts(const WebState& state, std::int64_t retry_after_seconds) {
  std::int64_t minutes = (retry_after_seconds + 59) / 60;
  auto r = message_page(429, anonymous_frame(state, "Zu viele Anmeldeversuche"), "Zu viele Anmeldeversuche",
                        "Zu viele fehlgeschlagene Anmeldeversuche. Aus Sicherheitsgründen ist die Anmeldung "
                        "vorübergehend gesperrt. Bitte versuchen Sie es in " + std::to_string(minutes) +
                            (minutes == 1 ? " Minute" : " Minuten") + " erneut.",
                        "/login", "Zur Anmeldung");
  r.set_header("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

std::string address_key(const Request& request) { return "addr:" + request.remote_address; }
std::string email_key(const std::string& email) { return "email:" + email; }

}  // namespace

Response login_page(Request& request, const WebState& state) {
  auto signed_in = current_user(request);
  if (!signed_in) return unavailable_page(state, signed_in.error());
  if (signed_in->has_value()) return Response::redirect("/");
  return login_form(request, state, 200, "", "");
}

Response login_submit(Request& request, WebState& state) {
  auto cookie_token = request.cookie(kLoginCsrfCookie);
  if (is_cross_site(request) || !cookie_token || !plausible_token(*cookie_token) ||
      !csrf_matches(request, *cookie_token)) {
    return csrf_refused(state, "/login");
  }
  auto form = request.form();
  std::string email = base::ascii_lower(base::trim(form_value(form, "email")));
  std::string password = form_value(form, "password");
  if (email.empty() || password.empty()) {
    return login_form(request, state, 400, email, "Bitte geben Sie E-Mail-Adresse und Passwort ein.");
  }
  if (request.store == nullptr) {
    return unavailable_page(state, base::Error(base::ErrorCode::db_unavailable, "no database session for this request"));
  }
  std::int64_t now = request.now_unix;
  std::int64_t wait = std::max(state.failures_by_email.retry_after(email_key(email), now),
                               state.failures_by_address.retry_after(address_key(request), now));
  if (wait > 0) return too_many_attempts(state, wait);

  auto user = request.store->user_by_email(email);
  if (!user) return unavailable_page(state, user.error());
  bool usable = user->has_value() && !(*user)->disabled;
  // Always one argon2id verification, so that timing does not tell which addresses exist.
  bool password_ok = security::verify_password(password, usable ? (*user)->password_hash : state.dummy_password_hash);
  if (!usable || !password_ok) {
    state.failures_by_email.record_failure(email_key(email), now);
    state.failures_by_address.record_failure(address_key(request), now);
    return login_form(request, state, 401, email, "E-Mail-Adresse oder Passwort ist falsch.");
  }
  state.failures_by_email.reset(email_key(email));
  auto session = start_session(*request.store, (*user)->id, now, state.options.session_ttl_seconds);
  if (!session) return unavailable_page(state, session.error());
  Response r = Response::redirect("/");
  r.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, session->token,
                                                     state.options.session_ttl_seconds, request.secure));
  return r;
}

Response logout_submit(Request& request, const WebState& state) {
  auto signed_in = current_user(request);
  if (!signed_in) return unavailable_page(state, signed_in.error());
  if (signed_in->has_value()) {
    if (is_cross_site(request) || !csrf_matches(request, (*signed_in)->session.csrf_token)) {
      return csrf_refused(state, "/");
    }
    auto st = end_session(request);
    if (!st) return unavailable_page(state, st.error());
  }
  Response r = Response::redirect("/login");
  r.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, "", 0, request.secure));
  return r;
}

}  // namespace kulanz::http
