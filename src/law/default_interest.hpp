#pragma once
// §288 BGB default interest (Verzugszinsen) and the €40 flat fee (§288 Abs. 5 BGB).
//
// Conventions (docs/LAW.md): both ends of the period count (from = first day of default,
// to = last day interest accrues); day count actual/365, also in leap years; the period
// is split wherever the base rate changes; each part's interest is rounded half up to the
// minor unit and the total is the sum of the rounded parts, so the breakdown adds up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/types.hpp"
#include "law/base_rate.hpp"
#include "money/money.hpp"

namespace kulanz::law {

using domain::CustomerType;
using money::Money;

inline constexpr std::int32_t kConsumerMarginBp = 500;  // §288 Abs. 1: 5 points above the base rate
inline constexpr std::int32_t kBusinessMarginBp = 900;  // §288 Abs. 2: 9 points, no consumer involved
inline constexpr std::int32_t kDayCountBasis = 365;     // actual/365

// Points above the base rate for a debtor: +5 with a consumer involved, +9 otherwise.
std::int32_t default_interest_margin_bp(CustomerType debtor);

struct InterestPeriod {
  Date from;  // inclusive
  Date to;    // inclusive
  std::int32_t days = 0;
  std::int32_t base_rate_bp = 0;
  std::int32_t rate_bp = 0;  // base rate + margin
  Money interest;            // principal * rate_bp / 10000 * days / 365, rounded half up
};

struct InterestBreakdown {
  Money principal;
  Date from;
  Date to;
  std::int32_t days = 0;
  CustomerType debtor = CustomerType::business;
  std::vector<InterestPeriod> periods;  // chronological, one per base-rate span
  Money total;                          // sum of the periods' interest
};

// Default interest on `principal` (>= 0) for every day from `from` to `to` (inclusive).
// Fails with base_rate_unknown if any day has no confirmed base rate in `table`, and with
// invalid_argument for a negative principal or a period that ends before it starts.
base::Result<InterestBreakdown> default_interest(const Money& principal, Date from, Date to, CustomerType debtor,
                                                 const BaseRateTable& table);

// The €40 flat fee of §288 Abs. 5 BGB.
Money flat_fee_amount();

struct FlatFeeQuestion {
  CustomerType debtor = CustomerType::business;
  domain::ItemKind claim_kind = domain::ItemKind::invoice;  // the claim the fee would be charged for
  std::optional<Date> default_start;                        // first day of default (§286), if any
  Date as_of;
  bool already_charged = false;                             // a flat fee was already charged for this claim
};

struct FlatFeeAnswer {
  bool applies = false;
  std::string reason;  // why (not), citing the rule
};

// The fee is owed once per claim for payment (an invoice, not a fee or interest item) when
// the debtor is not a consumer and is in default at `as_of`.
FlatFeeAnswer flat_fee_applies(const FlatFeeQuestion& q);

}  // namespace kulanz::law
