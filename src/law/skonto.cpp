#include "law/skonto.hpp"

namespace kulanz::law {

std::optional<SkontoTerms> skonto_terms(const domain::Invoice& invoice) {
  if (invoice.skonto_basis_points <= 0 || invoice.skonto_basis_points > 10000) return std::nullopt;
  if (invoice.skonto_days < 0 || !invoice.amount.is_positive()) return std::nullopt;
  // discount <= amount, so neither step can overflow.
  auto discount = invoice.amount.scaled(invoice.skonto_basis_points, 10000, money::Rounding::half_up);
  if (!discount) return std::nullopt;
  auto discounted = invoice.amount.minus(*discount);
  if (!discounted) return std::nullopt;
  return SkontoTerms{*discount, *discounted, invoice.issue_date.add_days(invoice.skonto_days)};
}

bool skonto_settles(const domain::Invoice& invoice, calendar::Date payment_date, const money::Money& amount) {
  auto terms = skonto_terms(invoice);
  if (!terms) return false;
  return !(terms->last_day < payment_date) && amount == terms->discounted_amount;
}

}  // namespace kulanz::law
