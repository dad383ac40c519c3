// Limitation (§§195, 199 BGB): 31 December of the third year after the year the claim
// arose; flagged from 90 days before that day.
#include <gtest/gtest.h>

#include "law/limitation.hpp"

namespace kulanz::law {
namespace {

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

// Arose 2023-05-10: the period starts at the end of 2023 and ends 2026-12-31; barred from
// 2027-01-01. 2026-12-31 - 90 days = 2026-10-02 (October 2 -> 31 = 29 days + November 30
// + December 31 = 90).
TEST(Limitation, ClaimFromMay2023) {
  auto l = limitation(d("2023-05-10"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->last_day, d("2026-12-31"));
  EXPECT_EQ(l->barred_from, d("2027-01-01"));
  EXPECT_EQ(l->flag_from, d("2026-10-02"));
  EXPECT_EQ(l->flag_from.days_until(l->last_day), 90);
}

TEST(Limitation, StatesAroundTheBoundaries) {
  const Date arose = d("2023-05-10");
  EXPECT_EQ(limitation_state(arose, d("2024-01-01")).value(), LimitationState::running);
  EXPECT_EQ(limitation_state(arose, d("2026-10-01")).value(), LimitationState::running);
  EXPECT_EQ(limitation_state(arose, d("2026-10-02")).value(), LimitationState::flagged);
  EXPECT_EQ(limitation_state(arose, d("2026-12-31")).value(), LimitationState::flagged);
  EXPECT_EQ(limitation_state(arose, d("2027-01-01")).value(), LimitationState::barred);
  EXPECT_EQ(to_string(LimitationState::flagged), "flagged");
}

TEST(Limitation, OnlyTheYearMatters) {
  EXPECT_EQ(limitation(d("2023-01-01"))->last_day, d("2026-12-31"));
  EXPECT_EQ(limitation(d("2023-12-31"))->last_day, d("2026-12-31"));
  EXPECT_EQ(limitation(d("2024-01-01"))->last_day, d("2027-12-31"));
  // The flag date does not move with leap years: always 2 October.
  EXPECT_EQ(limitation(d("2025-02-01"))->flag_from, d("2028-10-02"));
}

TEST(Limitation, OutsideTheCalendarIsAnError) {
  auto l = limitation(d("2197-06-01"));
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().code, base::ErrorCode::date_invalid);
}

}  // namespace
}  // namespace kulanz::law
