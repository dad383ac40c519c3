#include "calendar/holidays.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kulanz::calendar {
namespace {

using Lines = std::vector<std::string>;  // "YYYY-MM-DD name"

Lines lines(GermanState s, int year) {
  Lines out;
  const auto list = holidays(s, year).value();
  for (const auto& h : list) out.push_back(h.date.iso() + " " + h.name);
  return out;
}

bool has(GermanState s, int year, const std::string& line) {
  const Lines all = lines(s, year);
  return std::find(all.begin(), all.end(), line) != all.end();
}

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d).value(); }

// The nine holidays of every state in 2026 (Easter Sunday is 5 April).
const Lines kNationwide2026 = {
    "2026-01-01 Neujahr",        "2026-04-03 Karfreitag",     "2026-04-06 Ostermontag",
    "2026-05-01 Tag der Arbeit", "2026-05-14 Christi Himmelfahrt", "2026-05-25 Pfingstmontag",
    "2026-10-03 Tag der Deutschen Einheit", "2026-12-25 1. Weihnachtstag", "2026-12-26 2. Weihnachtstag",
};

Lines with(Lines extra) {
  Lines all = kNationwide2026;
  all.insert(all.end(), extra.begin(), extra.end());
  std::stable_sort(all.begin(), all.end(), [](const std::string& a, const std::string& b) {
    return a.substr(0, 10) < b.substr(0, 10);
  });
  return all;
}

// The official 2026 lists of the states (state-wide holidays only).
TEST(Holidays, EveryState2026MatchesTheOfficialList) {
  const std::map<GermanState, Lines> expected = {
      {GermanState::BW, with({"2026-01-06 Heilige Drei Könige", "2026-06-04 Fronleichnam", "2026-11-01 Allerheiligen"})},
      {GermanState::BY, with({"2026-01-06 Heilige Drei Könige", "2026-06-04 Fronleichnam", "2026-11-01 Allerheiligen"})},
      {GermanState::BE, with({"2026-03-08 Internationaler Frauentag"})},
      {GermanState::BB, with({"2026-04-05 Ostersonntag", "2026-05-24 Pfingstsonntag", "2026-10-31 Reformationstag"})},
      {GermanState::HB, with({"2026-10-31 Reformationstag"})},
      {GermanState::HH, with({"2026-10-31 Reformationstag"})},
      {GermanState::HE, with({"2026-06-04 Fronleichnam"})},
      {GermanState::MV, with({"2026-03-08 Internationaler Frauentag", "2026-10-31 Reformationstag"})},
      {GermanState::NI, with({"2026-10-31 Reformationstag"})},
      {GermanState::NW, with({"2026-06-04 Fronleichnam", "2026-11-01 Allerheiligen"})},
      {GermanState::RP, with({"2026-06-04 Fronleichnam", "2026-11-01 Allerheiligen"})},
      {GermanState::SL, with({"2026-06-04 Fronleichnam", "2026-08-15 Mariä Himmelfahrt", "2026-11-01 Allerheiligen"})},
      {GermanState::SN, with({"2026-10-31 Reformationstag", "2026-11-18 Buß- und Bettag"})},
      {GermanState::ST, with({"2026-01-06 Heilige Drei Könige", "2026-10-31 Reformationstag"})},
      {GermanState::SH, with({"2026-10-31 Reformationstag"})},
      {GermanState::TH, with({"2026-09-20 Weltkindertag", "2026-10-31 Reformationstag"})},
  };
  ASSERT_EQ(expected.size(), 16u);
  const std::map<GermanState, std::size_t> counts = {
      {GermanState::BW, 12}, {GermanState::BY, 12}, {GermanState::BE, 10}, {GermanState::BB, 12},
      {GermanState::HB, 10}, {GermanState::HH, 10}, {GermanState::HE, 10}, {GermanState::MV, 11},
      {GermanState::NI, 10}, {GermanState::NW, 11}, {GermanState::RP, 11}, {GermanState::SL, 12},
      {GermanState::SN, 11}, {GermanState::ST, 11}, {GermanState::SH, 10}, {GermanState::TH, 11},
  };
  for (const auto& [state, want] : expected) {
    EXPECT_EQ(lines(state, 2026), want) << code(state);
    EXPECT_EQ(lines(state, 2026).size(), counts.at(state)) << code(state);
  }
}

