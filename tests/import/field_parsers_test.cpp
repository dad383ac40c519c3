#include "importers/field_parsers.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

using money::DecimalStyle;

money::Currency cur(std::string_view code) { return *money::Currency::from_code(code); }

TEST(ParsePositiveAmount, GermanDecimalCommaWithThousandsDots) {
  EXPECT_EQ(*parse_positive_amount("1.234,56", cur("EUR"), DecimalStyle::comma), 123456);
  EXPECT_EQ(*parse_positive_amount(" 12,3 ", cur("EUR"), DecimalStyle::comma), 1230);
  EXPECT_EQ(*parse_positive_amount("1.000.000", cur("EUR"), DecimalStyle::comma), 100000000);
}

TEST(ParsePositiveAmount, DecimalPoint) {
  EXPECT_EQ(*parse_positive_amount("1,234.56", cur("EUR"), DecimalStyle::point), 123456);
  EXPECT_EQ(*parse_positive_amount("12.30", cur("EUR"), DecimalStyle::point), 1230);
}

TEST(ParsePositiveAmount, PrecisionFollowsTheCurrency) {
  auto r = parse_positive_amount("12,345", cur("EUR"), DecimalStyle::comma);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, base::ErrorCode::amount_precision);
  EXPECT_EQ(*parse_positive_amount("1.500", cur("JPY"), DecimalStyle::comma), 1500);
  EXPECT_FALSE(parse_positive_amount("15,5", cur("JPY"), DecimalStyle::comma).has_value());
  EXPECT_EQ(*parse_positive_amount("1,234", cur("KWD"), DecimalStyle::comma), 1234);
}

TEST(ParsePositiveAmount, RejectsZeroNegativeAndGarbage) {
  EXPECT_EQ(parse_positive_amount("0,00", cur("EUR"), DecimalStyle::comma).error().code, base::ErrorCode::amount_invalid);
  EXPECT_FALSE(parse_positive_amount("-5,00", cur("EUR"), DecimalStyle::comma).has_value());
  auto r = parse_positive_amount("12 EUR", cur("EUR"), DecimalStyle::comma);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().detail.find("1.234,56"), std::string::npos);
  EXPECT_FALSE(parse_positive_amount("1.23,4", cur("EUR"), DecimalStyle::comma).has_value());
}

TEST(DecimalStyleOf, DecidesOnlyUnambiguousValues) {
  EXPECT_EQ(decimal_style_of("1.234,56"), DecimalStyle::comma);
  EXPECT_EQ(decimal_style_of("12,5"), DecimalStyle::comma);
  EXPECT_EQ(decimal_style_of("1,234.56"), DecimalStyle::point);
  EXPECT_EQ(decimal_style_of("12.50"), DecimalStyle::point);
  EXPECT_EQ(decimal_style_of("1.234.567"), DecimalStyle::comma);
  EXPECT_FALSE(decimal_style_of("1.234").has_value());
  EXPECT_FALSE(decimal_style_of("1234").has_value());
}

TEST(ParseDateField, GermanAndIso) {
  EXPECT_EQ(parse_date_field("31.03.2026")->iso(), "2026-03-31");
  EXPECT_EQ(parse_date_field(" 2026-03-31 ")->iso(), "2026-03-31");
  EXPECT_EQ(parse_date_field("1.3.2026")->iso(), "2026-03-01");
  auto bad = parse_date_field("31.02.2026");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, base::ErrorCode::date_invalid);
  EXPECT_NE(bad.error().detail.find("DD.MM.YYYY"), std::string::npos);
  EXPECT_FALSE(parse_date_field("03/31/2026").has_value());
}

TEST(ParsePercent, BasisPoints) {
  EXPECT_EQ(*parse_percent_basis_points("2"), 200);
  EXPECT_EQ(*parse_percent_basis_points("2,5"), 250);
  EXPECT_EQ(*parse_percent_basis_points("2.25 %"), 225);
  EXPECT_EQ(*parse_percent_basis_points("3,00"), 300);
  EXPECT_FALSE(parse_percent_basis_points("2,125").has_value());
  EXPECT_FALSE(parse_percent_basis_points("101").has_value());
  EXPECT_FALSE(parse_percent_basis_points("zwei").has_value());
}

TEST(ParseBoolean, GermanAndEnglish) {
  EXPECT_TRUE(*parse_boolean("Ja"));
  EXPECT_TRUE(*parse_boolean("x"));
  EXPECT_TRUE(*parse_boolean("true"));
  EXPECT_FALSE(*parse_boolean("nein"));
  EXPECT_FALSE(*parse_boolean("0"));
  EXPECT_EQ(parse_boolean("vielleicht").error().code, base::ErrorCode::boolean_invalid);
}

TEST(ParsePhone, GermanNumbersBecomeE164) {
  EXPECT_EQ(*parse_phone("0711 / 123 456"), "+49711123456");
  EXPECT_EQ(*parse_phone("+49 (0)711-123456"), "+49711123456");
  EXPECT_EQ(*parse_phone("0043 1 234567"), "+431234567");
  EXPECT_FALSE(parse_phone("123").has_value());
  EXPECT_FALSE(parse_phone("0711 abc").has_value());
}

TEST(ParseEmailCountryState, Values) {
  EXPECT_EQ(*parse_email(" max@example.de "), "max@example.de");
  EXPECT_FALSE(parse_email("max@example").has_value());
  EXPECT_FALSE(parse_email("max example.de").has_value());
  EXPECT_EQ(*parse_country("Deutschland"), "DE");
  EXPECT_EQ(*parse_country("at"), "AT");
  EXPECT_FALSE(parse_country("Germania").has_value());
  EXPECT_EQ(*parse_german_state("Baden-Württemberg"), "BW");
  EXPECT_EQ(*parse_german_state("nw"), "NW");
  EXPECT_EQ(*parse_german_state("Thüringen"), "TH");
  EXPECT_FALSE(parse_german_state("Tirol").has_value());
}

TEST(ParseTextAndIds, Limits) {
  EXPECT_EQ(*parse_text(" Müller ", 6), "Müller");
  EXPECT_EQ(parse_text("Müllers", 6).error().code, base::ErrorCode::text_too_long);
  EXPECT_EQ(parse_external_id("").error().code, base::ErrorCode::required_missing);
  EXPECT_FALSE(parse_external_id(std::string(65, 'a')).has_value());
  EXPECT_EQ(*parse_integer("14", 0, 365), 14);
  EXPECT_FALSE(parse_integer("14.5", 0, 365).has_value());
  EXPECT_FALSE(parse_integer("400", 0, 365).has_value());
}

}  // namespace
}  // namespace kulanz::importers
