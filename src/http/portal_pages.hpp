#pragma once
// Shared pieces of the portal's pages (internal to kulanz_http): the state of the routes,
// the session and creditor a request belongs to, and the page frame in the request's
// language with the creditor's branding.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/auth_limiter.hpp"
#include "http/message.hpp"
#include "http/portal.hpp"
#include "http/web_render.hpp"
#include "portal/settings.hpp"
#include "ports/ledger_store.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {

inline constexpr std::string_view kPortalCookie = "kulanz_portal";
inline constexpr std::string_view kPortalLangCookie = "kulanz_portal_lang";
inline constexpr std::string_view kPortalFormCookie = "kulanz_portal_form";  // double-submit token before a session
inline constexpr std::string_view kPortalPath = "/p";

struct PortalState {
  explicit PortalState(const PortalOptions& o);
  PortalOptions options;
  LoginLimiter link_failures;   // per client address
  LoginLimiter entry_failures;  // per client address
};

// What a page shows about the creditor.
struct Brand {
  domain::Creditor creditor;
  std::optional<domain::CreditorProfile> profile;
};

// A request inside a session: who, which creditor, in which language.
struct PortalView {
  ports::PortalSession session;
  domain::Language language = domain::Language::de;
  Brand brand;
  std::shared_ptr<const portal::PortalSettings> settings_ptr;  // never null
  const portal::PortalSettings& settings() const { return *settings_ptr; }
  bool verified() const { return session.verified_unix > 0; }
};

// The frame around a page.
struct PortalFrame {
  domain::Language language = domain::Language::de;
  std::string title;
  std::string here;         // the page's path, for the language switch
  std::string nav_current;  // overview, items, history, help
  const Brand* brand = nullptr;          // nullptr: kulanz's own frame
  const ports::PortalSession* session = nullptr;  // nullptr: not in a session
  std::string banner;
  std::string refresh_url;  // not empty: the page goes on to this address at once (meta refresh)
};

// The request's session and everything a page needs, or the page to answer instead (no
// session: 401 with how to get back in; database trouble: 503).
std::variant<PortalView, Response> portal_view(Request& request, const PortalState& state);

// The page: templates/<name>.mustache in templates/portal_layout.mustache; `data` gets
// `t` (the words in the frame's language).
Response portal_page(int status, const PortalFrame& frame, std::string_view name, Data data);
Response portal_message(int status, const PortalFrame& frame, std::string_view heading, std::string_view message,
                        std::string_view link_href, std::string_view link_text, bool alert = true);
Response portal_unavailable(const PortalFrame& frame, const base::Error& error);
Response portal_not_found(const PortalFrame& frame);
Response portal_form_expired(const PortalFrame& frame, std::string_view again_href);
Response portal_too_many(const PortalFrame& frame, std::int64_t retry_after_seconds);

PortalFrame frame_of(const PortalView& view, const PortalState& state, std::string title, std::string here,
                     std::string nav_current);
// The language of a request outside a session: ?lang=, then the language cookie, then
// Accept-Language, else German.
domain::Language request_language(const Request& request);
// A path inside the portal that is safe to go to after a form ("/p/..." of plain
// characters); anything else becomes "/p/".
std::string safe_next(std::string_view next);
// The form's CSRF token matches the session's, and the browser does not mark the post as
// cross-site.
bool portal_form_ok(const Request& request, const ports::PortalSession& session);
std::string form_field(const Request& request, std::string_view name);
// Set-Cookie for the portal's cookies (Path=/p, HttpOnly, SameSite=Lax, Secure under TLS).
std::string portal_cookie(const Request& request, std::string_view name, std::string_view value, std::int64_t max_age);

// Sets `name` only for a non-empty text: sections ({{#name}}) of the templates render
// for any string, the empty one included.
inline void set_text(Data& d, const std::string& name, std::string value) {
  if (!value.empty()) d.set(name, std::move(value));
}

