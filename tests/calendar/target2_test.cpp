// TARGET2 business days (the ECB's closing days).
#include <gtest/gtest.h>

#include "calendar/target2.hpp"

namespace kulanz::calendar {
namespace {

Date day(const char* iso) { return Date::parse_iso(iso).value(); }

TEST(Target2, ClosedOnWeekendsAndTheSixClosingDays) {
  EXPECT_TRUE(is_target2_day(day("2026-11-24")));   // Tuesday
  EXPECT_FALSE(is_target2_day(day("2026-11-28")));  // Saturday
  EXPECT_FALSE(is_target2_day(day("2026-11-29")));  // Sunday
  EXPECT_FALSE(is_target2_day(day("2027-01-01")));
  EXPECT_FALSE(is_target2_day(day("2027-03-26")));  // Good Friday 2027 (Easter 28 March)
  EXPECT_FALSE(is_target2_day(day("2027-03-29")));  // Easter Monday
  EXPECT_FALSE(is_target2_day(day("2027-05-01")));  // also a Saturday
  EXPECT_FALSE(is_target2_day(day("2026-05-01")));  // Friday
  EXPECT_FALSE(is_target2_day(day("2026-12-25")));
  EXPECT_FALSE(is_target2_day(day("2026-12-26")));
  EXPECT_FALSE(is_target2_day(day("2026-10-03")));  // a Saturday
  EXPECT_TRUE(is_target2_day(day("2025-10-03")));   // German Unity Day, a Friday: TARGET2 is open
  EXPECT_TRUE(is_target2_day(day("2026-12-24")));
}

TEST(Target2, CountsOnlyOpenDaysAfterTheStart) {
  EXPECT_EQ(target2_days_after(day("2026-11-24"), 1).iso(), "2026-11-25");
  EXPECT_EQ(target2_days_after(day("2026-11-26"), 2).iso(), "2026-11-30");  // over the weekend
  EXPECT_EQ(target2_days_after(day("2026-12-23"), 2).iso(), "2026-12-28");  // 24th, then 28th
  EXPECT_EQ(target2_days_after(day("2027-03-25"), 1).iso(), "2027-03-30");  // over Easter
  EXPECT_EQ(target2_days_after(day("2026-11-28"), 1).iso(), "2026-11-30");  // from a Saturday
}

}  // namespace
}  // namespace kulanz::calendar
