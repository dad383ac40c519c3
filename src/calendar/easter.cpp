#include "calendar/easter.hpp"

namespace kulanz::calendar {

base::Result<Date> easter_sunday(int year) {
  // Gregorian computus in the arithmetic form published by Meeus (after the 1876
  // "Butcher" algorithm): the paschal full moon from the Metonic cycle with the solar
  // (leap-day) and lunar (Metonic drift) century corrections, then the following Sunday.
  const int golden = year % 19;           // position in the 19-year Metonic cycle
  const int century = year / 100;
  const int year_in_century = year % 100;
  const int skipped_leap_days = century / 4;
  const int century_mod4 = century % 4;
  const int lunar_drift = (century + 8) / 25;
  const int lunar_correction = (century - lunar_drift + 1) / 3;
  // Days from 21 March to the paschal full moon (the epact-based offset), 0..29.
  const int full_moon_offset = (19 * golden + century - skipped_leap_days - lunar_correction + 15) % 30;
  const int leap_quarter = year_in_century / 4;
  const int year_mod4 = year_in_century % 4;
  // Days from the full moon to the next Sunday, 0..6.
  const int to_sunday = (32 + 2 * century_mod4 + 2 * leap_quarter - full_moon_offset - year_mod4) % 7;
  // The Gregorian exceptions: a date that would fall after 25 April moves back one week.
  const int exception = (golden + 11 * full_moon_offset + 22 * to_sunday) / 451;
  const int days_after_feb = full_moon_offset + to_sunday - 7 * exception + 114;
  const int month = days_after_feb / 31;
  const int day = days_after_feb % 31 + 1;
  return Date::from_ymd(year, month, day);
}

}  // namespace kulanz::calendar
