// Money, currencies, rounding, remainder allocation, parsing and formatting.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "money/money.hpp"

namespace kulanz::money {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Currency cur(const char* code) { return Currency::from_code(code).value(); }
Money eur(std::int64_t minor) { return Money(minor, Currency::eur()); }

TEST(Currency, KnowsItsExponent) {
  EXPECT_EQ(cur("EUR").exponent(), 2);
  EXPECT_EQ(cur("EUR").scale(), 100);
  EXPECT_EQ(cur("JPY").exponent(), 0);
  EXPECT_EQ(cur("JPY").scale(), 1);
  EXPECT_EQ(cur("KWD").exponent(), 3);
  EXPECT_EQ(cur("KWD").scale(), 1000);
  EXPECT_EQ(cur(" usd ").code(), "USD");
  EXPECT_TRUE(cur("EUR") == Currency::eur());
  EXPECT_FALSE(Currency().valid());
  auto bad = Currency::from_code("EURO");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, base::ErrorCode::currency_unknown);
  EXPECT_FALSE(Currency::from_code("XYZ"));
}

TEST(Money, ArithmeticIsChecked) {
  EXPECT_EQ(eur(150).plus(eur(250)).value(), eur(400));
  EXPECT_EQ(eur(150).minus(eur(250)).value(), eur(-100));
  EXPECT_EQ(eur(-5).negated().value(), eur(5));
  auto over = eur(kMax).plus(eur(1));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, base::ErrorCode::money_overflow);
  auto under = eur(kMin).minus(eur(1));
  ASSERT_FALSE(under);
  EXPECT_EQ(under.error().code, base::ErrorCode::money_overflow);
  EXPECT_FALSE(eur(kMin).negated());
  auto mixed = eur(1).plus(Money(1, cur("USD")));
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, base::ErrorCode::currency_mismatch);
  EXPECT_FALSE(eur(1).minus(Money(1, cur("JPY"))));
}

TEST(Money, SumIsCheckedAndSingleCurrency) {
  std::vector<Money> ok{eur(1), eur(2), eur(3)};
  EXPECT_EQ(sum(ok, Currency::eur()).value(), eur(6));
  std::vector<Money> mixed{eur(1), Money(2, cur("USD"))};
  EXPECT_EQ(sum(mixed, Currency::eur()).error().code, base::ErrorCode::currency_mismatch);
  std::vector<Money> big{eur(kMax), eur(1)};
  EXPECT_EQ(sum(big, Currency::eur()).error().code, base::ErrorCode::money_overflow);
}

struct RoundingCase {
  std::int64_t a, n, d;
  std::int64_t half_up, half_even, toward_zero, away_from_zero;
};

TEST(MulDiv, RoundsInEveryModeForPositiveAndNegativeValues) {
  const std::vector<RoundingCase> cases = {
      {5, 1, 2, 3, 2, 2, 3},        // 2.5
      {7, 1, 2, 4, 4, 3, 4},        // 3.5
      {-5, 1, 2, -3, -2, -2, -3},   // -2.5
      {-7, 1, 2, -4, -4, -3, -4},   // -3.5
      {10, 1, 3, 3, 3, 3, 4},       // 3.33
      {20, 1, 3, 7, 7, 6, 7},       // 6.67
      {-20, 1, 3, -7, -7, -6, -7},  // -6.67
      {12, 1, 4, 3, 3, 3, 3},       // exact
      {0, 5, 7, 0, 0, 0, 0},
      {10000, 250, 10000, 250, 250, 250, 250},  // 2.5 % of 100.00
      {1999, 200, 10000, 40, 40, 39, 40},      // 2 % of 19.99 = 0.3998
      {1025, 200, 10000, 21, 20, 20, 21},      // 2 % of 10.25 = 20.5 minor units
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.a) + "*" + std::to_string(c.n) + "/" + std::to_string(c.d));
    EXPECT_EQ(mul_div(c.a, c.n, c.d, Rounding::half_up).value(), c.half_up);
    EXPECT_EQ(mul_div(c.a, c.n, c.d, Rounding::half_even).value(), c.half_even);
    EXPECT_EQ(mul_div(c.a, c.n, c.d, Rounding::toward_zero).value(), c.toward_zero);
    EXPECT_EQ(mul_div(c.a, c.n, c.d, Rounding::away_from_zero).value(), c.away_from_zero);
  }
}

