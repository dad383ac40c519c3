// Skonto: discount = round_half_up(amount * basis_points / 10000); the discounted amount
// paid by the last day of the discount period settles the invoice.
#include <gtest/gtest.h>

#include "law/skonto.hpp"

namespace kulanz::law {
namespace {

using money::Currency;
using money::Money;

calendar::Date d(const char* iso) { return calendar::Date::parse_iso(iso).value(); }
Money eur(std::int64_t cents) { return Money(cents, Currency::eur()); }

domain::Invoice invoice(std::int64_t cents, std::int32_t bp, std::int32_t days) {
  domain::Invoice inv;
  inv.number = "RE-1";
  inv.issue_date = d("2026-03-01");
  inv.due_date = d("2026-03-31");
  inv.amount = eur(cents);
  inv.open = eur(cents);
  inv.skonto_basis_points = bp;
  inv.skonto_days = days;
  return inv;
}

// 1,190.00 EUR, 2 % within 10 days of 2026-03-01: discount 23.80, pay 1,166.20 by 2026-03-11.
TEST(Skonto, TermsOfATypicalInvoice) {
  auto t = skonto_terms(invoice(119000, 200, 10));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->discount, eur(2380));
  EXPECT_EQ(t->discounted_amount, eur(116620));
  EXPECT_EQ(t->last_day, d("2026-03-11"));
}

TEST(Skonto, LastDayOfThePeriodSettlesTheDayAfterDoesNot) {
  auto inv = invoice(119000, 200, 10);
  EXPECT_TRUE(skonto_settles(inv, d("2026-03-11"), eur(116620)));
  EXPECT_TRUE(skonto_settles(inv, d("2026-03-01"), eur(116620)));
  EXPECT_TRUE(skonto_settles(inv, d("2026-02-27"), eur(116620)));  // paid before the invoice date
  EXPECT_FALSE(skonto_settles(inv, d("2026-03-12"), eur(116620)));
}

TEST(Skonto, OneCentOffDoesNotSettle) {
  auto inv = invoice(119000, 200, 10);
  EXPECT_FALSE(skonto_settles(inv, d("2026-03-05"), eur(116619)));
  EXPECT_FALSE(skonto_settles(inv, d("2026-03-05"), eur(116621)));
}

// 100.25 EUR at 3 %: 300.75 cents -> 301 -> pay 97.24.
// 0.50 EUR at 1 %: 0.5 cent -> 1 (half up) -> pay 0.49.
// 10.10 EUR at 2.5 %: 25.25 cents -> 25 -> pay 9.85.
TEST(Skonto, DiscountIsRoundedHalfUp) {
  EXPECT_EQ(skonto_terms(invoice(10025, 300, 14))->discounted_amount, eur(9724));
  EXPECT_EQ(skonto_terms(invoice(50, 100, 14))->discount, eur(1));
  EXPECT_EQ(skonto_terms(invoice(1010, 250, 14))->discounted_amount, eur(985));
  EXPECT_TRUE(skonto_settles(invoice(10025, 300, 14), d("2026-03-15"), eur(9724)));
}

TEST(Skonto, NoTermsNoSettlementAndNoCurrencyMixing) {
  EXPECT_FALSE(skonto_terms(invoice(119000, 0, 10)));
  EXPECT_FALSE(skonto_terms(invoice(119000, 10001, 10)));
  EXPECT_FALSE(skonto_terms(invoice(119000, 200, -1)));
  EXPECT_FALSE(skonto_settles(invoice(119000, 0, 10), d("2026-03-02"), eur(119000)));
  auto usd = Money(116620, Currency::from_code("USD").value());
  EXPECT_FALSE(skonto_settles(invoice(119000, 200, 10), d("2026-03-02"), usd));
  // Zero days: only payments up to the issue date itself.
  EXPECT_TRUE(skonto_settles(invoice(119000, 200, 0), d("2026-03-01"), eur(116620)));
  EXPECT_FALSE(skonto_settles(invoice(119000, 200, 0), d("2026-03-02"), eur(116620)));
}

}  // namespace
}  // namespace kulanz::law
