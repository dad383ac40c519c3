// Locale formatting: byte-exact results for German (de_DE) and English (en_GB), with a plain
// space where ICU would put a no-break space.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "comms/format.hpp"

namespace kulanz::comms {
namespace {

using domain::Language;

calendar::Date d(const char* iso) { return calendar::Date::parse_iso(iso).value(); }

TEST(FormatMoney, GermanEuroIsExactWithAPlainSpace) {
  EXPECT_EQ(format_money(123456, "EUR", Language::de), "1.234,56 \xE2\x82\xAC");  // "1.234,56 €"
  EXPECT_EQ(format_money(5, "EUR", Language::de), "0,05 €");
  EXPECT_EQ(format_money(0, "EUR", Language::de), "0,00 €");
  EXPECT_EQ(format_money(100, "EUR", Language::de), "1,00 €");
  EXPECT_EQ(format_money(99999, "EUR", Language::de), "999,99 €");
  EXPECT_EQ(format_money(100000, "EUR", Language::de), "1.000,00 €");
}

TEST(FormatMoney, EnglishEuroPutsTheSymbolFirst) {
  EXPECT_EQ(format_money(123456, "EUR", Language::en), "\xE2\x82\xAC" "1,234.56");  // "€1,234.56"
  EXPECT_EQ(format_money(5, "EUR", Language::en), "€0.05");
  EXPECT_EQ(format_money(0, "EUR", Language::en), "€0.00");
  EXPECT_EQ(format_money(100000, "EUR", Language::en), "€1,000.00");
}

TEST(FormatMoney, NegativeAmounts) {
  EXPECT_EQ(format_money(-123456, "EUR", Language::de), "-1.234,56 €");
  EXPECT_EQ(format_money(-123456, "EUR", Language::en), "-€1,234.56");
  EXPECT_EQ(format_money(-5, "EUR", Language::de), "-0,05 €");
  EXPECT_EQ(format_money(-5, "EUR", Language::en), "-€0.05");
}

TEST(FormatMoney, LargeAmountsStayExact) {
  EXPECT_EQ(format_money(123456789012, "EUR", Language::de), "1.234.567.890,12 €");
  EXPECT_EQ(format_money(123456789012, "EUR", Language::en), "€1,234,567,890.12");
  // 2^53 + 1 cents: not representable in a double.
  EXPECT_EQ(format_money(9007199254740993, "EUR", Language::de), "90.071.992.547.409,93 €");
  EXPECT_EQ(format_money(std::numeric_limits<std::int64_t>::max(), "EUR", Language::de), "92.233.720.368.547.758,07 €");
  EXPECT_EQ(format_money(std::numeric_limits<std::int64_t>::max(), "EUR", Language::en), "€92,233,720,368,547,758.07");
  EXPECT_EQ(format_money(std::numeric_limits<std::int64_t>::min(), "EUR", Language::de), "-92.233.720.368.547.758,08 €");
}

TEST(FormatMoney, OtherCurrenciesUseTheirExponent) {
  EXPECT_EQ(format_money(1234, "JPY", Language::de), "1.234 ¥");
  EXPECT_EQ(format_money(1234, "JPY", Language::en), "JP¥1,234");
  EXPECT_EQ(format_money(123450, "CHF", Language::de), "1.234,50 CHF");
  EXPECT_EQ(format_money(123450, "CHF", Language::en), "CHF 1,234.50");
  EXPECT_EQ(format_money(123456, "GBP", Language::en), "£1,234.56");
  EXPECT_EQ(format_money(1234567, "KWD", Language::de), "1.234,567 KWD");  // three decimals
  EXPECT_EQ(format_money(123456, "eur", Language::de), "1.234,56 €");      // code case does not matter
}

TEST(FormatMoney, CodesOutsideTheTable) {
  EXPECT_EQ(format_money(123456, "XYZ", Language::de), "1.234,56 XYZ");
  EXPECT_EQ(format_money(123456, "XYZ", Language::en), "XYZ 1,234.56");
  EXPECT_EQ(format_money(123456, "EURO", Language::de), "1234.56 EURO");
  EXPECT_EQ(format_money(-5, "", Language::en), "-0.05");
}

TEST(FormatMoney, MoneyOverloadAgrees) {
  money::Money m(-250, money::Currency::eur());
  EXPECT_EQ(format_money(m, Language::de), "-2,50 €");
  EXPECT_EQ(format_money(m, Language::en), "-€2.50");
}

TEST(FormatMoney, NeverANoBreakSpace) {
  for (auto lang : {Language::de, Language::en}) {
    for (const char* code : {"EUR", "CHF", "JPY", "USD", "GBP"}) {
      std::string s = format_money(123456789, code, lang);
      EXPECT_EQ(s.find("\xC2\xA0"), std::string::npos) << s;
      EXPECT_EQ(s.find("\xE2\x80\xAF"), std::string::npos) << s;
    }
  }
}

TEST(FormatDate, NumericStyle) {
  EXPECT_EQ(format_date(d("2026-11-23"), Language::de), "23.11.2026");
  EXPECT_EQ(format_date(d("2026-11-23"), Language::en), "23/11/2026");
  EXPECT_EQ(format_date(d("2026-03-01"), Language::de, DateStyle::numeric), "01.03.2026");
  EXPECT_EQ(format_date(d("2026-03-01"), Language::en, DateStyle::numeric), "01/03/2026");
  EXPECT_EQ(format_date(d("2028-02-29"), Language::de), "29.02.2028");
  EXPECT_EQ(format_date(d("1900-01-01"), Language::de), "01.01.1900");
  EXPECT_EQ(format_date(d("2199-12-31"), Language::en), "31/12/2199");
}

TEST(FormatDate, LongStyleSpellsTheMonth) {
  EXPECT_EQ(format_date(d("2026-11-23"), Language::de, DateStyle::long_form), "23. November 2026");
  EXPECT_EQ(format_date(d("2026-11-23"), Language::en, DateStyle::long_form), "23 November 2026");
  EXPECT_EQ(format_date(d("2026-03-01"), Language::de, DateStyle::long_form), "1. M\xC3\xA4rz 2026");  // "1. März 2026"
  EXPECT_EQ(format_date(d("2026-03-01"), Language::en, DateStyle::long_form), "1 March 2026");
  EXPECT_EQ(format_date(d("2027-01-05"), Language::de, DateStyle::long_form), "5. Januar 2027");
  EXPECT_EQ(format_date(d("1969-12-31"), Language::en, DateStyle::long_form), "31 December 1969");
}

TEST(FormatPercent, TwoDecimals) {
  EXPECT_EQ(format_percent(1027, Language::de), "10,27 %");
  EXPECT_EQ(format_percent(1027, Language::en), "10.27%");
  EXPECT_EQ(format_percent(500, Language::de), "5,00 %");
  EXPECT_EQ(format_percent(-88, Language::de), "-0,88 %");
  EXPECT_EQ(format_percent(-88, Language::en), "-0.88%");
  EXPECT_EQ(format_percent(0, Language::en), "0.00%");
}

TEST(FormatInteger, Grouping) {
  EXPECT_EQ(format_integer(1234567, Language::de), "1.234.567");
  EXPECT_EQ(format_integer(1234567, Language::en), "1,234,567");
  EXPECT_EQ(format_integer(7, Language::de), "7");
  EXPECT_EQ(format_integer(-1234, Language::de), "-1.234");
}

}  // namespace
}  // namespace kulanz::comms
