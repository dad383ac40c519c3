#include <gtest/gtest.h>

#include "calendar/holidays.hpp"

namespace kulanz::calendar {
namespace {

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d).value(); }

TEST(BusinessDays, WeekdaysAreBusinessDaysWeekendsAreNot) {
  EXPECT_TRUE(is_business_day(GermanState::BY, ymd(2026, 3, 2)));   // Monday
  EXPECT_TRUE(is_business_day(GermanState::BY, ymd(2026, 3, 6)));   // Friday
  EXPECT_FALSE(is_business_day(GermanState::BY, ymd(2026, 3, 7)));  // Saturday
  EXPECT_FALSE(is_business_day(GermanState::BY, ymd(2026, 3, 8)));  // Sunday
}

TEST(BusinessDays, StateHolidaysAreNotBusinessDays) {
  // Fronleichnam, Thursday 4 June 2026: a holiday in Bayern, a working day in Berlin.
  EXPECT_FALSE(is_business_day(GermanState::BY, ymd(2026, 6, 4)));
  EXPECT_TRUE(is_business_day(GermanState::BE, ymd(2026, 6, 4)));
  // Buß- und Bettag, Wednesday 18 November 2026: Sachsen only.
  EXPECT_FALSE(is_business_day(GermanState::SN, ymd(2026, 11, 18)));
  EXPECT_TRUE(is_business_day(GermanState::TH, ymd(2026, 11, 18)));
}

TEST(BusinessDays, NextBusinessDaySkipsTheEasterWeekend) {
  // Thursday 2 April 2026 -> Karfreitag, Saturday, Sunday, Ostermontag -> Tuesday 7 April.
  EXPECT_EQ(next_business_day(GermanState::NW, ymd(2026, 4, 2)), ymd(2026, 4, 7));
  EXPECT_EQ(next_business_day(GermanState::NW, ymd(2026, 4, 3)), ymd(2026, 4, 7));
  EXPECT_EQ(next_business_day(GermanState::NW, ymd(2026, 4, 7)), ymd(2026, 4, 8));
}

TEST(BusinessDays, NextBusinessDayAcrossAWeekendAndAStateHoliday) {
  // Saturday 31 October 2026 (Reformationstag in Sachsen) and Sunday 1 November
  // (Allerheiligen in NW): Monday 2 November either way.
  EXPECT_EQ(next_business_day(GermanState::SN, ymd(2026, 10, 30)), ymd(2026, 11, 2));
  EXPECT_EQ(next_business_day(GermanState::NW, ymd(2026, 10, 30)), ymd(2026, 11, 2));
  // Friday 2 October 2026 -> Saturday 3 October is a holiday anyway -> Monday 5 October.
  EXPECT_EQ(next_business_day(GermanState::HH, ymd(2026, 10, 2)), ymd(2026, 10, 5));
  // Wednesday 3 June 2026 -> Thursday 4 June is Fronleichnam in Hessen -> Friday 5 June.
  EXPECT_EQ(next_business_day(GermanState::HE, ymd(2026, 6, 3)), ymd(2026, 6, 5));
  EXPECT_EQ(next_business_day(GermanState::HH, ymd(2026, 6, 3)), ymd(2026, 6, 4));
}

TEST(BusinessDays, NextBusinessDayAcrossTheYearEnd) {
  // Thursday 24 December 2026 -> 25th, 26th (Saturday), 27th (Sunday) -> Monday 28 December.
  EXPECT_EQ(next_business_day(GermanState::BE, ymd(2026, 12, 24)), ymd(2026, 12, 28));
  // Thursday 31 December 2026 -> Neujahr Friday -> Monday 4 January 2027.
  EXPECT_EQ(next_business_day(GermanState::BE, ymd(2026, 12, 31)), ymd(2027, 1, 4));
  // Heilige Drei Könige, Wednesday 6 January 2027, in Baden-Württemberg.
  EXPECT_EQ(next_business_day(GermanState::BW, ymd(2027, 1, 5)), ymd(2027, 1, 7));
  EXPECT_EQ(next_business_day(GermanState::NI, ymd(2027, 1, 5)), ymd(2027, 1, 6));
}

TEST(BusinessDays, OnOrAfterKeepsABusinessDay) {
  EXPECT_EQ(business_day_on_or_after(GermanState::BY, ymd(2026, 6, 3)), ymd(2026, 6, 3));
  EXPECT_EQ(business_day_on_or_after(GermanState::BY, ymd(2026, 6, 4)), ymd(2026, 6, 5));
  EXPECT_EQ(business_day_on_or_after(GermanState::BY, ymd(2026, 6, 6)), ymd(2026, 6, 8));
}

TEST(BusinessDays, HolidayNameIsEmptyOnOrdinaryDays) {
  EXPECT_EQ(holiday_name(GermanState::BY, ymd(2026, 6, 4)), "Fronleichnam");
  EXPECT_TRUE(holiday_name(GermanState::BY, ymd(2026, 6, 5)).empty());
}

}  // namespace
}  // namespace kulanz::calendar
