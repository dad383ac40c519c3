#pragma once
// Skonto: an early-payment discount agreed on the invoice. A payment made within the
// discount period that equals the discounted amount settles the invoice in full.
#include <optional>

#include "domain/types.hpp"

namespace kulanz::law {

struct SkontoTerms {
  money::Money discount;           // round_half_up(amount * basis_points / 10000)
  money::Money discounted_amount;  // amount - discount: what settles the invoice
  calendar::Date last_day;         // issue date + skonto_days, inclusive
};

// The invoice's discount terms, or nullopt if it grants none (basis points not in 1..10000,
// negative days, or an amount that is not positive).
std::optional<SkontoTerms> skonto_terms(const domain::Invoice& invoice);

// True when `amount`, paid on `payment_date`, is exactly the discounted amount (same
// currency) and the payment date is not after the last day of the discount period.
bool skonto_settles(const domain::Invoice& invoice, calendar::Date payment_date, const money::Money& amount);

}  // namespace kulanz::law
