#include "calendar/date.hpp"

#include <charconv>
#include <cstdio>

namespace kulanz::calendar {
namespace {

// Days from civil, proleptic Gregorian (the well-known era-based algorithm).
constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd { int y; unsigned m; unsigned d; };

constexpr Ymd civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool parse_uint(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap_year(y)) return 29;
  return kDays[m - 1];
}

base::Result<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1900 || y > 2199) return base::fail(base::ErrorCode::date_invalid, "year " + std::to_string(y) + " is out of range 1900..2199");
  if (m < 1 || m > 12) return base::fail(base::ErrorCode::date_invalid, "month " + std::to_string(m) + " does not exist");
  if (d < 1 || static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d does not exist", y, m, d);
    return base::fail(base::ErrorCode::date_invalid, buf);
  }
  return Date::from_days(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

base::Result<Date> Date::parse_iso(std::string_view t) {
  int y, m, d;
  if (t.size() == 10 && t[4] == '-' && t[7] == '-' && parse_uint(t.substr(0, 4), y) && parse_uint(t.substr(5, 2), m) &&
      parse_uint(t.substr(8, 2), d)) {
    return from_ymd(y, m, d);
  }
  return base::fail(base::ErrorCode::date_invalid, "'" + std::string(t) + "' is not a date (expected YYYY-MM-DD)");
}

base::Result<Date> Date::parse(std::string_view t) {
  int y, m, d;
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') return parse_iso(t);
  // German: D.M.YYYY with one or two digit day and month
  auto p1 = t.find('.');
  auto p2 = p1 == std::string_view::npos ? p1 : t.find('.', p1 + 1);
  if (p1 != std::string_view::npos && p2 != std::string_view::npos && p1 >= 1 && p1 <= 2 && p2 - p1 - 1 >= 1 &&
      p2 - p1 - 1 <= 2 && t.size() - p2 - 1 == 4 && parse_uint(t.substr(0, p1), d) &&
      parse_uint(t.substr(p1 + 1, p2 - p1 - 1), m) && parse_uint(t.substr(p2 + 1), y)) {
    return from_ymd(y, m, d);
  }
  return base::fail(base::ErrorCode::date_invalid,
                    "'" + std::string(t) + "' is not a date (expected YYYY-MM-DD or DD.MM.YYYY)");
}

Date Date::from_unix_utc(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return from_days(static_cast<std::int32_t>(days));
}

int Date::year() const { return civil_from_days(days_).y; }
unsigned Date::month() const { return civil_from_days(days_).m; }
unsigned Date::day() const { return civil_from_days(days_).d; }

unsigned Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  int w = (days_ % 7 + 7) % 7;  // 0 = Thursday
  return static_cast<unsigned>((w + 3) % 7 + 1);
}

std::string Date::iso() const {
  auto c = civil_from_days(days_);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

std::string Date::german() const {
  auto c = civil_from_days(days_);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", c.d, c.m, c.y);
  return buf;
}

Date Date::add_months(int n) const {
  auto c = civil_from_days(days_);
  int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  int y = total / 12;
  unsigned m = static_cast<unsigned>(total % 12) + 1;
  unsigned d = std::min(c.d, days_in_month(y, m));
  return from_days(days_from_civil(y, m, d));
}

}  // namespace kulanz::calendar
