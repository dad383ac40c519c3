#include "calendar/easter.hpp"

#include <gtest/gtest.h>

namespace kulanz::calendar {
namespace {

std::string easter_iso(int year) { return easter_sunday(year).value().iso(); }

TEST(Easter, KnownDates) {
  // Published Easter dates (church calendars, almanacs).
  EXPECT_EQ(easter_iso(1900), "1900-04-15");
  EXPECT_EQ(easter_iso(1943), "1943-04-25");  // latest possible date
  EXPECT_EQ(easter_iso(1954), "1954-04-18");
  EXPECT_EQ(easter_iso(1981), "1981-04-19");  // a Gregorian exception year
  EXPECT_EQ(easter_iso(1995), "1995-04-16");
  EXPECT_EQ(easter_iso(2000), "2000-04-23");
  EXPECT_EQ(easter_iso(2008), "2008-03-23");
  EXPECT_EQ(easter_iso(2011), "2011-04-24");
  EXPECT_EQ(easter_iso(2017), "2017-04-16");
  EXPECT_EQ(easter_iso(2019), "2019-04-21");
  EXPECT_EQ(easter_iso(2020), "2020-04-12");
  EXPECT_EQ(easter_iso(2024), "2024-03-31");
  EXPECT_EQ(easter_iso(2025), "2025-04-20");
  EXPECT_EQ(easter_iso(2026), "2026-04-05");
  EXPECT_EQ(easter_iso(2027), "2027-03-28");
  EXPECT_EQ(easter_iso(2038), "2038-04-25");  // latest possible date
  EXPECT_EQ(easter_iso(2049), "2049-04-18");  // a Gregorian exception year
  EXPECT_EQ(easter_iso(2100), "2100-03-28");
}

TEST(Easter, IsAlwaysASundayBetween22MarchAnd25April) {
  for (int year = 1900; year <= 2199; ++year) {
    const Date e = easter_sunday(year).value();
    EXPECT_EQ(e.iso_weekday(), 7u) << year;
    EXPECT_GE(e, Date::from_ymd(year, 3, 22).value()) << year;
    EXPECT_LE(e, Date::from_ymd(year, 4, 25).value()) << year;
  }
}

TEST(Easter, YearsOutsideTheDateRangeAreErrors) {
  auto before = easter_sunday(1899);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, base::ErrorCode::date_invalid);
  auto after = easter_sunday(2285);  // 22 March, but beyond Date's range
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, base::ErrorCode::date_invalid);
}

}  // namespace
}  // namespace kulanz::calendar
