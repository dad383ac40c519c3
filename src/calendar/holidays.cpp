#include "calendar/holidays.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>

#include "calendar/easter.hpp"

namespace kulanz::calendar {
namespace {

using StateMask = std::uint16_t;

constexpr StateMask mask(std::initializer_list<GermanState> states) {
  StateMask m = 0;
  for (GermanState s : states) m = static_cast<StateMask>(m | (1u << static_cast<unsigned>(s)));
  return m;
}

constexpr StateMask kAllStates = 0xFFFF;
constexpr StateMask kFronleichnam = mask({GermanState::BW, GermanState::BY, GermanState::HE, GermanState::NW,
                                          GermanState::RP, GermanState::SL});
constexpr StateMask kAllerheiligen = mask({GermanState::BW, GermanState::BY, GermanState::NW, GermanState::RP,
                                           GermanState::SL});
constexpr StateMask kReformationEast = mask({GermanState::BB, GermanState::MV, GermanState::SN, GermanState::ST,
                                             GermanState::TH});
constexpr StateMask kReformationNorth = mask({GermanState::HB, GermanState::HH, GermanState::NI, GermanState::SH});

enum class Anchor : std::uint8_t {
  fixed,        // month and day
  easter,       // days after Easter Sunday (negative: before)
  penance_day,  // Buß- und Bettag: the last Wednesday before 23 November
};

struct Rule {
  std::string_view name;
  Anchor anchor;
  int month;   // fixed only
  int offset;  // fixed: day of month; easter: days from Easter Sunday
  StateMask states;
  int first_year = kFirstHolidayYear;
  int last_year = kLastHolidayYear;
};

// In calendar order, so a stable sort keeps this order for holidays on the same date.
constexpr std::array kRules = {
    Rule{"Neujahr", Anchor::fixed, 1, 1, kAllStates},
    Rule{"Heilige Drei Könige", Anchor::fixed, 1, 6, mask({GermanState::BW, GermanState::BY, GermanState::ST})},
    Rule{"Internationaler Frauentag", Anchor::fixed, 3, 8, mask({GermanState::BE}), 2019},
    Rule{"Internationaler Frauentag", Anchor::fixed, 3, 8, mask({GermanState::MV}), 2023},
    Rule{"Karfreitag", Anchor::easter, 0, -2, kAllStates},
    Rule{"Ostersonntag", Anchor::easter, 0, 0, mask({GermanState::BB})},
    Rule{"Ostermontag", Anchor::easter, 0, 1, kAllStates},
    Rule{"Tag der Arbeit", Anchor::fixed, 5, 1, kAllStates},
    // One-off holidays enacted by Berlin (75th and 80th anniversary of the end of the war).
    Rule{"Tag der Befreiung", Anchor::fixed, 5, 8, mask({GermanState::BE}), 2020, 2020},
    Rule{"Tag der Befreiung", Anchor::fixed, 5, 8, mask({GermanState::BE}), 2025, 2025},
    Rule{"Christi Himmelfahrt", Anchor::easter, 0, 39, kAllStates},
    Rule{"Pfingstsonntag", Anchor::easter, 0, 49, mask({GermanState::BB})},
    Rule{"Pfingstmontag", Anchor::easter, 0, 50, kAllStates},
    Rule{"Fronleichnam", Anchor::easter, 0, 60, kFronleichnam},
    Rule{"Mariä Himmelfahrt", Anchor::fixed, 8, 15, mask({GermanState::SL})},
    Rule{"Weltkindertag", Anchor::fixed, 9, 20, mask({GermanState::TH}), 2019},
    Rule{"Tag der Deutschen Einheit", Anchor::fixed, 10, 3, kAllStates},
    Rule{"Reformationstag", Anchor::fixed, 10, 31, kReformationEast},
    // 500th anniversary: a one-off holiday in every state that did not have it already.
    Rule{"Reformationstag", Anchor::fixed, 10, 31, static_cast<StateMask>(kAllStates & ~kReformationEast), 2017, 2017},
    Rule{"Reformationstag", Anchor::fixed, 10, 31, kReformationNorth, 2018},
    Rule{"Allerheiligen", Anchor::fixed, 11, 1, kAllerheiligen},
    Rule{"Buß- und Bettag", Anchor::penance_day, 0, 0, mask({GermanState::SN})},
    Rule{"1. Weihnachtstag", Anchor::fixed, 12, 25, kAllStates},
    Rule{"2. Weihnachtstag", Anchor::fixed, 12, 26, kAllStates},
};

struct Occurrence {
  Date date;
  std::string_view name;
};

// One slot per rule is always enough, so lookups do not allocate.
struct YearHolidays {
  std::array<Occurrence, kRules.size()> items{};
  std::size_t count = 0;
};

Date fixed_date(int year, int month, int day) {
  auto d = Date::from_ymd(year, month, day);
  assert(d.has_value());  // the table holds valid days and the year is in range
  return *d;
}

Date penance_day(int year) {
  const Date nov23 = fixed_date(year, 11, 23);
  const int weekday = static_cast<int>(nov23.iso_weekday());  // Wednesday = 3
  int back = (weekday + 4) % 7;                                // days since the last Wednesday
  if (back == 0) back = 7;                                     // 23 November itself does not count
  return nov23.add_days(-back);
}

YearHolidays compute(GermanState state, int year) {
  assert(holiday_year_supported(year));
  const Date easter = *easter_sunday(year);
  const auto bit = static_cast<StateMask>(1u << static_cast<unsigned>(state));
  YearHolidays out;
  for (const Rule& r : kRules) {
    if ((r.states & bit) == 0 || year < r.first_year || year > r.last_year) continue;
    Date d;
    switch (r.anchor) {
      case Anchor::fixed: d = fixed_date(year, r.month, r.offset); break;
      case Anchor::easter: d = easter.add_days(r.offset); break;
      case Anchor::penance_day: d = penance_day(year); break;
    }
    out.items[out.count++] = {d, r.name};
  }
  std::stable_sort(out.items.begin(), out.items.begin() + static_cast<std::ptrdiff_t>(out.count),
                   [](const Occurrence& a, const Occurrence& b) { return a.date < b.date; });
  return out;
}

}  // namespace

bool holiday_year_supported(int year) { return year >= kFirstHolidayYear && year <= kLastHolidayYear; }

base::Status check_holiday_year(int year) {
  if (holiday_year_supported(year)) return {};
  return base::fail(base::ErrorCode::invalid_argument,
                    "public holidays are known for the years " + std::to_string(kFirstHolidayYear) + ".." +
                        std::to_string(kLastHolidayYear) + ", not for " + std::to_string(year),
                    "year");
}

base::Result<std::vector<Holiday>> holidays(GermanState state, int year) {
  KULANZ_TRY_STATUS(check_holiday_year(year));
  const YearHolidays found = compute(state, year);
  std::vector<Holiday> out;
  out.reserve(found.count);
  for (std::size_t i = 0; i < found.count; ++i) out.push_back({found.items[i].date, std::string(found.items[i].name)});
  return out;
}

std::string_view holiday_name(GermanState state, Date date) {
  const YearHolidays found = compute(state, date.year());
  for (std::size_t i = 0; i < found.count; ++i) {
    if (found.items[i].date == date) return found.items[i].name;
  }
  return {};
}

bool is_public_holiday(GermanState state, Date date) { return !holiday_name(state, date).empty(); }

bool is_business_day(GermanState state, Date date) {
  return date.iso_weekday() <= 5 && !is_public_holiday(state, date);
}

Date next_business_day(GermanState state, Date date) { return business_day_on_or_after(state, date.add_days(1)); }

Date business_day_on_or_after(GermanState state, Date date) {
  // Terminates within days: weekends and holidays never form runs longer than four days.
  while (!is_business_day(state, date)) date = date.add_days(1);
  return date;
}

}  // namespace kulanz::calendar