TEST(MulDiv, ComputesExactlyBeyond64BitsAndReportsOverflow) {
  EXPECT_EQ(mul_div(kMax, 3, 3, Rounding::half_up).value(), kMax);  // intermediate exceeds int64
  EXPECT_EQ(mul_div(kMax, 1000, 1000, Rounding::toward_zero).value(), kMax);
  auto over = mul_div(kMax, 2, 1, Rounding::half_up);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, base::ErrorCode::money_overflow);
  auto zero_den = mul_div(1, 1, 0, Rounding::half_up);
  ASSERT_FALSE(zero_den);
  EXPECT_EQ(zero_den.error().code, base::ErrorCode::invalid_argument);
  EXPECT_FALSE(mul_div(1, 1, -2, Rounding::half_up));
  EXPECT_EQ(eur(1999).scaled(200, 10000, Rounding::half_up).value(), eur(40));
}

TEST(Allocate, PartsAddUpAndRemaindersGoToLargestFractionsThenEarlierIndex) {
  std::vector<std::int64_t> thirds{1, 1, 1};
  auto parts = allocate(eur(100), thirds).value();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], eur(34));  // ties: earlier index first
  EXPECT_EQ(parts[1], eur(33));
  EXPECT_EQ(parts[2], eur(33));

  std::vector<std::int64_t> weights{1, 2, 3};  // 16.67, 33.33, 50
  parts = allocate(eur(100), weights).value();
  EXPECT_EQ(parts[0], eur(17));
  EXPECT_EQ(parts[1], eur(33));
  EXPECT_EQ(parts[2], eur(50));

  parts = allocate(eur(-100), thirds).value();
  EXPECT_EQ(parts[0], eur(-34));
  EXPECT_EQ(parts[1], eur(-33));
  EXPECT_EQ(parts[2], eur(-33));

  std::vector<std::int64_t> with_zero{0, 5, 5};
  parts = allocate(eur(3), with_zero).value();
  EXPECT_EQ(parts[0], eur(0));
  EXPECT_EQ(parts[1], eur(2));
  EXPECT_EQ(parts[2], eur(1));

  // Deterministic and exact for awkward totals.
  std::vector<std::int64_t> odd{7, 11, 13, 17};
  auto first = allocate(eur(99999), odd).value();
  auto second = allocate(eur(99999), odd).value();
  EXPECT_EQ(first, second);
  std::int64_t total = 0;
  for (const auto& p : first) total += p.minor();
  EXPECT_EQ(total, 99999);
}

TEST(Allocate, RejectsBadWeights) {
  std::vector<std::int64_t> none;
  std::vector<std::int64_t> zeros{0, 0};
  std::vector<std::int64_t> negative{1, -1, 2};
  EXPECT_EQ(allocate(eur(1), none).error().code, base::ErrorCode::invalid_argument);
  EXPECT_EQ(allocate(eur(1), zeros).error().code, base::ErrorCode::invalid_argument);
  EXPECT_EQ(allocate(eur(1), negative).error().code, base::ErrorCode::invalid_argument);
}

