// Payment plan schedules and the plan policy.
#include <gtest/gtest.h>

#include <numeric>

#include "portal/plan.hpp"

namespace kulanz::portal {
namespace {

calendar::Date day(const char* iso) { return calendar::Date::parse_iso(iso).value(); }

std::int64_t sum(const std::vector<Instalment>& s) {
  return std::accumulate(s.begin(), s.end(), std::int64_t{0}, [](std::int64_t a, const Instalment& i) { return a + i.amount_minor; });
}

TEST(PlanSchedule, EqualMonthlyInstalmentsWithTheLeftoverCentsFirst) {
  auto s = plan_schedule(100000, 3, 0, day("2026-11-30"));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].amount_minor, 33334);
  EXPECT_EQ(s[1].amount_minor, 33333);
  EXPECT_EQ(s[2].amount_minor, 33333);
  EXPECT_EQ(sum(s), 100000);
  // Monthly on the same day, the month's last day where it is shorter.
  EXPECT_EQ(s[0].due.iso(), "2026-11-30");
  EXPECT_EQ(s[1].due.iso(), "2026-12-30");
  EXPECT_EQ(s[2].due.iso(), "2027-01-30");
  auto feb = plan_schedule(90000, 4, 0, day("2026-11-30"));
  EXPECT_EQ(feb[3].due.iso(), "2027-02-28");
  EXPECT_EQ(feb[0].number, 1);
  EXPECT_EQ(feb[3].number, 4);
}

TEST(PlanSchedule, TheDownPaymentComesFirstAndTheRestIsShared) {
  // 40 % of 1.234,57 = 493,828 -> 493,83 (rounded up); 740,74 over 3 -> 246,91 (+ 0,01 on the second).
  auto s = plan_schedule(123457, 4, 40, day("2026-12-01"));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].amount_minor, 49383);
  EXPECT_EQ(s[1].amount_minor, 24692);
  EXPECT_EQ(s[2].amount_minor, 24691);
  EXPECT_EQ(s[3].amount_minor, 24691);
  EXPECT_EQ(sum(s), 123457);
  // A down payment below the equal share changes nothing.
  auto equal = plan_schedule(100000, 2, 10, day("2026-12-01"));
  EXPECT_EQ(equal[0].amount_minor, 50000);
  EXPECT_EQ(equal[1].amount_minor, 50000);
}

TEST(PlanSchedule, NothingForImpossibleInput) {
  EXPECT_TRUE(plan_schedule(0, 3, 0, day("2026-12-01")).empty());
  EXPECT_TRUE(plan_schedule(100, 0, 0, day("2026-12-01")).empty());
  EXPECT_TRUE(plan_schedule(100, 121, 0, day("2026-12-01")).empty());
  EXPECT_EQ(plan_schedule(1, 1, 0, day("2026-12-01")).size(), 1u);
}

TEST(PlanPolicy, BreachesNameTheRuleAndItsLimit) {
  PlanPolicy p;  // 6 months, 25,00 minimum, no down payment, 5.000,00 maximum
  const auto first = day("2026-12-01");
  EXPECT_TRUE(plan_policy_breaches(p, 60000, plan_schedule(60000, 6, 0, first)).empty());
  auto months = plan_policy_breaches(p, 60000, plan_schedule(60000, 7, 0, first));
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].key, "plan_months");
  EXPECT_EQ(months[0].limit, 6);
  auto small = plan_policy_breaches(p, 10000, plan_schedule(10000, 5, 0, first));  // 20,00 each
  ASSERT_EQ(small.size(), 1u);
  EXPECT_EQ(small[0].key, "plan_min_instalment");
  EXPECT_EQ(small[0].limit, 2500);
  auto total = plan_policy_breaches(p, 600000, plan_schedule(600000, 6, 0, first));
  ASSERT_EQ(total.size(), 1u);
  EXPECT_EQ(total[0].key, "plan_max_total");
  p.max_total_minor = 0;  // no limit
  EXPECT_TRUE(plan_policy_breaches(p, 600000, plan_schedule(600000, 6, 0, first)).empty());
  p.enabled = false;
  ASSERT_EQ(plan_policy_breaches(p, 60000, plan_schedule(60000, 2, 0, first)).size(), 1u);
  EXPECT_EQ(plan_policy_breaches(p, 60000, plan_schedule(60000, 2, 0, first))[0].key, "plan_off");
}

TEST(PlanPolicy, CountsWithinPolicyFollowTheMinimumInstalment) {
  PlanPolicy p;
  const auto first = day("2026-12-01");
  EXPECT_EQ(plan_counts_within_policy(p, 10000, first), (std::vector<int>{2, 3, 4}));  // 25,00 at 4
  EXPECT_EQ(plan_counts_within_policy(p, 100000, first), (std::vector<int>{2, 3, 4, 5, 6}));
  EXPECT_TRUE(plan_counts_within_policy(p, 4000, first).empty());  // 20,00 each at 2
  p.enabled = false;
  EXPECT_TRUE(plan_counts_within_policy(p, 100000, first).empty());
}

}  // namespace
}  // namespace kulanz::portal
