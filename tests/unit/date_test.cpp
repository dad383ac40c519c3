// The civil date: parsing, formatting, month arithmetic, weekdays.
#include <gtest/gtest.h>

#include "calendar/date.hpp"

namespace kulanz::calendar {
namespace {

Date iso(const char* s) { return Date::parse_iso(s).value(); }

TEST(Date, ParsesIsoAndGermanForms) {
  auto a = Date::parse("2026-11-23").value();
  EXPECT_EQ(a.year(), 2026);
  EXPECT_EQ(a.month(), 11u);
  EXPECT_EQ(a.day(), 23u);
  EXPECT_EQ(Date::parse("23.11.2026").value(), a);
  EXPECT_EQ(Date::parse("3.1.2026").value(), iso("2026-01-03"));
  EXPECT_EQ(Date::parse("29.02.2024").value(), iso("2024-02-29"));
  EXPECT_EQ(Date().iso(), "1970-01-01");
}

TEST(Date, RejectsWhatDoesNotExist) {
  for (const char* bad : {"2026-02-29", "2026-02-30", "31.04.2026", "2026-13-01", "2026-00-10", "1899-12-31",
                          "2200-01-01", "2026/11/23", "23.11.26", "2026-1-5", "", "abc", "23.11.2026 ", "2026-11-2x"}) {
    auto r = Date::parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, base::ErrorCode::date_invalid) << bad;
  }
  EXPECT_FALSE(Date::parse_iso("23.11.2026"));
  EXPECT_FALSE(Date::from_ymd(2100, 2, 29));  // not a leap year
  EXPECT_TRUE(Date::from_ymd(2000, 2, 29));   // is one
}

TEST(Date, FormatsIsoAndGerman) {
  auto d = iso("2026-03-05");
  EXPECT_EQ(d.iso(), "2026-03-05");
  EXPECT_EQ(d.german(), "05.03.2026");
  EXPECT_EQ(Date::parse(d.german()).value(), d);
}

TEST(Date, DayArithmetic) {
  auto d = iso("2026-12-31");
  EXPECT_EQ(d.add_days(1), iso("2027-01-01"));
  EXPECT_EQ(d.add_days(-365), iso("2025-12-31"));
  EXPECT_EQ(iso("2024-02-28").add_days(1), iso("2024-02-29"));
  EXPECT_EQ(iso("2026-01-01").days_until(iso("2026-03-01")), 59);
  EXPECT_EQ(iso("2026-03-01").days_until(iso("2026-01-01")), -59);
  EXPECT_LT(iso("2026-01-01"), iso("2026-01-02"));
  EXPECT_EQ(Date::from_unix_utc(0), iso("1970-01-01"));
  EXPECT_EQ(Date::from_unix_utc(1795392000), iso("2026-11-23"));
  EXPECT_EQ(Date::from_unix_utc(-1), iso("1969-12-31"));
}

TEST(Date, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(iso("2026-01-31").add_months(1), iso("2026-02-28"));
  EXPECT_EQ(iso("2024-01-31").add_months(1), iso("2024-02-29"));
  EXPECT_EQ(iso("2026-03-31").add_months(1), iso("2026-04-30"));
  EXPECT_EQ(iso("2026-05-31").add_months(-3), iso("2026-02-28"));
  EXPECT_EQ(iso("2026-11-15").add_months(2), iso("2027-01-15"));
  EXPECT_EQ(iso("2026-01-15").add_months(-1), iso("2025-12-15"));
  EXPECT_EQ(iso("2026-08-31").add_months(-15), iso("2025-05-31"));
  EXPECT_EQ(iso("2026-01-31").add_months(0), iso("2026-01-31"));
  EXPECT_EQ(iso("2024-02-29").add_months(12), iso("2025-02-28"));
}

TEST(Date, KnowsTheIsoWeekday) {
  EXPECT_EQ(iso("1970-01-01").iso_weekday(), 4u);  // Thursday
  EXPECT_EQ(iso("2026-11-23").iso_weekday(), 1u);  // Monday
  EXPECT_EQ(iso("2026-11-29").iso_weekday(), 7u);  // Sunday
  EXPECT_EQ(iso("1969-12-28").iso_weekday(), 7u);  // before the epoch
  EXPECT_EQ(iso("2000-02-29").iso_weekday(), 2u);  // Tuesday
}

TEST(Date, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2026));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_EQ(days_in_month(2026, 2), 28u);
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2026, 4), 30u);
  EXPECT_EQ(days_in_month(2026, 12), 31u);
}

}  // namespace
}  // namespace kulanz::calendar
