// The SEPA direct-debit mandate: the mandate text with the creditor's identifier, the
// account holder and IBAN, for this payment (collected on an announced day) or for future
// invoices; the mandates in force with their reference and a way to revoke each.
#include "base/text.hpp"
#include "documents/iban.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

// "DE89 •••• •••• •••• ••30 00": enough to recognise the account, not to use it.
std::string masked_iban(const std::string& iban) {
  std::string grouped = documents::format_iban(iban);
  std::string out;
  const std::size_t keep_from = grouped.size() > 5 ? grouped.size() - 5 : 0;  // the last four digits
  for (std::size_t i = 0; i < grouped.size(); ++i) {
    const char c = grouped[i];
    out += (i < 4 || i >= keep_from || c == ' ') ? std::string(1, c) : std::string("•");
  }
  return out;
}

// The pre-notification of a mandate: what is collected when (single) or how future
// invoices are announced (recurring).
std::string prenotification(const ports::MandateRecord& m, const PortalView& v, Language l) {
  if (m.scope == "recurring") {
    return portal_format("mandate_prenote_recurring", l, {m.reference, v.settings().creditor_identifier});
  }
  return portal_format("mandate_prenote_single", l,
                       {portal_money(m.amount_minor, m.currency, l), m.collection_on ? portal_date(*m.collection_on, l) : "",
                        masked_iban(m.iban), m.reference, v.settings().creditor_identifier});
}

Response mandate_page(const Request& request, const PortalView& v, const PortalState& state, int status,
                      const std::string& error, const std::string& error_field, const services::MandateRequest& typed) {
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("mandate_heading", l)), "/p/mandate", "overview");
  if (!v.settings().offers(portal::PaymentMethod::direct_debit) || v.settings().creditor_identifier.empty()) {
    return portal_message(404, frame, portal_text("mandate_heading", l), portal_text("mandate_off", l), "/p/pay",
                          portal_text("pay_other_ways", l), false);
  }
  auto scope = services::mandate_scope(*request.store, v.settings(), portal_actor(v, request));
  if (!scope) return portal_unavailable(frame, scope.error());
  auto mandates = request.store->portal().list_mandates(v.session.creditor_id, v.session.customer_id, true);
  if (!mandates) return portal_unavailable(frame, mandates.error());
  Data d;
  d.set("csrf_token", v.session.csrf_token);
  Data list{Data::type::list};
  for (const auto& m : *mandates) {
    Data md;
    md.set("id", std::to_string(m.id));
    md.set("reference", m.reference);
    md.set("iban", masked_iban(m.iban));
    md.set("holder", m.account_holder);
    md.set("scope", std::string(portal_text(m.scope == "recurring" ? "mandate_scope_recurring" : "mandate_scope_single", l)));
    md.set("prenote", prenotification(m, v, l));
    md.set("revoke_label", portal_format("mandate_revoke_label", l, {m.reference}));
    list.push_back(md);
  }
  d.set("mandates", list);
  d.set("has_mandates", !mandates->empty());
  const bool single = scope->amount_minor > 0 && !scope->items.empty() && !scope->arranged;
  d.set("single_possible", single);
  if (single) {
    d.set("single_label", portal_format("mandate_single_label", l, {portal_money(scope->amount_minor, scope->currency, l),
                                                                    portal_date(scope->collection_on, l)}));
  }
  d.set("recurring_checked", typed.recurring || !single);
  d.set("mandate_text", portal_format("mandate_text", l, {brand_name(v.brand)}));
  d.set("creditor_line", portal_format("mandate_creditor_line", l, {brand_name(v.brand), v.settings().creditor_identifier}));
  d.set("holder", typed.account_holder.empty() ? std::string() : typed.account_holder);
  d.set("iban", typed.iban);
  d.set("has_error", !error.empty());
  d.set("error", error);
  d.set("error_holder", error_field == "account_holder");
  d.set("error_iban", error_field == "iban");
  d.set("error_consent", error_field == "consent");
  set_help(d, v, "mandate");
  return portal_page(status, frame, "portal_mandate", d);
}

}  // namespace

Response portal_mandate_form(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  if (auto r = require_check(v, "/p/mandate")) return std::move(*r);
  return mandate_page(request, v, state, 200, "", "", {});
}

Response portal_mandate_submit(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("mandate_heading", l)), "/p/mandate", "overview");
  if (auto r = portal_form_guard(request, v, state, "/p/mandate")) return std::move(*r);
  services::MandateRequest req;
  req.account_holder = form_field(request, "account_holder").substr(0, 300);
  req.iban = form_field(request, "iban").substr(0, 64);
  req.recurring = form_field(request, "scope") == "recurring";
  req.consent = form_field(request, "consent") == "yes";
  auto outcome = services::grant_mandate(*request.store, v.settings(), portal_actor(v, request), req,
                                         [&](const ports::MandateRecord& m) {
                                           return portal_format(m.scope == "recurring" ? "mandate_summary_recurring"
                                                                                       : "mandate_summary_single",
                                                                l, {m.reference, masked_iban(m.iban)});
                                         });
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->action.refused) {
    return mandate_page(request, v, state, 422, std::string(portal_text(outcome->action.refused->key, l)),
                        outcome->action.refused->field, req);
  }
  return Response::redirect("/p/done/" + std::to_string(outcome->action.interaction_id));
}

Response portal_mandate_revoke(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  auto frame = frame_of(v, state, std::string(portal_text("mandate_heading", l)), "/p/mandate", "overview");
  if (auto r = portal_form_guard(request, v, state, "/p/mandate")) return std::move(*r);
  const std::int64_t id = portal_path_id(request.path_params["mandate"]);
  if (id <= 0) return portal_not_found(frame);
  auto mandates = request.store->portal().list_mandates(v.session.creditor_id, v.session.customer_id, true);
  if (!mandates) return portal_unavailable(frame, mandates.error());
  std::string reference;
  for (const auto& m : *mandates) {
    if (m.id == id) reference = m.reference;
  }
  if (reference.empty()) return portal_not_found(frame);
  auto outcome = services::revoke_mandate(*request.store, portal_actor(v, request), id,
                                          portal_format("mandate_revoked_summary", l, {reference}));
  if (!outcome) return portal_unavailable(frame, outcome.error());
  if (outcome->refused) return portal_not_found(frame);
  return Response::redirect("/p/done/" + std::to_string(outcome->interaction_id));
}

}  // namespace kulanz::http
