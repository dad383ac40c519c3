#pragma once
// What the portal's pay page offers (docs/PORTAL.md): the amount to pay for all open items
// or one of them, Skonto while an invoice's discount period runs, and the bank transfer
// with the creditor's account, the RF reference and the GiroCode payload.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "domain/ledger.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

struct PayItem {
  domain::InvoiceId invoice_id;
  std::string external_id;
  std::string number;
  domain::ItemKind kind = domain::ItemKind::invoice;
  calendar::Date due_date;
  std::int64_t open_minor = 0;
  std::int64_t pay_minor = 0;                 // open minus the Skonto while it applies
  std::int64_t skonto_minor = 0;              // 0: no discount (any more)
  std::optional<calendar::Date> skonto_until; // last day of the discount period
};

struct PaymentOffer {
  std::string currency;
  std::vector<PayItem> items;                  // by due date
  std::int64_t open_minor = 0;                 // sum of what is open
  std::int64_t pay_minor = 0;                  // what settles the items today (Skonto deducted)
  std::int64_t skonto_minor = 0;               // sum of the discounts
  std::optional<calendar::Date> skonto_until;  // the earliest last day among them
  // The bank transfer; holder and iban empty when the creditor keeps no bank details.
  std::string holder, iban, bic, bank_name;
  std::string reference;    // RF reference for exactly these items and pay_minor
  std::string epc_payload;  // GiroCode payload (euro only); empty otherwise
};

// The customer's open items (or the one with external id `item`) by due date, each with
// what settles it at `as_of` (Skonto deducted while it applies). Pure.
std::vector<PayItem> payable_items(const domain::CustomerLedger& ledger, std::string_view item, calendar::Date as_of);

// The offer for the customer's open items at `as_of`, or for the one with external id
// `item` (not_found when the customer has no open item of that id). Writes (or reuses)
// the payment reference, like a letter does. Nothing open: items empty, no reference.
base::Result<PaymentOffer> portal_payment_offer(ports::LedgerStore& store, domain::CreditorId creditor,
                                                domain::CustomerId customer, std::string_view item,
                                                calendar::Date as_of, std::int64_t now_unix);

}  // namespace kulanz::services