TEST(Holidays, SortedByDateInEveryStateAndYear) {
  for (GermanState s : all_german_states()) {
    for (int year = kFirstHolidayYear; year <= kLastHolidayYear; ++year) {
      auto list = holidays(s, year).value();
      ASSERT_GE(list.size(), 9u);
      for (std::size_t i = 1; i < list.size(); ++i) ASSERT_LE(list[i - 1].date, list[i].date) << code(s) << " " << year;
      for (const auto& h : list) ASSERT_EQ(h.date.year(), year);
    }
  }
}

TEST(Holidays, BussUndBettagIsTheWednesdayBefore23NovemberInSachsenOnly) {
  EXPECT_TRUE(has(GermanState::SN, 2026, "2026-11-18 Buß- und Bettag"));
  EXPECT_TRUE(is_public_holiday(GermanState::SN, ymd(2026, 11, 18)));
  for (GermanState s : all_german_states()) {
    if (s != GermanState::SN) {
      EXPECT_FALSE(is_public_holiday(s, ymd(2026, 11, 18))) << code(s);
    }
  }
  // 23 November on a Wednesday: the holiday is a week earlier, not on the 23rd.
  EXPECT_TRUE(has(GermanState::SN, 2022, "2022-11-16 Buß- und Bettag"));
  // 23 November on a Thursday: the day before.
  EXPECT_TRUE(has(GermanState::SN, 2023, "2023-11-22 Buß- und Bettag"));
  EXPECT_TRUE(has(GermanState::SN, 2024, "2024-11-20 Buß- und Bettag"));
  EXPECT_TRUE(has(GermanState::SN, 2025, "2025-11-19 Buß- und Bettag"));
  EXPECT_TRUE(has(GermanState::SN, 1995, "1995-11-22 Buß- und Bettag"));
  for (int year = kFirstHolidayYear; year <= kLastHolidayYear; ++year) {
    const auto list = holidays(GermanState::SN, year).value();
    auto it = std::find_if(list.begin(), list.end(), [](const Holiday& h) { return h.name == "Buß- und Bettag"; });
    ASSERT_NE(it, list.end()) << year;
    EXPECT_EQ(it->date.iso_weekday(), 3u) << year;
    EXPECT_GE(it->date, ymd(year, 11, 16)) << year;
    EXPECT_LE(it->date, ymd(year, 11, 22)) << year;
  }
}

TEST(Holidays, ReformationstagBeforeAndAfter2018) {
  const std::vector<GermanState> east = {GermanState::BB, GermanState::MV, GermanState::SN, GermanState::ST,
                                         GermanState::TH};
  const std::vector<GermanState> north = {GermanState::HB, GermanState::HH, GermanState::NI, GermanState::SH};
  const std::vector<GermanState> never = {GermanState::BW, GermanState::BY, GermanState::BE, GermanState::HE,
                                          GermanState::NW, GermanState::RP, GermanState::SL};
  for (int year : {1995, 2016, 2018, 2026}) {
    for (GermanState s : east) EXPECT_TRUE(is_public_holiday(s, ymd(year, 10, 31))) << code(s) << year;
  }
  for (int year : {2016, 2018, 2019, 2026}) {
    for (GermanState s : north) EXPECT_EQ(is_public_holiday(s, ymd(year, 10, 31)), year >= 2018) << code(s) << year;
  }
  for (int year : {2016, 2018, 2026}) {
    for (GermanState s : never) EXPECT_FALSE(is_public_holiday(s, ymd(year, 10, 31))) << code(s) << year;
  }
}

TEST(Holidays, ReformationstagOf2017WasAHolidayEverywhereOnce) {
  for (GermanState s : all_german_states()) {
    EXPECT_TRUE(has(s, 2017, "2017-10-31 Reformationstag")) << code(s);
    const auto list = holidays(s, 2017).value();
    EXPECT_EQ(std::count_if(list.begin(), list.end(), [](const Holiday& h) { return h.name == "Reformationstag"; }), 1)
        << code(s);
  }
}

TEST(Holidays, InternationalerFrauentagInBerlinFrom2019AndMecklenburgVorpommernFrom2023) {
  EXPECT_FALSE(is_public_holiday(GermanState::BE, ymd(2018, 3, 8)));
  EXPECT_TRUE(has(GermanState::BE, 2019, "2019-03-08 Internationaler Frauentag"));
  EXPECT_TRUE(is_public_holiday(GermanState::BE, ymd(2022, 3, 8)));
  EXPECT_FALSE(is_public_holiday(GermanState::MV, ymd(2019, 3, 8)));
  EXPECT_FALSE(is_public_holiday(GermanState::MV, ymd(2022, 3, 8)));
  EXPECT_TRUE(has(GermanState::MV, 2023, "2023-03-08 Internationaler Frauentag"));
  for (GermanState s : all_german_states()) {
    if (s != GermanState::BE && s != GermanState::MV) {
      EXPECT_FALSE(is_public_holiday(s, ymd(2026, 3, 8))) << code(s);
    }
  }
}

