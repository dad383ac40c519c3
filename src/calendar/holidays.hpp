#pragma once
// German public holidays (gesetzliche Feiertage) per state, computed from the rules of the
// states' holiday laws, and business-day arithmetic on top of them. docs/CALENDAR.md lists
// the rules, their sources and what is deliberately left out (holidays of single
// municipalities such as Mariä Himmelfahrt in Catholic Bavaria or the Augsburger
// Friedensfest).
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "calendar/german_state.hpp"

namespace kulanz::calendar {

// The rules are complete from 1995 (the year Buß- und Bettag stopped being a holiday
// outside Sachsen) to the end of Date's range; later years apply today's law.
inline constexpr int kFirstHolidayYear = 1995;
inline constexpr int kLastHolidayYear = 2199;

struct Holiday {
  Date date;
  std::string name;  // German, as in the law or its common form: "Fronleichnam"

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

bool holiday_year_supported(int year);
// An error (invalid_argument) naming the supported range if `year` lies outside it.
base::Status check_holiday_year(int year);

// The state-wide public holidays of `state` in `year`, sorted by date. Two holidays on
// the same date (Tag der Arbeit and Christi Himmelfahrt in 2008) are both listed.
base::Result<std::vector<Holiday>> holidays(GermanState state, int year);

// The following take a date whose year is supported (check it with check_holiday_year
// where the date comes from input); outside that range they assert.

// The holiday's name if `date` is a public holiday in `state`, else an empty view.
// With two holidays on one date, the one listed first by holidays().
std::string_view holiday_name(GermanState state, Date date);
bool is_public_holiday(GermanState state, Date date);
// Monday to Friday and not a public holiday of the state.
bool is_business_day(GermanState state, Date date);
// The first business day strictly after `date`.
Date next_business_day(GermanState state, Date date);
// `date` itself if it is a business day, else the next one.
Date business_day_on_or_after(GermanState state, Date date);

}  // namespace kulanz::calendar
