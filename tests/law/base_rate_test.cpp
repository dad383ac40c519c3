// The base-rate table: the shipped file, the accepted spellings, errors with line numbers,
// and refusing days without a confirmed rate.
#include <gtest/gtest.h>

#include "law/base_rate.hpp"

namespace kulanz::law {
namespace {

using base::ErrorCode;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

TEST(BuiltinBaseRates, ParsesTheShippedTable) {
  auto parsed = parse_base_rates(builtin_base_rates_text(), "shipped");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  const BaseRateTable& t = builtin_base_rates();
  ASSERT_EQ(t.rows().size(), 31u);
  EXPECT_EQ(t.first_known_day(), d("2002-01-01"));
  // The last confirmed row (2026-01-01) holds until the next scheduled change only.
  EXPECT_EQ(t.last_known_day(), d("2026-06-30"));
  EXPECT_EQ(t.rows().front().rate_bp, 257);
  EXPECT_EQ(t.rate_on(d("2016-07-01")).value(), -88);
  EXPECT_EQ(t.rate_on(d("2022-12-31")).value(), -88);  // unchanged from 2016-07-01 until 2023
  EXPECT_EQ(t.rate_on(d("2023-01-01")).value(), 162);
  EXPECT_EQ(t.rate_on(d("2024-06-30")).value(), 362);
  EXPECT_EQ(t.rate_on(d("2024-07-01")).value(), 337);
  EXPECT_EQ(t.rate_on(d("2026-06-30")).value(), 127);
}

TEST(BaseRateParse, AcceptsSemicolonsDecimalCommaSignsAndCrLf) {
  const char* text =
      "\xEF\xBB\xBF# operator's copy\r\n"
      "valid_from;percent\r\n"
      "2015-01-01;-0,83\r\n"
      "\r\n"
      "2016-07-01;\xE2\x88\x92" "0,88\r\n"  // U+2212 minus sign
      "2023-01-01; +1,6 \r\n"
      "2023-07-01;3.12\r\n";
  auto t = parse_base_rates(text, "op.csv");
  ASSERT_TRUE(t) << t.error().to_string();
  ASSERT_EQ(t->rows().size(), 4u);
  EXPECT_EQ(t->rows()[0].rate_bp, -83);
  EXPECT_EQ(t->rows()[1].rate_bp, -88);
  EXPECT_EQ(t->rows()[2].rate_bp, 160);
  EXPECT_EQ(t->rows()[3].rate_bp, 312);
  EXPECT_EQ(t->rows()[3].line, 7);
  EXPECT_EQ(t->last_known_day(), d("2023-12-31"));
}

TEST(BaseRateParse, AcceptsCommaSeparatedWithPointAndGermanDates) {
  auto t = parse_base_rates("valid_from,rate_percent\n01.07.2024,3.37\n2025-01-01,2.27", "x.csv");
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(t->rows()[0].valid_from, d("2024-07-01"));
  EXPECT_EQ(t->rows()[0].rate_bp, 337);
  EXPECT_EQ(t->rows()[1].rate_bp, 227);
}

struct BadTable {
  const char* text;
  const char* location;
  const char* detail_part;
};

class BaseRateParseErrors : public ::testing::TestWithParam<BadTable> {};

TEST_P(BaseRateParseErrors, NameTheLine) {
  auto t = parse_base_rates(GetParam().text, "rates.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::base_rate_table_invalid);
  EXPECT_EQ(t.error().location, GetParam().location);
  EXPECT_NE(t.error().detail.find(GetParam().detail_part), std::string::npos) << t.error().detail;
  EXPECT_NE(t.error().to_string().find(GetParam().location), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, BaseRateParseErrors,
    ::testing::Values(
        BadTable{"# c\nvalid_from,rate_percent\n2024-01-01,3.625\n", "rates.csv:3", "at most two decimals"},
        BadTable{"2024-01-01,3.62\n2024-02-01,3.00\n", "rates.csv:2", "1 January or 1 July"},
        BadTable{"2024-01-01,abc\n", "rates.csv:1", "'abc'"},
        BadTable{"2024-01-01,\n", "rates.csv:1", "percentage"},
        BadTable{"2024-13-01,1.00\n", "rates.csv:1", "not a date"},
        BadTable{"2024-07-01,3.37\n2024-01-01,3.62\n", "rates.csv:2", "date order"},
        BadTable{"2024-01-01,3.62\n2024-01-01,3.62\n", "rates.csv:2", "date order"},
        BadTable{"2024-01-01,3,62\n", "rates.csv:1", "status '62'"},
        BadTable{"2024-01-01\n", "rates.csv:1", "expected"},
        BadTable{"2024-01-01,3.62\nvalid_from,rate_percent\n", "rates.csv:2", "not a date"},
        BadTable{"2024-01-01,25.00\n", "rates.csv:1", "plausible"},
        BadTable{"2024-01-01,3.62\n2024-07-01,3.37,unconfirmed\n2025-01-01,2.27\n", "rates.csv:3", "unconfirmed"},
        BadTable{"# only comments\n\n", "rates.csv", "no confirmed rate"}));

TEST(BaseRateTable, UnconfirmedRowsAreKeptButNeverUsed) {
  auto t = parse_base_rates("2026-01-01,1.27\n2026-07-01,1.52,unconfirmed\n", "rates.csv");
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_FALSE(t->rows()[1].confirmed);
  EXPECT_EQ(t->last_known_day(), d("2026-06-30"));
  auto r = t->rate_on(d("2026-07-01"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::base_rate_unknown);
  EXPECT_NE(r.error().detail.find("marked unconfirmed (line 2)"), std::string::npos) << r.error().detail;
}

TEST(BaseRateTable, RefusesDaysAfterTheLastConfirmedHalfYear) {
  auto s = builtin_base_rates().spans(d("2026-06-15"), d("2026-07-15"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::base_rate_unknown);
  const std::string& msg = s.error().detail;
  EXPECT_NE(msg.find("2026-06-15 .. 2026-07-15"), std::string::npos) << msg;
  EXPECT_NE(msg.find("covers 2002-01-01 .. 2026-06-30"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--base-rates FILE"), std::string::npos) << msg;
}

TEST(BaseRateTable, RefusesDaysBeforeTheFirstRow) {
  auto s = builtin_base_rates().spans(d("2001-12-31"), d("2002-01-31"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::base_rate_unknown);
}

TEST(BaseRateTable, SplitsAtEveryChangeAndMergesRepeatedRates) {
  auto s = builtin_base_rates().spans(d("2024-03-01"), d("2025-02-15"));
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].from, d("2024-03-01"));
  EXPECT_EQ((*s)[0].to, d("2024-06-30"));
  EXPECT_EQ((*s)[1].from, d("2024-07-01"));
  EXPECT_EQ((*s)[1].to, d("2024-12-31"));
  EXPECT_EQ((*s)[2].from, d("2025-01-01"));
  EXPECT_EQ((*s)[2].to, d("2025-02-15"));
  // 2025-07-01 and 2026-01-01 both say 1.27: one span.
  auto same = builtin_base_rates().spans(d("2025-12-01"), d("2026-02-01"));
  ASSERT_TRUE(same);
  ASSERT_EQ(same->size(), 1u);
  EXPECT_EQ(same->front().rate_bp, 127);
}

TEST(BaseRateTable, RejectsAPeriodThatEndsBeforeItStarts) {
  auto s = builtin_base_rates().spans(d("2024-02-02"), d("2024-02-01"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
}

TEST(FormatPercent, TwoDecimalsWithSign) {
  EXPECT_EQ(format_percent(362), "3.62");
  EXPECT_EQ(format_percent(-88), "-0.88");
  EXPECT_EQ(format_percent(1262), "12.62");
  EXPECT_EQ(format_percent(5), "0.05");
  EXPECT_EQ(format_percent(0), "0.00");
}

}  // namespace
}  // namespace kulanz::law
