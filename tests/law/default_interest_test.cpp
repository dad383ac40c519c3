// §288 BGB default interest: worked examples computed by hand.
//
// Formula per period: principal_cents * rate_bp * days / (10000 * 365), rounded half up;
// the total is the sum of the rounded periods. Rates from data/law/basiszinssatz.csv:
// 2023-01-01 1.62, 2024-01-01 3.62, 2024-07-01 3.37, 2025-01-01 2.27 (percent).
#include <gtest/gtest.h>

#include "law/default_interest.hpp"

namespace kulanz::law {
namespace {

using base::ErrorCode;
using money::Currency;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }
Money eur(std::int64_t cents) { return Money(cents, Currency::eur()); }

TEST(DefaultInterest, MarginsArePlusFiveAndPlusNinePoints) {
  EXPECT_EQ(default_interest_margin_bp(CustomerType::consumer), 500);
  EXPECT_EQ(default_interest_margin_bp(CustomerType::business), 900);
}

// 1,000.00 EUR, business debtor, 2024-06-01 .. 2024-07-31 (both included):
//   2024-06-01..06-30: 30 days at 3.62 + 9 = 12.62 %:
//     100000 * 1262 * 30 / 3650000 = 3786000000 / 3650000 = 1037.26 -> 10.37
//   2024-07-01..07-31: 31 days at 3.37 + 9 = 12.37 %:
//     100000 * 1237 * 31 / 3650000 = 3834700000 / 3650000 = 1050.60 -> 10.51
//   total 20.88
TEST(DefaultInterest, BusinessDebtorAcrossABaseRateChange) {
  auto b = default_interest(eur(100000), d("2024-06-01"), d("2024-07-31"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->days, 61);
  ASSERT_EQ(b->periods.size(), 2u);
  EXPECT_EQ(b->periods[0].from, d("2024-06-01"));
  EXPECT_EQ(b->periods[0].to, d("2024-06-30"));
  EXPECT_EQ(b->periods[0].days, 30);
  EXPECT_EQ(b->periods[0].base_rate_bp, 362);
  EXPECT_EQ(b->periods[0].rate_bp, 1262);
  EXPECT_EQ(b->periods[0].interest, eur(1037));
  EXPECT_EQ(b->periods[1].from, d("2024-07-01"));
  EXPECT_EQ(b->periods[1].to, d("2024-07-31"));
  EXPECT_EQ(b->periods[1].days, 31);
  EXPECT_EQ(b->periods[1].rate_bp, 1237);
  EXPECT_EQ(b->periods[1].interest, eur(1051));
  EXPECT_EQ(b->total, eur(2088));
}

// The same for a consumer (+5 points):
//   30 days at 8.62 %: 100000 * 862 * 30 / 3650000 = 2586000000 / 3650000 = 708.49 -> 7.08
//   31 days at 8.37 %: 100000 * 837 * 31 / 3650000 = 2594700000 / 3650000 = 710.88 -> 7.11
//   total 14.19
TEST(DefaultInterest, ConsumerDebtorAcrossABaseRateChange) {
  auto b = default_interest(eur(100000), d("2024-06-01"), d("2024-07-31"), CustomerType::consumer, builtin_base_rates());
  ASSERT_TRUE(b) << b.error().to_string();
  ASSERT_EQ(b->periods.size(), 2u);
  EXPECT_EQ(b->periods[0].rate_bp, 862);
  EXPECT_EQ(b->periods[0].interest, eur(708));
  EXPECT_EQ(b->periods[1].rate_bp, 837);
  EXPECT_EQ(b->periods[1].interest, eur(711));
  EXPECT_EQ(b->total, eur(1419));
}

// Leap year 2024, actual/365: all 366 days count, each as 1/365 of a year.
//   2024-01-01..06-30: 182 days at 12.62 %: 100000 * 1262 * 182 / 3650000 = 6292.71 -> 62.93
//   2024-07-01..12-31: 184 days at 12.37 %: 100000 * 1237 * 184 / 3650000 = 6235.84 -> 62.36
//   total 125.29 (slightly more than a year's worth: 366/365)
TEST(DefaultInterest, LeapYearCountsEveryDayOverThreeHundredSixtyFive) {
  auto b = default_interest(eur(100000), d("2024-01-01"), d("2024-12-31"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->days, 366);
  ASSERT_EQ(b->periods.size(), 2u);
  EXPECT_EQ(b->periods[0].days, 182);
  EXPECT_EQ(b->periods[0].interest, eur(6293));
  EXPECT_EQ(b->periods[1].days, 184);
  EXPECT_EQ(b->periods[1].interest, eur(6236));
  EXPECT_EQ(b->total, eur(12529));
}

// 29 February is a day like any other:
//   2024-02-28..03-01 = 3 days at 12.62 %: 100000 * 1262 * 3 / 3650000 = 103.73 -> 1.04
//   2023-02-28..03-01 = 2 days at 1.62 + 9 = 10.62 %: 100000 * 1062 * 2 / 3650000 = 58.19 -> 0.58
TEST(DefaultInterest, TwentyNinthOfFebruaryIsCounted) {
  auto leap = default_interest(eur(100000), d("2024-02-28"), d("2024-03-01"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(leap);
  EXPECT_EQ(leap->days, 3);
  EXPECT_EQ(leap->total, eur(104));
  auto plain = default_interest(eur(100000), d("2023-02-28"), d("2023-03-01"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->days, 2);
  EXPECT_EQ(plain->total, eur(58));
}

// One day, 2025-01-01, business: 11.27 %: 100000 * 1127 * 1 / 3650000 = 30.88 -> 0.31
TEST(DefaultInterest, OneDay) {
  auto b = default_interest(eur(100000), d("2025-01-01"), d("2025-01-01"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->days, 1);
  ASSERT_EQ(b->periods.size(), 1u);
  EXPECT_EQ(b->periods[0].days, 1);
  EXPECT_EQ(b->total, eur(31));
}

TEST(DefaultInterest, ZeroPrincipalGivesZeroWithTheBreakdown) {
  auto b = default_interest(eur(0), d("2024-06-01"), d("2024-07-31"), CustomerType::business, builtin_base_rates());
  ASSERT_TRUE(b);
  ASSERT_EQ(b->periods.size(), 2u);
  EXPECT_EQ(b->periods[0].interest, eur(0));
  EXPECT_EQ(b->periods[1].interest, eur(0));
  EXPECT_EQ(b->total, eur(0));
}

TEST(DefaultInterest, APeriodWithoutAKnownRateIsRefused) {
  auto b = default_interest(eur(100000), d("2026-06-01"), d("2026-07-01"), CustomerType::business, builtin_base_rates());
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::base_rate_unknown);
  EXPECT_NE(b.error().detail.find("2026-06-01 .. 2026-07-01"), std::string::npos) << b.error().detail;
  // The last known day itself is fine.
  EXPECT_TRUE(default_interest(eur(100000), d("2026-06-01"), d("2026-06-30"), CustomerType::business, builtin_base_rates()));
}

TEST(DefaultInterest, RejectsNegativePrincipalAndReversedPeriod) {
  auto neg = default_interest(eur(-1), d("2024-06-01"), d("2024-06-30"), CustomerType::business, builtin_base_rates());
  ASSERT_FALSE(neg);
  EXPECT_EQ(neg.error().code, ErrorCode::invalid_argument);
  auto rev = default_interest(eur(100), d("2024-06-30"), d("2024-06-01"), CustomerType::business, builtin_base_rates());
  ASSERT_FALSE(rev);
  EXPECT_EQ(rev.error().code, ErrorCode::invalid_argument);
}

// Rounding is per period, half up. With an operator table 2024-01-01 1.00 and
// 2024-07-01 -4.00 (business: 10.00 % and 5.00 %), 18.25 EUR:
//   2024-06-30, 1 day:         1825 * 1000 * 1 / 3650000 = 0.5 -> 1 cent
//   2024-07-01..07-02, 2 days: 1825 *  500 * 2 / 3650000 = 0.5 -> 1 cent
//   total 2 cents (rounding only the exact total, 1.0 cent, would give 1 cent)
TEST(DefaultInterest, EachPeriodIsRoundedHalfUpAndTheTotalIsTheirSum) {
  auto table = parse_base_rates("2024-01-01,1.00\n2024-07-01,-4.00\n", "test.csv");
  ASSERT_TRUE(table) << table.error().to_string();
  auto b = default_interest(eur(1825), d("2024-06-30"), d("2024-07-02"), CustomerType::business, *table);
  ASSERT_TRUE(b) << b.error().to_string();
  ASSERT_EQ(b->periods.size(), 2u);
  EXPECT_EQ(b->periods[0].interest, eur(1));
  EXPECT_EQ(b->periods[1].interest, eur(1));
  EXPECT_EQ(b->total, eur(2));
}

// A negative base rate: 2016-07-01 -0.88, consumer 4.12 %, 1000.00 EUR for 365 days
// (2017-01-01..2017-12-31): 100000 * 412 * 365 / 3650000 = 4120 -> 41.20 exactly.
TEST(DefaultInterest, NegativeBaseRate) {
  auto b = default_interest(eur(100000), d("2017-01-01"), d("2017-12-31"), CustomerType::consumer, builtin_base_rates());
  ASSERT_TRUE(b);
  ASSERT_EQ(b->periods.size(), 1u);
  EXPECT_EQ(b->periods[0].base_rate_bp, -88);
  EXPECT_EQ(b->periods[0].rate_bp, 412);
  EXPECT_EQ(b->total, eur(4120));
}

// A large principal stays exact: 10,000,000,000.00 EUR at 12.62 %
// (2024-01-01..06-30, 182 days): 10^12 * 1262 * 182 / 3650000 = 62,927,123,287.67 -> 62,927,123,288 cents.
TEST(DefaultInterest, LargePrincipalIsExact) {
  auto b = default_interest(eur(1'000'000'000'000), d("2024-01-01"), d("2024-06-30"), CustomerType::business,
                            builtin_base_rates());
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->total, eur(62'927'123'288));
}

TEST(FlatFee, BusinessDebtorInDefaultOncePerClaim) {
  EXPECT_EQ(flat_fee_amount(), eur(4000));
  FlatFeeQuestion q;
  q.debtor = CustomerType::business;
  q.default_start = d("2026-03-16");
  q.as_of = d("2026-03-16");
  EXPECT_TRUE(flat_fee_applies(q).applies);
  q.already_charged = true;
  auto again = flat_fee_applies(q);
  EXPECT_FALSE(again.applies);
  EXPECT_NE(again.reason.find("once per claim"), std::string::npos);
}

TEST(FlatFee, NotForConsumersNotBeforeDefaultNotOnFeesOrInterest) {
  FlatFeeQuestion q;
  q.debtor = CustomerType::consumer;
  q.default_start = d("2026-03-16");
  q.as_of = d("2026-04-01");
  EXPECT_FALSE(flat_fee_applies(q).applies);
  EXPECT_NE(flat_fee_applies(q).reason.find("consumer"), std::string::npos);

  q.debtor = CustomerType::business;
  q.as_of = d("2026-03-15");
  EXPECT_FALSE(flat_fee_applies(q).applies);
  q.default_start.reset();
  q.as_of = d("2026-04-01");
  EXPECT_FALSE(flat_fee_applies(q).applies);

  q.default_start = d("2026-03-16");
  q.claim_kind = domain::ItemKind::interest;
  EXPECT_FALSE(flat_fee_applies(q).applies);
  q.claim_kind = domain::ItemKind::fee;
  EXPECT_FALSE(flat_fee_applies(q).applies);
}

}  // namespace
}  // namespace kulanz::law
