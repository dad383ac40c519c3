#include "services/portal_card.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "money/money.hpp"
#include "services/allocation_service.hpp"
#include "services/dispatch.hpp"
#include "services/portal.hpp"
#include "services/portal_pay.hpp"

namespace kulanz::services {
namespace {

CardPaymentStart refused_start(std::string key) {
  CardPaymentStart s;
  s.refused = Refusal{"item", std::move(key), {}};
  return s;
}

std::string card_reference(std::int64_t id) { return "card-" + std::to_string(id); }

// The numbers of a paid attempt's items, for the payment's reference.
std::string item_numbers(const domain::CustomerLedger& ledger, const std::vector<domain::InvoiceId>& ids) {
  std::string out;
  for (const auto id : ids) {
    for (const auto& i : ledger.invoices) {
      if (i.id != id || i.number.empty()) continue;
      if (!out.empty()) out += ' ';
      out += i.number;
    }
  }
  return out;
}

const domain::Invoice* find_invoice(const domain::CustomerLedger& ledger, domain::InvoiceId id) {
  for (const auto& i : ledger.invoices) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> provider_method_types(const portal::PortalSettings& settings) {
  std::vector<std::string> out;
  if (settings.offers(portal::PaymentMethod::card) || settings.offers(portal::PaymentMethod::wallet)) {
    out.emplace_back("card");
  }
  if (settings.offers(portal::PaymentMethod::paypal)) out.emplace_back("paypal");
  return out;
}

base::Result<CardPaymentStart> start_card_payment(ports::LedgerStore& store, const portal::PortalSettings& settings,
                                                  const PortalActor& actor, const CardPaymentRequest& request,
                                                  const CreateCheckout& create) {
  const auto methods = provider_method_types(settings);
  if (methods.empty() || !create) return refused_start("card_not_offered");
  const auto creditor = actor.session.creditor_id;
  const auto customer_id = actor.session.customer_id;
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, customer_id));
  const auto items = payable_items(ledger, request.item, actor.today);
  if (items.empty()) return refused_start(request.item.empty() ? "pay_nothing_open" : "pay_no_item");

  ports::CardPaymentRecord p;
  p.creditor_id = creditor;
  p.customer_id = customer_id;
  p.status = "created";
  const auto* first = find_invoice(ledger, items.front().invoice_id);
  p.currency = std::string(first ? first->open.currency().code() : settings.currency.code());
  for (const auto& i : items) {
    if (i.pay_minor <= 0) continue;
    p.invoice_ids.push_back(i.invoice_id);
    p.skonto_minor.push_back(i.skonto_minor);
    p.amount_minor += i.pay_minor;
  }
  if (p.amount_minor <= 0) return refused_start("pay_nothing_open");
  p.language = actor.session.language == "en" ? "en" : "de";
  p.session_ref = portal_session_ref(actor.session);
  p.created_unix = actor.now_unix;
  p.updated_unix = actor.now_unix;
  KULANZ_TRY_STATUS(store.portal().add_card_payment(p));

  CheckoutOrder order;
  order.amount_minor = p.amount_minor;
  order.currency = p.currency;
  order.description = request.description;
  order.client_reference_id = card_reference(p.id);
  order.metadata = {{"customer", ledger.customer.external_id},
                    {"items", std::to_string(p.invoice_ids.size())}};
  order.success_url = request.public_url + "/p/pay/return/" + std::to_string(p.id) + "?session={CHECKOUT_SESSION_ID}";
  order.cancel_url = request.public_url + "/p/pay/return/" + std::to_string(p.id) + "?cancelled=1";
  if (!request.item.empty()) order.cancel_url += "&item=" + base::percent_encode(request.item);
  order.customer_email = request.customer_email;
  if (order.customer_email.empty()) {
    const auto* email = ledger.customer.contact(domain::Channel::email);
    if (email && !email->invalid && !email->address.empty()) order.customer_email = email->address;
  }
  order.locale = p.language;
  order.method_types = methods;
  order.idempotency_key = "kulanz-card-" + std::to_string(p.id);
  const CheckoutAnswer answer = create(order);

