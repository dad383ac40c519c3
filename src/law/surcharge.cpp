#include "law/surcharge.hpp"

#include <string>

namespace kulanz::law {
namespace {

using base::ErrorCode;

base::Status check_rule(const SurchargeRule& r, std::size_t index) {
  const std::string where = "surcharges[" + std::to_string(index) + "]";
  if (r.fixed_minor < 0 || r.basis_points < 0) {
    return base::fail(ErrorCode::invalid_argument, "a surcharge cannot be negative; configure a discount elsewhere", where);
  }
  if (r.fixed_minor == 0 && r.basis_points == 0) return {};
  const std::string method(to_string(r.method));
  switch (r.method) {
    case PaymentMethod::sepa_transfer:
    case PaymentMethod::sepa_direct_debit:
      return base::fail(ErrorCode::surcharge_forbidden,
                        "no surcharge may be charged for payment by " + method +
                            " (§270a Satz 1 BGB: SEPA credit transfers and direct debits in euro); remove this rule",
                        where);
    case PaymentMethod::card:
      if (r.customer_type == domain::CustomerType::business) return {};
      return base::fail(ErrorCode::surcharge_forbidden,
                        "no surcharge may be charged to a consumer for payment by card (§270a Satz 2 BGB); limit the rule "
                        "to business customers or remove it",
                        where);
    case PaymentMethod::cash:
    case PaymentMethod::other:
      return {};
  }
  return {};
}

}  // namespace

std::string_view to_string(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::sepa_transfer: return "sepa_transfer";
    case PaymentMethod::sepa_direct_debit: return "sepa_direct_debit";
    case PaymentMethod::card: return "card";
    case PaymentMethod::cash: return "cash";
    case PaymentMethod::other: return "other";
  }
  return "other";
}

base::Result<PaymentMethod> parse_payment_method(std::string_view s) {
  for (auto m : {PaymentMethod::sepa_transfer, PaymentMethod::sepa_direct_debit, PaymentMethod::card, PaymentMethod::cash,
                 PaymentMethod::other}) {
    if (s == to_string(m)) return m;
  }
  return base::fail(ErrorCode::enum_invalid,
                    "'" + std::string(s) + "' is not a payment method (sepa_transfer, sepa_direct_debit, card, cash, other)",
                    "method");
}

base::Status validate_surcharges(std::span<const SurchargeRule> rules) {
  for (std::size_t i = 0; i < rules.size(); ++i) KULANZ_TRY_STATUS(check_rule(rules[i], i));
  return {};
}

}  // namespace kulanz::law
