#pragma once
// The customer's statement of account as a PDF letter (the portal offers it): every
// invoice, fee, interest item, credit note and payment from the first record to the day,
// with the running balance, and a payment box with GiroCode and RF reference for what is
// open. Also the RF reference of a set of items, shared with the letters.
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// The RF creditor reference (electronic form) for paying `amount_minor` on `items` of a
// customer: the same items and amount reuse their reference (decision 25).
base::Result<std::string> rf_reference_for(ports::LedgerStore& store, domain::CreditorId creditor,
                                           domain::CustomerId customer, std::vector<domain::InvoiceId> items,
                                           std::int64_t amount_minor, const std::string& currency,
                                           std::int64_t now_unix);

struct AccountStatement {
  std::string pdf;
  std::string file_name;  // "Kontoauszug-K-1001-2026-11-23.pdf"
  int entries = 0;
  std::int64_t closing_balance_minor = 0;
  std::string currency;
  std::string reference;  // RF for the open items; empty when nothing is open
};

base::Result<AccountStatement> compose_account_statement(ports::LedgerStore& store, domain::CreditorId creditor,
                                                         domain::CustomerId customer, calendar::Date as_of,
                                                         domain::Language language, std::int64_t now_unix);

}  // namespace kulanz::services