  CardPaymentStart out;
  out.card_payment_id = p.id;
  out.detail = base::utf8_prefix(answer.detail, 500);
  p.detail = out.detail;
  p.updated_unix = actor.now_unix;
  if (answer.created) {
    p.status = "open";
    p.provider_session = answer.session_id;
    p.page_url = answer.url;
    out.page_url = answer.url;
  } else {
    // A session the provider may have created without our knowing its address expires
    // unpaid; the payer starts again, which is a new attempt with a new key.
    p.status = "failed";
    out.provider_failed = true;
  }
  KULANZ_TRY_STATUS(store.portal().update_card_payment(p));
  return out;
}

base::Result<ProviderEventOutcome> record_provider_event(ports::LedgerStore& store, const ProviderEvent& event,
                                                         std::int64_t now_unix, const CardSummary& summarize) {
  ProviderEventOutcome out;
  const base::Status done = ports::in_transaction(store, [&]() -> base::Status {
    out = ProviderEventOutcome{};
    auto& portal = store.portal();
    KULANZ_TRY(found, portal.card_payment_by_session(event.session_id));
    std::int64_t attempt_id = found ? found->id : 0;
    auto remember = [&](std::string outcome) -> base::Status {
      out.outcome = std::move(outcome);
      KULANZ_TRY(fresh, portal.record_provider_event(event.event_id, event.type, attempt_id, out.outcome, now_unix));
      if (!fresh) out.outcome = "replay";
      return {};
    };
    if (!found) return remember(event.type.rfind("checkout.session.", 0) == 0 ? "unknown_session" : "ignored");
    ports::CardPaymentRecord p = std::move(*found);
    out.creditor = p.creditor_id;
    out.customer = p.customer_id;
    out.card_payment_id = p.id;
    out.payment_id = p.payment_id;
    out.interaction_id = p.interaction_id;
    if (event.client_reference_id != card_reference(p.id) ||
        (!event.currency.empty() && event.currency != p.currency)) {
      return remember("reference_mismatch");
    }
    if (!event.paid) {
      std::string outcome = event.expired ? "expired" : event.failed ? "failed" : "pending";
      if (event.type.rfind("checkout.session.", 0) != 0) outcome = "ignored";
      KULANZ_TRY_STATUS(remember(outcome));
      if (out.outcome == "replay" || p.status == "paid" || (outcome != "expired" && outcome != "failed")) return {};
      p.status = outcome;
      p.updated_unix = now_unix;
      return portal.update_card_payment(p);
    }
    if (p.status == "paid") return remember("already_booked");
    KULANZ_TRY_STATUS(remember("booked"));
    if (out.outcome == "replay") return {};

    // Book what arrived.
    const std::int64_t paid = event.amount_total.value_or(p.amount_minor);
    if (paid <= 0) return base::fail(base::ErrorCode::payment_event_invalid, "the paid amount is not positive");
    KULANZ_TRY(currency, money::Currency::from_code(p.currency));
    KULANZ_TRY(ledger, store.load_customer_ledger(p.creditor_id, p.customer_id));
    const calendar::Date value_date = calendar::Date::from_unix_utc(event.created > 0 ? event.created : now_unix);
    const std::string day = value_date.iso();
    if (paid == p.amount_minor) {
      for (std::size_t k = 0; k < p.invoice_ids.size() && k < p.skonto_minor.size(); ++k) {
        const auto* invoice = find_invoice(ledger, p.invoice_ids[k]);
        if (p.skonto_minor[k] <= 0 || !invoice || invoice->open.minor() < p.skonto_minor[k]) continue;
        domain::CreditNote n;
        n.customer_id = p.customer_id;
        n.external_id = "portal-skonto-" + std::to_string(p.id) + "-" + std::to_string(invoice->id.value);
        n.number = "Skonto " + (invoice->number.empty() ? invoice->external_id : invoice->number);
        n.issue_date = value_date;
        n.amount = money::Money(p.skonto_minor[k], currency);
        n.invoice_id = invoice->id;
        KULANZ_TRY(written, store.upsert_credit_note(p.creditor_id, n));
        (void)written;
      }
    }
    domain::Payment payment;
    payment.customer_id = p.customer_id;
    payment.external_id = "portal-card-" + std::to_string(p.id);
    payment.value_date = value_date;
    payment.amount = money::Money(paid, currency);
    payment.reference = event.session_id + " " + item_numbers(ledger, p.invoice_ids);
    KULANZ_TRY(booked, store.upsert_payment(p.creditor_id, payment));
    (void)booked;
    KULANZ_TRY(allocated, reallocate(store, p.creditor_id, {p.customer_id}));
    (void)allocated;

    ports::PortalInteraction i;
    i.customer_id = p.customer_id;
    i.kind = "payment";
    i.summary = summarize ? summarize(p, paid) : std::string();
    i.detail_json = "{\"card_payment_id\":" + std::to_string(p.id) + ",\"amount_minor\":" + std::to_string(paid) +
                    ",\"currency\":" + base::json_quote(p.currency) +
                    ",\"payment\":" + base::json_quote(payment.external_id) +
                    ",\"provider_session\":" + base::json_quote(event.session_id) + "}";
    i.session_ref = p.session_ref;
    i.created_unix = now_unix;
    KULANZ_TRY_STATUS(portal.add_portal_interaction(p.creditor_id, i));

    p.status = "paid";
    p.paid_minor = paid;
    p.payment_id = payment.id.value;
    p.payment_intent = event.payment_intent;
    p.interaction_id = i.id;
    p.updated_unix = now_unix;
    KULANZ_TRY_STATUS(portal.update_card_payment(p));
    out.payment_id = p.payment_id;
    out.interaction_id = i.id;

    // The creditor's systems learn of the payment like of any other event.
    std::string items = "[";
    for (std::size_t k = 0; k < p.invoice_ids.size(); ++k) {
      const auto* invoice = find_invoice(ledger, p.invoice_ids[k]);
      if (!invoice) continue;
      if (items.size() > 1) items += ',';
      items += "{\"external_id\":" + base::json_quote(invoice->external_id) +
               ",\"skonto_minor\":" + std::to_string(paid == p.amount_minor ? p.skonto_minor[k] : 0) + "}";
    }
    items += "]";
    const std::string data =
        "{\"payment\":{\"external_id\":" + base::json_quote(payment.external_id) +
        ",\"customer\":" + base::json_quote(ledger.customer.external_id) + ",\"value_date\":\"" + day +
        "\",\"amount\":" + base::json_quote(money::format_decimal(paid, currency.exponent())) +
        ",\"amount_minor\":" + std::to_string(paid) + ",\"currency\":" + base::json_quote(p.currency) +
        ",\"method\":\"provider\",\"provider_session\":" + base::json_quote(event.session_id) +
        ",\"payment_intent\":" + base::json_quote(event.payment_intent) + ",\"items\":" + items + "}}";
    auto queued = queue_event(store, p.creditor_id, "payment.received", "card:" + std::to_string(p.id), data, now_unix);
    if (!queued) return base::fail(std::move(queued).error());
    return {};
  });
  if (!done) return base::fail(done.error());
  return out;
}

}  // namespace kulanz::services
