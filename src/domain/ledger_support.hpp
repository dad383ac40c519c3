#pragma once
// Small pure functions shared by the ledger computations.
#include "base/result.hpp"
#include "domain/ledger.hpp"

namespace kulanz::domain {

// The currency a customer's ledger is kept in: that of its first invoice, else its first
// credit note, else its first payment, else EUR. Records in other currencies are never
// combined with it (sums over them fail with currency_mismatch).
Currency ledger_currency(const CustomerLedger& ledger);

// total += amount, checked (overflow, currency mismatch).
base::Status add_into(Money& total, const Money& amount);
// total -= amount, checked.
base::Status subtract_from(Money& total, const Money& amount);

}  // namespace kulanz::domain
