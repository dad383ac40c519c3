// How the customer wants to be contacted: the language, and per channel (e-mail, SMS,
// calls) the address and the consent. The choices apply at once and stay over later
// imports from the creditor's system (domain::ContactPreferences).
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

Response preferences_page(Request& request, const PortalView& v, const PortalState& state, int status,
                          const std::string& error, const std::string& error_field,
                          const services::PreferencesRequest* typed) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("preferences_heading", l)), "/p/preferences", "overview");
  auto customer = request.store->customer_by_id(v.session.creditor_id, v.session.customer_id);
  if (!customer) return portal_unavailable(frame, customer.error());
  if (!*customer) return portal_not_found(frame);
  const auto& c = **customer;
  services::PreferencesRequest shown;
  if (typed) {
    shown = *typed;
  } else {
    shown.language = std::string(domain::to_string(c.language));
    auto fill = [&](domain::Channel ch, std::string& address, bool& consent) {
      if (const auto* k = c.contact(ch)) {
        address = k->address;
        consent = k->consent;
      }
    };
    fill(domain::Channel::email, shown.email, shown.email_consent);
    fill(domain::Channel::sms, shown.mobile, shown.sms_consent);
    fill(domain::Channel::phone, shown.phone, shown.phone_consent);
  }
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("lang_de", shown.language != "en");
  d.set("lang_en", shown.language == "en");
  d.set("email", shown.email);
  d.set("email_consent", shown.email_consent);
  d.set("mobile", shown.mobile);
  d.set("sms_consent", shown.sms_consent);
  d.set("phone", shown.phone);
  d.set("phone_consent", shown.phone_consent);
  auto invalid = [&](domain::Channel ch) {
    const auto* k = c.contact(ch);
    return k && k->invalid;
  };
  d.set("email_invalid", invalid(domain::Channel::email));
  d.set("mobile_invalid", invalid(domain::Channel::sms));
  set_form_error(d, error, error_field);
  if (c.preferences.updated_unix > 0) {
    d.set("updated_text", portal_format("preferences_updated", l,
                                        {portal_date(calendar::Date::from_unix_utc(c.preferences.updated_unix), l)}));
  }
  set_help(d, v, "data");
  return portal_page(status, frame, "portal_preferences", d);
}

std::string yes_no(bool b, Language l) { return std::string(portal_text(b ? "word_yes" : "word_no", l)); }

bool consents(const domain::ContactPreferences& p, domain::Channel ch) {
  for (const auto& k : p.channels) {
    if (k.channel == ch) return k.consent;
  }
  return false;
}

}  // namespace

Response portal_preferences_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/preferences")) return std::move(*r);
  return preferences_page(request, v, state, 200, "", "", nullptr);
}

Response portal_preferences_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = portal_form_guard(request, v, state, "/p/preferences")) return std::move(*r);
  services::PreferencesRequest req;
  req.language = form_field(request, "language").substr(0, 5);
  req.email = form_field(request, "email").substr(0, 300);
  req.email_consent = form_field(request, "email_consent") == "yes";
  req.mobile = form_field(request, "mobile").substr(0, 60);
  req.sms_consent = form_field(request, "sms_consent") == "yes";
  req.phone = form_field(request, "phone").substr(0, 60);
  req.phone_consent = form_field(request, "phone_consent") == "yes";
  const Language l = req.language == "en" ? Language::en : req.language == "de" ? Language::de : v.language;
  auto frame = frame_of(v, state, std::string(portal_text("preferences_heading", l)), "/p/preferences", "overview");
  auto outcome = services::save_contact_preferences(
      *request.store, portal_actor(v, request), req, [&](const domain::ContactPreferences& p) {
        return portal_format("preferences_summary", l,
                             {yes_no(consents(p, domain::Channel::email), l), yes_no(consents(p, domain::Channel::sms), l),
                              yes_no(consents(p, domain::Channel::phone), l),
                              std::string(portal_text(l == Language::en ? "language_name_en" : "language_name_de", l))});
      });
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->refused) {
    const auto& r = *outcome->refused;
    // Name the channel the message is about.
    const char* channel = r.field == "email" ? "preferences_email" : r.field == "mobile" ? "preferences_sms"
                                                                                         : "preferences_calls";
    return preferences_page(request, v, state, 422,
                            portal_format(r.key, v.language, {std::string(portal_text(channel, v.language))}), r.field,
                            &req);
  }
  auto r = Response::redirect("/p/done/" + std::to_string(outcome->interaction_id));
  // The chosen language is the portal's from now on, in this browser too.
  r.add_header("Set-Cookie", portal_cookie(request, kPortalLangCookie, req.language, 365LL * 24 * 3600));
  return r;
}

}  // namespace kulanz::http
