#include "services/portal_pay.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "documents/epc_payload.hpp"
#include "domain/ledger.hpp"
#include "law/skonto.hpp"
#include "services/account_statement.hpp"

namespace kulanz::services {

std::vector<PayItem> payable_items(const domain::CustomerLedger& ledger, std::string_view item, calendar::Date as_of) {
  std::vector<PayItem> out;
  for (const auto& i : ledger.invoices) {
    if (i.open.minor() <= 0) continue;
    if (!item.empty() && i.external_id != item) continue;
    PayItem p;
    p.invoice_id = i.id;
    p.external_id = i.external_id;
    p.number = i.number;
    p.kind = i.kind;
    p.due_date = i.due_date;
    p.open_minor = i.open.minor();
    p.pay_minor = p.open_minor;
    // The discount settles the invoice when what is paid within the period equals the
    // discounted amount: what is left to pay is the open amount minus the discount.
    if (auto terms = law::skonto_terms(i); terms && as_of <= terms->last_day && p.open_minor > terms->discount.minor()) {
      p.skonto_minor = terms->discount.minor();
      p.pay_minor = p.open_minor - p.skonto_minor;
      p.skonto_until = terms->last_day;
    }
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const PayItem& a, const PayItem& b) { return a.due_date < b.due_date; });
  return out;
}

base::Result<PaymentOffer> portal_payment_offer(ports::LedgerStore& store, domain::CreditorId creditor,
                                                domain::CustomerId customer, std::string_view item,
                                                calendar::Date as_of, std::int64_t now_unix) {
  KULANZ_TRY(ledger, store.load_customer_ledger(creditor, customer));
  KULANZ_TRY(creditors, store.list_creditors());
  auto cr = std::find_if(creditors.begin(), creditors.end(), [&](const auto& c) { return c.id == creditor; });
  if (cr == creditors.end()) return base::fail(base::ErrorCode::creditor_unknown, "no such creditor");
  KULANZ_TRY(profile, store.creditor_profile(creditor));

  PaymentOffer out;
  out.currency = std::string(cr->currency.code());
  if (!ledger.invoices.empty()) out.currency = std::string(ledger.invoices.front().amount.currency().code());
  out.items = payable_items(ledger, item, as_of);
  if (!item.empty() && out.items.empty()) {
    return base::fail(base::ErrorCode::not_found, "the customer has no open item with this id", "item");
  }
  for (const auto& i : out.items) {
    out.open_minor += i.open_minor;
    out.pay_minor += i.pay_minor;
    out.skonto_minor += i.skonto_minor;
    if (i.skonto_until && (!out.skonto_until || *i.skonto_until < *out.skonto_until)) out.skonto_until = i.skonto_until;
  }

  const domain::CreditorProfile p = profile.value_or(domain::CreditorProfile{});
  if (!p.iban.empty()) {
    out.holder = p.legal_name.empty() ? cr->name : p.legal_name;
    out.iban = p.iban;
    out.bic = p.bic;
    out.bank_name = p.bank_name;
  }
  if (out.pay_minor <= 0) return out;
  std::vector<domain::InvoiceId> ids;
  for (const auto& i : out.items) ids.push_back(i.invoice_id);
  KULANZ_TRY(rf, rf_reference_for(store, creditor, customer, ids, out.pay_minor, out.currency, now_unix));
  out.reference = rf;
  if (!out.iban.empty() && out.currency == "EUR" && out.pay_minor <= documents::epc_max_amount_minor) {
    documents::CreditTransfer t;
    t.bic = out.bic;
    t.name = std::string(base::utf8_prefix(out.holder, documents::epc_max_name_chars));
    t.iban = out.iban;
    t.amount_minor = out.pay_minor;
    t.reference = out.reference;
    KULANZ_TRY(payload, documents::epc_payload(t));
    out.epc_payload = payload;
  }
  return out;
}

}  // namespace kulanz::services