TEST(Holidays, WeltkindertagInThueringenFrom2019) {
  EXPECT_FALSE(is_public_holiday(GermanState::TH, ymd(2018, 9, 20)));
  EXPECT_TRUE(has(GermanState::TH, 2019, "2019-09-20 Weltkindertag"));
  EXPECT_FALSE(is_public_holiday(GermanState::SN, ymd(2019, 9, 20)));
}

TEST(Holidays, OneOffTagDerBefreiungInBerlin2020And2025Only) {
  EXPECT_TRUE(has(GermanState::BE, 2020, "2020-05-08 Tag der Befreiung"));
  EXPECT_TRUE(has(GermanState::BE, 2025, "2025-05-08 Tag der Befreiung"));
  for (int year : {2019, 2021, 2024, 2026, 2028, 2030}) {
    EXPECT_FALSE(is_public_holiday(GermanState::BE, ymd(year, 5, 8))) << year;
  }
  for (GermanState s : all_german_states()) {
    if (s != GermanState::BE) {
      EXPECT_FALSE(is_public_holiday(s, ymd(2020, 5, 8))) << code(s);
    }
  }
  EXPECT_EQ(holiday_name(GermanState::BE, ymd(2025, 5, 8)), "Tag der Befreiung");
}

TEST(Holidays, MariaeHimmelfahrtInSaarlandNotStateWideInBavaria) {
  EXPECT_TRUE(is_public_holiday(GermanState::SL, ymd(2026, 8, 15)));
  EXPECT_FALSE(is_public_holiday(GermanState::BY, ymd(2026, 8, 15)));
}

TEST(Holidays, TwoHolidaysOnOneDateAreBothListed) {
  // Easter 2008 was 23 March, so Christi Himmelfahrt fell on 1 May.
  const Lines by2008 = lines(GermanState::BY, 2008);
  auto first = std::find(by2008.begin(), by2008.end(), "2008-05-01 Tag der Arbeit");
  ASSERT_NE(first, by2008.end());
  ASSERT_NE(first + 1, by2008.end());
  EXPECT_EQ(*(first + 1), "2008-05-01 Christi Himmelfahrt");
  EXPECT_EQ(holiday_name(GermanState::BY, ymd(2008, 5, 1)), "Tag der Arbeit");
}

TEST(Holidays, EasterDependentHolidaysFollowEaster) {
  // Easter 2024 was 31 March.
  EXPECT_TRUE(has(GermanState::NW, 2024, "2024-03-29 Karfreitag"));
  EXPECT_TRUE(has(GermanState::NW, 2024, "2024-04-01 Ostermontag"));
  EXPECT_TRUE(has(GermanState::NW, 2024, "2024-05-09 Christi Himmelfahrt"));
  EXPECT_TRUE(has(GermanState::NW, 2024, "2024-05-20 Pfingstmontag"));
  EXPECT_TRUE(has(GermanState::NW, 2024, "2024-05-30 Fronleichnam"));
  EXPECT_FALSE(has(GermanState::NW, 2024, "2024-03-31 Ostersonntag"));
  EXPECT_TRUE(has(GermanState::BB, 2024, "2024-03-31 Ostersonntag"));
  EXPECT_TRUE(has(GermanState::BB, 2024, "2024-05-19 Pfingstsonntag"));
}

TEST(Holidays, YearsOutsideTheRulesAreRefusedWithTheRange) {
  for (int year : {1900, 1994, 2200, -5}) {
    auto r = holidays(GermanState::BY, year);
    ASSERT_FALSE(r.has_value()) << year;
    EXPECT_EQ(r.error().code, base::ErrorCode::invalid_argument);
    EXPECT_NE(r.error().detail.find("1995..2199"), std::string::npos) << r.error().detail;
  }
  EXPECT_TRUE(holidays(GermanState::BY, 1995).has_value());
  EXPECT_TRUE(holidays(GermanState::BY, 2199).has_value());
  EXPECT_FALSE(holiday_year_supported(1994));
  EXPECT_TRUE(check_holiday_year(2026).has_value());
}

}  // namespace
}  // namespace kulanz::calendar
