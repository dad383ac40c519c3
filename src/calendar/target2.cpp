#include "calendar/target2.hpp"

#include "calendar/easter.hpp"

namespace kulanz::calendar {

bool is_target2_day(Date date) {
  if (date.iso_weekday() >= 6) return false;
  const int m = static_cast<int>(date.month()), d = static_cast<int>(date.day());
  if ((m == 1 && d == 1) || (m == 5 && d == 1) || (m == 12 && (d == 25 || d == 26))) return false;
  auto easter = easter_sunday(static_cast<int>(date.year()));
  if (easter && (date == easter->add_days(-2) || date == easter->add_days(1))) return false;
  return true;
}

Date target2_days_after(Date date, int n) {
  Date d = date;
  for (int found = 0; found < n;) {
    d = d.add_days(1);
    if (is_target2_day(d)) ++found;
  }
  return d;
}

}  // namespace kulanz::calendar
