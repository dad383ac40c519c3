// Formatting, chart geometry and the login limiter, without a server.
#include <gtest/gtest.h>

#include "http/auth_limiter.hpp"
#include "http/auth_session.hpp"
#include "http/web_chart.hpp"
#include "http/web_format.hpp"

namespace kulanz::http {
namespace {

money::Money eur(std::int64_t minor) { return money::Money(minor, money::Currency::eur()); }

TEST(WebFormat, GermanMoneyHasDotGroupsCommaDecimalsAndTheEuroSign) {
  EXPECT_EQ(format_money_de(eur(123456)), "1.234,56\u00a0€");
  EXPECT_EQ(format_money_de(eur(0)), "0,00\u00a0€");
  EXPECT_EQ(format_money_de(eur(5)), "0,05\u00a0€");
  EXPECT_EQ(format_money_de(eur(-123456789)), "-1.234.567,89\u00a0€");
  EXPECT_EQ(format_money_de(eur(100000000)), "1.000.000,00\u00a0€");
  auto jpy = money::Currency::from_code("JPY");
  ASSERT_TRUE(jpy.has_value());
  EXPECT_EQ(format_money_de(money::Money(1234, *jpy)), "1.234\u00a0JPY");
}

TEST(WebFormat, CountsAreGroupedInThousands) {
  EXPECT_EQ(format_count_de(0), "0");
  EXPECT_EQ(format_count_de(999), "999");
  EXPECT_EQ(format_count_de(1000), "1.000");
  EXPECT_EQ(format_count_de(1234567), "1.234.567");
  EXPECT_EQ(format_count_de(-5000), "-5.000");
}

TEST(WebChart, LargestBucketFillsThePlotAndEmptyBucketsHaveNoBar) {
  domain::Aging aging;
  aging.amount = {eur(100000), eur(0), eur(50000), eur(1), eur(200000)};
  aging.count = {2, 0, 1, 1, 3};
  auto bars = aging_bars(aging, money::Currency::eur());
  EXPECT_EQ(bars[4].height, 210);
  EXPECT_EQ(bars[0].height, 105);
  EXPECT_EQ(bars[2].height, 53);  // 52.5 rounded half up
  EXPECT_EQ(bars[1].height, 0);
  EXPECT_EQ(bars[3].height, 2) << "a tiny amount stays visible";
  for (const auto& b : bars) EXPECT_EQ(b.y + b.height, 250) << b.label;
  EXPECT_EQ(bars[0].label, "Nicht fällig");
  EXPECT_EQ(bars[4].label, "über 90 Tage");
  EXPECT_FALSE(bars[0].overdue);
  EXPECT_TRUE(bars[1].overdue);
  EXPECT_EQ(bars[4].amount_text, "2.000,00\u00a0€");
  EXPECT_EQ(bars[4].count_text, "3");
  for (int i = 1; i < 5; ++i) EXPECT_GT(bars[i].x, bars[i - 1].x + bars[i - 1].width) << "bars do not overlap";
}

TEST(WebChart, EmptyPortfolioDrawsNoBars) {
  domain::Aging aging;
  auto bars = aging_bars(aging, money::Currency::eur());
  for (const auto& b : bars) {
    EXPECT_EQ(b.height, 0);
    EXPECT_EQ(b.amount_text, "0,00\u00a0€");
  }
}

TEST(LoginLimiter, BlocksAfterMaxFailuresWithinTheWindow) {
  LoginLimiter limiter(3, 100);
  EXPECT_FALSE(limiter.blocked("a", 1000));
  limiter.record_failure("a", 1000);
  limiter.record_failure("a", 1010);
  EXPECT_FALSE(limiter.blocked("a", 1010));
  limiter.record_failure("a", 1020);
  EXPECT_TRUE(limiter.blocked("a", 1020));
  EXPECT_EQ(limiter.retry_after("a", 1020), 80);
  EXPECT_FALSE(limiter.blocked("b", 1020)) << "keys are independent";
  // The first failure leaves the window at 1100: two remain, so "a" may try again.
  EXPECT_TRUE(limiter.blocked("a", 1099));
  EXPECT_FALSE(limiter.blocked("a", 1100));
  limiter.record_failure("a", 1100);
  EXPECT_TRUE(limiter.blocked("a", 1100));
  limiter.reset("a");
  EXPECT_FALSE(limiter.blocked("a", 1100));
}

TEST(LoginLimiter, MemoryIsBoundedByDroppingStaleKeysFirst) {
  LoginLimiter limiter(1, 100, 2);
  limiter.record_failure("old", 0);
  limiter.record_failure("live", 150);
  limiter.record_failure("new", 160);  // "old" has left its window and makes room
  EXPECT_TRUE(limiter.blocked("live", 160));
  EXPECT_TRUE(limiter.blocked("new", 160));
  limiter.record_failure("newest", 170);  // full of live keys: the oldest failure goes
  EXPECT_FALSE(limiter.blocked("live", 170));
  EXPECT_TRUE(limiter.blocked("new", 170));
  EXPECT_TRUE(limiter.blocked("newest", 170));
}

TEST(AuthSession, CookieAttributes) {
  EXPECT_EQ(cookie_header("kulanz_session", "abc", 60, false), "kulanz_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
  EXPECT_EQ(cookie_header("kulanz_session", "", 0, true),
            "kulanz_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
}

TEST(AuthSession, OnlyPlausibleTokensAreLookedUp) {
  EXPECT_TRUE(plausible_token("abcdefghijklmnopqrstuvwxyz012345-_"));
  EXPECT_FALSE(plausible_token("short"));
  EXPECT_FALSE(plausible_token("abcdefghijklmnop'; DROP TABLE"));
  EXPECT_FALSE(plausible_token(std::string(200, 'a')));
}

}  // namespace
}  // namespace kulanz::http
