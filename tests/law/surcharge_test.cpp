// §270a BGB: surcharges for SEPA transfers, SEPA direct debits and consumers' card
// payments are rejected.
#include <gtest/gtest.h>

#include "law/surcharge.hpp"

namespace kulanz::law {
namespace {

using base::ErrorCode;
using domain::CustomerType;

SurchargeRule rule(PaymentMethod m, std::optional<CustomerType> who, std::int64_t fixed, std::int32_t bp) {
  return SurchargeRule{m, who, fixed, bp};
}

void expect_forbidden(const std::vector<SurchargeRule>& rules, const char* field, const char* part) {
  auto st = validate_surcharges(rules);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::surcharge_forbidden);
  EXPECT_EQ(st.error().field, field);
  EXPECT_NE(st.error().detail.find("§270a"), std::string::npos) << st.error().detail;
  EXPECT_NE(st.error().detail.find(part), std::string::npos) << st.error().detail;
}

TEST(Surcharge, SepaTransferIsRejectedForEveryone) {
  expect_forbidden({rule(PaymentMethod::sepa_transfer, CustomerType::business, 100, 0)}, "surcharges[0]", "sepa_transfer");
  expect_forbidden({rule(PaymentMethod::sepa_transfer, std::nullopt, 0, 50)}, "surcharges[0]", "sepa_transfer");
}

TEST(Surcharge, SepaDirectDebitIsRejected) {
  expect_forbidden({rule(PaymentMethod::cash, std::nullopt, 200, 0),
                    rule(PaymentMethod::sepa_direct_debit, CustomerType::consumer, 0, 100)},
                   "surcharges[1]", "sepa_direct_debit");
}

TEST(Surcharge, CardIsRejectedWhenAConsumerCouldPayIt) {
  expect_forbidden({rule(PaymentMethod::card, CustomerType::consumer, 0, 150)}, "surcharges[0]", "consumer");
  expect_forbidden({rule(PaymentMethod::card, std::nullopt, 0, 150)}, "surcharges[0]", "consumer");
}

TEST(Surcharge, AllowedCases) {
  std::vector<SurchargeRule> ok = {
      rule(PaymentMethod::card, CustomerType::business, 0, 150),  // business cards
      rule(PaymentMethod::cash, std::nullopt, 300, 0),
      rule(PaymentMethod::other, CustomerType::consumer, 100, 0),
      rule(PaymentMethod::sepa_transfer, std::nullopt, 0, 0),  // zero is no surcharge
  };
  EXPECT_TRUE(validate_surcharges(ok));
  EXPECT_TRUE(validate_surcharges({}));
}

TEST(Surcharge, NegativeIsInvalid) {
  std::vector<SurchargeRule> bad = {rule(PaymentMethod::cash, std::nullopt, -100, 0)};
  auto st = validate_surcharges(bad);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::invalid_argument);
}

TEST(PaymentMethodNames, RoundTripAndRejectUnknown) {
  for (auto m : {PaymentMethod::sepa_transfer, PaymentMethod::sepa_direct_debit, PaymentMethod::card, PaymentMethod::cash,
                 PaymentMethod::other}) {
    EXPECT_EQ(parse_payment_method(to_string(m)).value(), m);
  }
  auto bad = parse_payment_method("bitcoin");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::enum_invalid);
}

}  // namespace
}  // namespace kulanz::law
