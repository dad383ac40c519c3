#pragma once
// §270a BGB: no surcharge (Entgelt) for paying by SEPA credit transfer, SEPA direct debit,
// or — for consumers — by a payment card. Configuration that tries one is rejected.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/result.hpp"
#include "domain/types.hpp"

namespace kulanz::law {

enum class PaymentMethod { sepa_transfer, sepa_direct_debit, card, cash, other };
std::string_view to_string(PaymentMethod);
base::Result<PaymentMethod> parse_payment_method(std::string_view);  // the names of to_string

// One configured surcharge: a fixed amount and/or a percentage for one payment method.
struct SurchargeRule {
  PaymentMethod method = PaymentMethod::other;
  // The customers it would be charged to; nullopt = every customer (consumers included).
  std::optional<domain::CustomerType> customer_type;
  std::int64_t fixed_minor = 0;   // in the creditor's currency
  std::int32_t basis_points = 0;  // of the amount paid
};

// Checks each rule on its own; the first rule that is not allowed is the error:
// surcharge_forbidden (citing §270a BGB) for a SEPA transfer, a SEPA direct debit or a card
// payment that a consumer could be charged; invalid_argument for a negative surcharge.
// A rule with both amounts zero is no surcharge and always allowed.
base::Status validate_surcharges(std::span<const SurchargeRule> rules);

}  // namespace kulanz::law