TEST(ParseAmount, PointStyle) {
  const auto c = Currency::eur();
  EXPECT_EQ(parse_amount("1234.56", c, DecimalStyle::point).value(), 123456);
  EXPECT_EQ(parse_amount("1,234.5", c, DecimalStyle::point).value(), 123450);
  EXPECT_EQ(parse_amount("1,234,567", c, DecimalStyle::point).value(), 123456700);
  EXPECT_EQ(parse_amount(" -0.05 ", c, DecimalStyle::point).value(), -5);
  EXPECT_EQ(parse_amount("12.50-", c, DecimalStyle::point).value(), -1250);
  EXPECT_EQ(parse_amount("+7", c, DecimalStyle::point).value(), 700);
  EXPECT_EQ(parse_amount("12.300", c, DecimalStyle::point).value(), 1230);  // trailing zeros are harmless
  EXPECT_EQ(parse_amount("12.345", c, DecimalStyle::point).error().code, base::ErrorCode::amount_precision);
  EXPECT_EQ(parse_amount("12,34", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("1,2345.00", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("12.", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount(".5", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("1.2.3", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("€12", c, DecimalStyle::point).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("99999999999999999999", c, DecimalStyle::point).error().code, base::ErrorCode::money_overflow);
}

TEST(ParseAmount, CommaStyleAsGermanErpsWrite) {
  const auto c = Currency::eur();
  EXPECT_EQ(parse_amount("1.234,56", c, DecimalStyle::comma).value(), 123456);
  EXPECT_EQ(parse_amount("1234,56", c, DecimalStyle::comma).value(), 123456);
  EXPECT_EQ(parse_amount("0,5", c, DecimalStyle::comma).value(), 50);
  EXPECT_EQ(parse_amount("1.000.000", c, DecimalStyle::comma).value(), 100000000);
  EXPECT_EQ(parse_amount("-1.234,56", c, DecimalStyle::comma).value(), -123456);
  EXPECT_EQ(parse_amount("1,234", c, DecimalStyle::comma).error().code, base::ErrorCode::amount_precision);
  EXPECT_EQ(parse_amount("12.34", c, DecimalStyle::comma).error().code, base::ErrorCode::amount_invalid);
  EXPECT_EQ(parse_amount("1,2,3", c, DecimalStyle::comma).error().code, base::ErrorCode::amount_invalid);
}

TEST(ParseAmount, FollowsTheCurrencyExponent) {
  EXPECT_EQ(parse_amount("1.234", cur("JPY"), DecimalStyle::comma).value(), 1234);
  EXPECT_EQ(parse_amount("1234,5", cur("JPY"), DecimalStyle::comma).error().code, base::ErrorCode::amount_precision);
  EXPECT_EQ(parse_amount("1,234", cur("KWD"), DecimalStyle::comma).value(), 1234);
  EXPECT_EQ(parse_amount("1.5", cur("KWD"), DecimalStyle::point).value(), 1500);
  EXPECT_EQ(parse_amount("0.0001", cur("KWD"), DecimalStyle::point).error().code, base::ErrorCode::amount_precision);
}

TEST(FormatDecimal, WritesTheCanonicalForm) {
  EXPECT_EQ(format_decimal(123456, 2), "1234.56");
  EXPECT_EQ(format_decimal(5, 2), "0.05");
  EXPECT_EQ(format_decimal(-5, 2), "-0.05");
  EXPECT_EQ(format_decimal(0, 2), "0.00");
  EXPECT_EQ(format_decimal(1000, 0), "1000");
  EXPECT_EQ(format_decimal(1, 3), "0.001");
  EXPECT_EQ(format_decimal(kMin, 2), "-92233720368547758.08");
  EXPECT_EQ(eur(-123456).to_decimal_string(), "-1234.56");
  EXPECT_EQ(Money(1234, cur("KWD")).to_decimal_string(), "1.234");
  // Round trip in both styles.
  for (std::int64_t v : {0LL, 1LL, -99LL, 123456789LL}) {
    std::string point = format_decimal(v, 2);
    EXPECT_EQ(parse_amount(point, Currency::eur(), DecimalStyle::point).value(), v);
    std::string comma = point;
    for (auto& ch : comma) if (ch == '.') ch = ',';
    EXPECT_EQ(parse_amount(comma, Currency::eur(), DecimalStyle::comma).value(), v);
  }
}

}  // namespace
}  // namespace kulanz::money
