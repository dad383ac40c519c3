// The pay page: what to pay (all open items or one), Skonto while it applies, the bank
// transfer with the GiroCode and RF reference, and the other ways to pay the creditor
// offers.
#include <spdlog/spdlog.h>

#include "base/text.hpp"
#include "documents/iban.hpp"
#include "documents/qr_code.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
#include "services/portal_card.hpp"
#include "services/portal_pay.hpp"

namespace kulanz::http {
namespace {

using domain::Language;

std::string item_label(const services::PayItem& i, Language l) {
  switch (i.kind) {
    case domain::ItemKind::fee: return std::string(portal_text("kind_fee", l));
    case domain::ItemKind::interest: return std::string(portal_text("kind_interest", l));
    case domain::ItemKind::invoice: break;
  }
  return portal_format("kind_invoice", l, {i.number});
}

// What the provider's page offers, in words: "Karte, PayPal, Apple Pay oder Google Pay".
std::string online_methods(const portal::PortalSettings& s, Language l) {
  std::vector<std::string> names;
  if (s.offers(portal::PaymentMethod::card)) names.emplace_back(portal_text("method_card", l));
  if (s.offers(portal::PaymentMethod::paypal)) names.emplace_back("PayPal");
  if (s.offers(portal::PaymentMethod::wallet)) {
    names.emplace_back("Apple Pay");
    names.emplace_back("Google Pay");
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? std::string(portal_text("list_or", l)) : std::string(", ");
    out += names[i];
  }
  return out;
}

bool online_offered(const PortalView& v, const PortalState& state) {
  return state.options.create_checkout && !state.options.public_url.empty() &&
         !services::provider_method_types(v.settings()).empty();
}

}  // namespace

Response portal_pay_page(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  const std::string item = request.query_param("item").value_or("");
  auto frame = frame_of(v, state, std::string(portal_text("pay_heading", l)),
                        item.empty() ? "/p/pay" : "/p/pay?item=" + base::percent_encode(item), "overview");
  if (item.size() > 200) return portal_not_found(frame);
  auto offer = services::portal_payment_offer(*request.store, v.session.creditor_id, v.session.customer_id, item,
                                              portal_today(request), request.now_unix);
  if (!offer && offer.error().code == base::ErrorCode::not_found) {
    return portal_message(404, frame, portal_text("pay_heading", l), portal_text("pay_no_item", l), "/p/pay",
                          portal_text("pay_other_items", l));
  }
  if (!offer) return portal_unavailable(frame, offer.error());
  const auto& o = *offer;
  auto money = [&](std::int64_t minor) { return portal_money(minor, o.currency, l); };

  Data d;
  if (!item.empty() && o.items.size() == 1) {
    frame.title = portal_format("pay_item_heading", l, {item_label(o.items.front(), l)});
    d.set("single", true);
  }
  d.set("heading", frame.title);
  const bool has_items = !o.items.empty() && o.pay_minor > 0;
  d.set("has_items", has_items);
  d.set("pay_amount", money(o.pay_minor));
  if (o.skonto_minor > 0 && o.skonto_until) {
    d.set("skonto_text", portal_format("pay_skonto", l, {portal_date(*o.skonto_until, l), money(o.skonto_minor),
                                                         money(o.pay_minor), money(o.open_minor)}));
  }
  Data items{Data::type::list};
  for (const auto& i : o.items) {
    Data id;
    id.set("label", item_label(i, l));
    id.set("amount", money(i.open_minor));
    id.set("due_text", portal_format(i.due_date < portal_today(request) ? "overdue_since" : "due_on", l,
                                     {portal_date(i.due_date, l)}));
    if (i.skonto_minor > 0 && i.skonto_until) {
      id.set("item_skonto_text", portal_format("pay_skonto_item", l, {portal_date(*i.skonto_until, l), money(i.pay_minor)}));
    }
    items.push_back(id);
  }
  d.set("items", items);

  // The bank transfer.
  const bool transfer = v.settings().offers(portal::PaymentMethod::transfer) && !o.iban.empty() && has_items;
  d.set("transfer", transfer);
  if (has_items && v.settings().offers(portal::PaymentMethod::transfer) && o.iban.empty()) d.set("transfer_none", true);
  if (transfer) {
    d.set("payee", o.holder);
    d.set("iban", documents::format_iban(o.iban));
    set_text(d, "bic", o.bic);
    set_text(d, "bank_name", o.bank_name);
    d.set("reference", o.reference);
    if (!o.epc_payload.empty()) {
      auto qr = documents::encode_qr(o.epc_payload);
      if (qr) {
        d.set("girocode", documents::qr_svg(*qr, portal_format("girocode_label", l, {money(o.pay_minor), o.holder})));
      }
    }
    d.set("transfer_intro", std::string(portal_text(d.get("girocode") ? "transfer_intro" : "transfer_intro_no_code", l)));
  }
  if (has_items && online_offered(v, state)) {
    d.set("online", true);
    d.set("online_text", portal_format("online_text", l, {online_methods(v.settings(), l)}));
    d.set("online_button", portal_format("online_button", l, {money(o.pay_minor)}));
    d.set("csrf_token", v.session.csrf_token);
    set_text(d, "item", item);
  }
  d.set("direct_debit", has_items && v.settings().offers(portal::PaymentMethod::direct_debit) &&
                            !v.settings().creditor_identifier.empty());
  if (!item.empty()) d.set("all_href", "/p/pay");
  set_help(d, v, "payment");
  return portal_page(200, frame, "portal_pay", d);
}

Response portal_pay_checkout(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  const std::string item = form_field(request, "item");
  const std::string back = item.empty() ? "/p/pay" : "/p/pay?item=" + base::percent_encode(item);
  auto frame = frame_of(v, state, std::string(portal_text("pay_heading", l)), back, "overview");
  // Paying needs no light check: it changes nothing of the customer's and shows no document.
  if (!portal_form_ok(request, v.session)) return portal_form_expired(frame, back);
  if (item.size() > 200) return portal_not_found(frame);
  if (!online_offered(v, state)) {
    return portal_message(404, frame, portal_text("pay_heading", l), portal_text("online_not_offered", l), "/p/pay",
                          portal_text("pay_heading", l));
  }
  services::CardPaymentRequest order;
  order.item = item;
  order.public_url = state.options.public_url;
  order.description = portal_format("online_description", l, {brand_name(v.brand)});
  auto started = services::start_card_payment(*request.store, v.settings(), portal_actor(v, request), order,
                                              state.options.create_checkout);
  if (!started) return portal_unavailable(frame, started.error());
  if (started->refused) {
    const auto& key = started->refused->key;
    return portal_message(key == "pay_no_item" ? 404 : 422, frame, portal_text("pay_heading", l),
                          portal_text(key == "pay_nothing_open" ? "pay_nothing" : key, l), "/p/pay",
                          portal_text("pay_heading", l));
  }
  if (started->provider_failed) {
    spdlog::warn("portal: payment provider gave no session for attempt {}: {}", started->card_payment_id,
                 started->detail);
    return portal_message(502, frame, portal_text("online_failed_heading", l), portal_text("online_failed", l), back,
                          portal_text("online_again", l));
  }
  // On to the provider's page. Not by a redirect: the pay page's Content-Security-Policy
  // (form-action 'self') covers every redirect of its form, so the browser would stop one to
  // another origin. A page that goes on at once (and has a link, should it not) is a new
  // navigation.
  frame.title = std::string(portal_text("online_continue_heading", l));
  frame.refresh_url = started->page_url;
  Data d;
  d.set("url", started->page_url);
  auto r = portal_page(200, frame, "portal_continue", d);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response portal_pay_return(Request& request, const PortalState& state) {
  KULANZ_PORTAL_VIEW(v, request, state);
  const Language l = v.language;
  const std::string id_text = request.path_params["attempt"];
  auto frame = frame_of(v, state, std::string(portal_text("pay_heading", l)), "/p/pay/return/" + id_text, "overview");
  const std::int64_t id = portal_path_id(id_text);
  if (id <= 0) return portal_not_found(frame);
  auto found = request.store->portal().card_payment(v.session.creditor_id, v.session.customer_id, id);
  if (!found) return portal_unavailable(frame, found.error());
  if (!*found) return portal_not_found(frame);
  const auto& p = **found;
  if (p.status == "paid" && p.interaction_id > 0) {
    Response r;
    r.status = 303;
    r.set_header("Location", "/p/done/" + std::to_string(p.interaction_id));
    return r;
  }
  if (p.status == "expired" || p.status == "failed") {
    return portal_message(200, frame, portal_text("online_ended_heading", l), portal_text("online_ended", l), "/p/pay",
                          portal_text("online_again", l));
  }
  if (request.query_param("cancelled")) {
    // Back to paying what this attempt was for: its one item, or everything.
    std::string again = "/p/pay";
    const std::string item = request.query_param("item").value_or("");
    if (!item.empty() && item.size() <= 200) again += "?item=" + base::percent_encode(item);
    return portal_message(200, frame, portal_text("online_cancelled_heading", l), portal_text("online_cancelled", l),
                          again, portal_text("online_again", l), false);
  }
  // The provider sent the payer back before its event arrived (it promises no order).
  auto r = portal_message(200, frame, portal_text("online_pending_heading", l), portal_text("online_pending", l),
                          "/p/pay/return/" + id_text, portal_text("online_refresh", l), false);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace kulanz::http