// The request's PortalView as `v`, or return the page portal_view answers instead.
#define KULANZ_PORTAL_VIEW(v, request, state)                                   \
  auto v##_or_page = portal_view(request, state);                                \
  if (auto* page = std::get_if<Response>(&v##_or_page)) return std::move(*page); \
  auto& v = std::get<PortalView>(v##_or_page)

// A path segment as a record id: 1 to 15 digits; 0 for anything else.
std::int64_t portal_path_id(std::string_view text);

// The request's day (UTC), as the ledger counts.
inline calendar::Date portal_today(const Request& r) { return calendar::Date::from_unix_utc(r.now_unix); }

// Who acts in a request: the view's session, the request's day and time.
inline services::PortalActor portal_actor(const PortalView& v, const Request& r) {
  return services::PortalActor{v.session, portal_today(r), r.now_unix};
}

// The customer's invoices as <option>s (value = external id, label = number and what is
// open, or "paid"), `selected` marked; open ones first. An empty list when there are none.
base::Result<Data> portal_invoice_choices(Request& request, const PortalView& v, const std::string& selected);

// A creditor's reasons as radio choices (code, label in `language`, `selected` checked).
Data portal_reason_choices(const std::vector<portal::Reason>& reasons, domain::Language language,
                           const std::string& selected);
// The creditor's first answer about `topic` as help_href and help_title (nothing when none).
void set_help(Data& d, const PortalView& v, std::string_view topic);
// A form's error marks: has_error, error, and error_<field> when a field is named.
void set_form_error(Data& d, const std::string& error, const std::string& field);

// The creditor's name as customers know it: the profile's legal name, else the creditor's name.
std::string brand_name(const Brand& b);

// Route handlers.
Response portal_open_link(Request& request, PortalState& state);
Response portal_check_form(Request& request, const PortalState& state);
Response portal_check_submit(Request& request, const PortalState& state);
Response portal_entry_form(Request& request, const PortalState& state);
Response portal_entry_submit(Request& request, PortalState& state);
Response portal_language(Request& request, const PortalState& state);
Response portal_logout(Request& request, const PortalState& state);
Response portal_overview_page(Request& request, const PortalState& state);
Response portal_items_page(Request& request, const PortalState& state);
Response portal_statement_pdf(Request& request, const PortalState& state);
Response portal_invoice_copy(Request& request, const PortalState& state);
Response portal_history_page(Request& request, const PortalState& state);
Response portal_history_document(Request& request, const PortalState& state);
Response portal_help_page(Request& request, const PortalState& state);
Response portal_answer_page(Request& request, const PortalState& state);
Response portal_pay_page(Request& request, const PortalState& state);
Response portal_pay_checkout(Request& request, const PortalState& state);
Response portal_pay_return(Request& request, const PortalState& state);
Response portal_promise_form(Request& request, const PortalState& state);
Response portal_promise_submit(Request& request, const PortalState& state);
Response portal_plan_form(Request& request, const PortalState& state);
Response portal_plan_submit(Request& request, const PortalState& state);
Response portal_done_page(Request& request, const PortalState& state);
Response portal_dispute_form(Request& request, const PortalState& state);
Response portal_dispute_submit(Request& request, const PortalState& state);
Response portal_mandate_form(Request& request, const PortalState& state);
Response portal_mandate_submit(Request& request, const PortalState& state);
Response portal_mandate_revoke(Request& request, const PortalState& state);
Response portal_rating_submit(Request& request, const PortalState& state);
Response portal_credit_note_form(Request& request, const PortalState& state);
Response portal_credit_note_submit(Request& request, const PortalState& state);
Response portal_callback_form(Request& request, const PortalState& state);
Response portal_callback_submit(Request& request, const PortalState& state);
Response portal_preferences_form(Request& request, const PortalState& state);
Response portal_preferences_submit(Request& request, const PortalState& state);
Response portal_brand_css(Request& request);
Response portal_brand_logo(Request& request);

// A page that needs the light check: nullopt when the session passed it, else the
// redirect to the check that comes back to `here`.
std::optional<Response> require_check(const PortalView& view, std::string_view here);
// A form that changes data: nullopt when its CSRF token is right and the session passed the
// check; else the page to answer (form expired, or the check that comes back to `here`).
std::optional<Response> portal_form_guard(const Request& request, const PortalView& view, const PortalState& state,
                                          const std::string& here);

}  // namespace kulanz::http
