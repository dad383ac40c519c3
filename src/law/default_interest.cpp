#include "law/default_interest.hpp"

namespace kulanz::law {

using base::ErrorCode;

std::int32_t default_interest_margin_bp(CustomerType debtor) {
  return debtor == CustomerType::consumer ? kConsumerMarginBp : kBusinessMarginBp;
}

base::Result<InterestBreakdown> default_interest(const Money& principal, Date from, Date to, CustomerType debtor,
                                                 const BaseRateTable& table) {
  if (!principal.currency().valid()) return base::fail(ErrorCode::currency_unknown, "the principal has no currency");
  if (principal.is_negative()) {
    return base::fail(ErrorCode::invalid_argument,
                      "the principal " + principal.to_decimal_string() + " is negative; interest accrues only on an amount owed",
                      "principal");
  }
  auto spans = table.spans(from, to);
  if (!spans) return base::fail(std::move(spans).error());

  InterestBreakdown out;
  out.principal = principal;
  out.from = from;
  out.to = to;
  out.days = from.days_until(to) + 1;
  out.debtor = debtor;
  out.total = Money::zero(principal.currency());
  const std::int32_t margin = default_interest_margin_bp(debtor);
  for (const auto& span : *spans) {
    InterestPeriod p;
    p.from = span.from;
    p.to = span.to;
    p.days = span.from.days_until(span.to) + 1;
    p.base_rate_bp = span.rate_bp;
    p.rate_bp = span.rate_bp + margin;
    // principal * (rate_bp / 10000) * (days / 365), exact in 128 bits, rounded once.
    auto interest = principal.scaled(static_cast<std::int64_t>(p.rate_bp) * p.days,
                                     std::int64_t{10000} * kDayCountBasis, money::Rounding::half_up);
    if (!interest) return base::fail(std::move(interest).error());
    p.interest = *interest;
    auto total = out.total.plus(p.interest);
    if (!total) return base::fail(std::move(total).error());
    out.total = *total;
    out.periods.push_back(p);
  }
  return out;
}

Money flat_fee_amount() { return Money(4000, money::Currency::eur()); }

FlatFeeAnswer flat_fee_applies(const FlatFeeQuestion& q) {
  if (q.debtor == CustomerType::consumer) {
    return {false, "the debtor is a consumer (§288 Abs. 5 BGB applies only to debtors who are not consumers)"};
  }
  if (q.claim_kind != domain::ItemKind::invoice) {
    return {false, "the item is a " + std::string(domain::to_string(q.claim_kind)) +
                       ", not a claim for payment of a price (§288 Abs. 5 BGB)"};
  }
  if (!q.default_start || q.as_of < *q.default_start) {
    return {false, "the debtor is not in default on " + q.as_of.iso() + " (§286 BGB)"};
  }
  if (q.already_charged) return {false, "it was already charged for this claim (once per claim)"};
  return {true, "business debtor in default since " + q.default_start->iso() +
                    ", once per claim (§288 Abs. 5 BGB)"};
}

}  // namespace kulanz::law
