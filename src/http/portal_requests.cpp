// Requests a collector answers: a credit note on an invoice (reason from the creditor's
// list, an optional amount and message) and a callback (day, window, number, topic). Both
// become tasks in the workspace; the customer gets a reference to quote.
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/portal.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {

using domain::Language;

base::Result<Data> portal_invoice_choices(Request& request, const PortalView& v, const std::string& selected) {
  const Language l = v.language;
  KULANZ_TRY(o, services::portal_overview(*request.store, v.session.creditor_id, v.session.customer_id,
                                          portal_today(request), request.now_unix));
  Data items{Data::type::list};
  auto add = [&](const std::string& external_id, const std::string& number, const std::string& note) {
    Data d;
    d.set("value", external_id);
    d.set("label", portal_format("kind_invoice", l, {number}) + note);
    d.set("selected", external_id == selected);
    items.push_back(d);
  };
  for (const auto& i : o.open) {
    if (i.kind == domain::ItemKind::invoice) {
      add(i.external_id, i.number, " – " + portal_money(i.open.minor(), i.open.currency().code(), l));
    }
  }
  for (const auto& i : o.paid) add(i.external_id, i.number, " – " + std::string(portal_text("state_paid", l)));
  return items;
}

Data portal_reason_choices(const std::vector<portal::Reason>& reasons, Language language, const std::string& selected) {
  Data list{Data::type::list};
  for (const auto& r : reasons) {
    Data d;
    d.set("code", r.code);
    d.set("label", r.label.in(language));
    d.set("checked", r.code == selected);
    list.push_back(d);
  }
  return list;
}

void set_help(Data& d, const PortalView& v, std::string_view topic) {
  const auto answers = v.settings().answers_for(topic);
  if (answers.empty()) return;
  d.set("help_href", "/p/help/" + answers.front()->id);
  d.set("help_title", answers.front()->title.in(v.language));
}

void set_form_error(Data& d, const std::string& error, const std::string& field) {
  d.set("has_error", !error.empty());
  d.set("error", error);
  if (!field.empty()) d.set("error_" + field, true);
}

namespace {

Response credit_note_page(Request& request, const PortalView& v, const PortalState& state, int status,
                          const std::string& error, const std::string& error_field,
                          const services::CreditNoteRequest& typed) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("credit_note_heading", l)), "/p/credit-note", "overview");
  if (v.settings().credit_note_reasons.empty()) {
    return portal_message(404, frame, portal_text("credit_note_heading", l), portal_text("credit_note_off", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  auto items = portal_invoice_choices(request, v, typed.item);
  if (!items) return portal_unavailable(frame, items.error());
  if (items->is_empty_list()) {
    return portal_message(200, frame, portal_text("credit_note_heading", l), portal_text("dispute_no_invoices", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("items", *items);
  d.set("reasons", portal_reason_choices(v.settings().credit_note_reasons, l, typed.reason));
  d.set("amount", typed.amount);
  d.set("message", typed.message);
  set_form_error(d, error, error_field);
  set_help(d, v, "credit_note");
  return portal_page(status, frame, "portal_credit_note", d);
}

Response callback_page(Request& request, const PortalView& v, const PortalState& state, int status,
                       const std::string& error, const std::string& error_field,
                       const services::CallbackRequest& typed) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("callback_heading", l)), "/p/callback", "overview");
  auto offer = services::callback_offer(*request.store, v.settings(), portal_actor(v, request));
  if (!offer) return portal_unavailable(frame, offer.error());
  if (offer->windows.empty() || offer->days.empty()) {
    return portal_message(404, frame, portal_text("callback_heading", l), portal_text("callback_off", l), "/p/",
                          portal_text("back_to_overview", l), false);
  }
  Data days{Data::type::list};
  for (std::size_t k = 0; k < offer->days.size(); ++k) {
    const auto& day = offer->days[k];
    Data d;
    d.set("value", day.iso());
    d.set("label", portal_weekday_date(day, l));
    d.set("selected", typed.day.empty() ? k == 0 : typed.day == day.iso());
    days.push_back(d);
  }
  Data windows{Data::type::list};
  for (std::size_t k = 0; k < offer->windows.size(); ++k) {
    const std::string label = offer->windows[k].label();
    Data d;
    d.set("value", label);
    d.set("id", "window-" + std::to_string(k));
    d.set("label", portal_format("callback_window_label", l, {label}));
    d.set("checked", typed.window == label);
    windows.push_back(d);
  }
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  d.set("days", days);
  d.set("windows", windows);
  d.set("phone", typed.phone.empty() ? offer->phone : typed.phone);
  d.set("topic", typed.topic);
  set_form_error(d, error, error_field);
  set_help(d, v, "callback");
  return portal_page(status, frame, "portal_callback", d);
}

}  // namespace

Response portal_credit_note_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/credit-note")) return std::move(*r);
  services::CreditNoteRequest typed;
  typed.item = request.query_param("item").value_or("").substr(0, 200);
  return credit_note_page(request, v, state, 200, "", "", typed);
}

Response portal_credit_note_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  if (auto r = portal_form_guard(request, v, state, "/p/credit-note")) return std::move(*r);
  auto frame = frame_of(v, state, std::string(portal_text("credit_note_heading", l)), "/p/credit-note", "overview");
  services::CreditNoteRequest req;
  req.item = form_field(request, "item").substr(0, 200);
  req.reason = form_field(request, "reason").substr(0, 100);
  req.amount = form_field(request, "amount").substr(0, 40);
  req.message = form_field(request, "message").substr(0, 20000);
  auto outcome = services::request_credit_note(
      *request.store, v.settings(), portal_actor(v, request), req,
      [&](const std::string& reference, const std::string& number) {
        return portal_format("credit_note_summary", l, {number, reference});
      });
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->action.refused) {
    const auto& r = *outcome->action.refused;
    return credit_note_page(request, v, state, 422, std::string(portal_text(r.key, l)), r.field, req);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->action.interaction_id));
}

Response portal_callback_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/callback")) return std::move(*r);
  return callback_page(request, v, state, 200, "", "", {});
}

Response portal_callback_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  if (auto r = portal_form_guard(request, v, state, "/p/callback")) return std::move(*r);
  auto frame = frame_of(v, state, std::string(portal_text("callback_heading", l)), "/p/callback", "overview");
  services::CallbackRequest req;
  req.phone = form_field(request, "phone").substr(0, 40);
  req.day = form_field(request, "day").substr(0, 10);
  req.window = form_field(request, "window").substr(0, 20);
  req.topic = form_field(request, "topic").substr(0, 5000);
  auto outcome = services::request_callback(*request.store, v.settings(), portal_actor(v, request), req,
                                            [&](calendar::Date day, const std::string& window) {
                                              return portal_format("callback_summary", l,
                                                                   {portal_weekday_date(day, l), window});
                                            });
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->action.refused) {
    const auto& r = *outcome->action.refused;
    return callback_page(request, v, state, 422, std::string(portal_text(r.key, l)), r.field, req);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->action.interaction_id));
}

}  // namespace kulanz::http
