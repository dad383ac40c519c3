#pragma once
// A civil (calendar) date without time zone: the core's unit of time.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::calendar {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  static constexpr Date from_days(std::int32_t days_since_epoch) { Date d; d.days_ = days_since_epoch; return d; }
  // Returns an error for a date that does not exist (2026-02-30) or lies outside 1900..2199.
  static base::Result<Date> from_ymd(int year, int month, int day);
  // Accepts "YYYY-MM-DD" (ISO 8601) and "DD.MM.YYYY" (German); nothing else.
  static base::Result<Date> parse(std::string_view text);
  static base::Result<Date> parse_iso(std::string_view text);
  // Today in UTC from a Unix timestamp (time zones are resolved at the edges).
  static Date from_unix_utc(std::int64_t unix_seconds);

  constexpr std::int32_t days_since_epoch() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  // 1 = Monday ... 7 = Sunday (ISO 8601).
  unsigned iso_weekday() const;

  std::string iso() const;     // 2026-11-23
  std::string german() const;  // 23.11.2026

  constexpr Date add_days(std::int32_t n) const { return from_days(days_ + n); }
  Date add_months(int n) const;  // clamps to the month's last day
  constexpr std::int32_t days_until(Date later) const { return later.days_ - days_; }

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::int32_t days_ = 0;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

}  // namespace kulanz::calendar
