// The pay page: what to pay (all open items or one), Skonto while it applies, the bank
// transfer with the GiroCode and RF reference, and the other ways to pay the creditor
// offers.
#include "base/text.hpp"
#include "documents/iban.hpp"
#include "documents/qr_code.hpp"
#include "http/portal_pages.hpp"
#include "http/portal_text.hpp"
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
      id.set("skonto_text", portal_format("pay_skonto_item", l, {portal_date(*i.skonto_until, l), money(i.pay_minor)}));
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
  d.set("direct_debit", has_items && v.settings().offers(portal::PaymentMethod::direct_debit) &&
                            !v.settings().creditor_identifier.empty());
  if (!item.empty()) d.set("all_href", "/p/pay");
  return portal_page(200, frame, "portal_pay", d);
}

}  // namespace kulanz::http
