// IBAN (ISO 13616): published example IBANs of several countries, and each way one can be
// wrong, with the error naming the field and the problem.
#include <gtest/gtest.h>

#include "documents/iban.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

TEST(Iban, AcceptsPublishedExamplesOfSeveralCountries) {
  for (const char* iban : {"DE89370400440532013000", "AT611904300234573201", "BE68539007547034",
                           "CH9300762011623852957", "FR1420041010050500013M02606", "GB82WEST12345698765432",
                           "NL91ABNA0417164300", "NO9386011117947", "MT84MALT011000012345MTLCAST001S"}) {
    auto result = normalize_iban(iban);
    ASSERT_TRUE(result) << iban << ": " << result.error().to_string();
    EXPECT_EQ(*result, iban);
  }
}

TEST(Iban, StripsSpacesAndUpperCases) {
  EXPECT_EQ(normalize_iban("DE89 3704 0044 0532 0130 00").value(), "DE89370400440532013000");
  EXPECT_EQ(normalize_iban("  de89 3704\t0044 0532 0130 00 ").value(), "DE89370400440532013000");
  EXPECT_EQ(normalize_iban("gb82 west 1234 5698 7654 32").value(), "GB82WEST12345698765432");
}

TEST(Iban, OneChangedDigitFailsTheCheck) {
  auto result = normalize_iban("DE89370400440532013001");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::iban_invalid);
  EXPECT_EQ(result.error().field, "iban");
  EXPECT_NE(result.error().detail.find("check digits"), std::string::npos) << result.error().detail;
  EXPECT_NE(result.error().detail.find("DE89 3704 0044 0532 0130 01"), std::string::npos) << result.error().detail;
}

TEST(Iban, SwappedDigitsFailTheCheck) {
  EXPECT_FALSE(normalize_iban("DE89370400440532031000"));
  EXPECT_FALSE(normalize_iban("DE98370400440532013000"));
}

TEST(Iban, WrongLengthForTheCountryIsNamed) {
  auto short_one = normalize_iban("DE8937040044053201300");
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().code, ErrorCode::iban_invalid);
  EXPECT_NE(short_one.error().detail.find("from DE has 22 characters, this one has 21"), std::string::npos)
      << short_one.error().detail;
  // An Austrian IBAN has 20 characters: a valid German one with AT in front is too long.
  auto long_one = normalize_iban("AT89370400440532013000");
  ASSERT_FALSE(long_one);
  EXPECT_NE(long_one.error().detail.find("from AT has 20 characters, this one has 22"), std::string::npos)
      << long_one.error().detail;
}

TEST(Iban, RejectsForeignCharactersWithTheirPosition) {
  auto dash = normalize_iban("DE89-3704-0044-0532-0130-00");
  ASSERT_FALSE(dash);
  EXPECT_EQ(dash.error().code, ErrorCode::iban_invalid);
  EXPECT_NE(dash.error().detail.find("'-' at position 5"), std::string::npos) << dash.error().detail;
  auto umlaut = normalize_iban("DÜ89370400440532013000");
  ASSERT_FALSE(umlaut);
  EXPECT_NE(umlaut.error().detail.find("non-ASCII character at position 2"), std::string::npos)
      << umlaut.error().detail;
}

TEST(Iban, RejectsEmptyUnknownCountryAndMalformedStart) {
  auto empty = normalize_iban("   ");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().detail.find("empty"), std::string::npos);
  auto unknown = normalize_iban("XY89370400440532013000");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().detail.find("'XY'"), std::string::npos) << unknown.error().detail;
  auto digits_first = normalize_iban("1289370400440532013000");
  ASSERT_FALSE(digits_first);
  EXPECT_NE(digits_first.error().detail.find("country code"), std::string::npos);
  auto letters_as_check = normalize_iban("DEAB370400440532013000");
  ASSERT_FALSE(letters_as_check);
  EXPECT_NE(letters_as_check.error().detail.find("check digits"), std::string::npos);
}

// Check digits are 98 minus a remainder, so 00, 01 and 99 never occur. 01 and 98 leave the
// same remainder modulo 97, so an IBAN whose check digits are 98 has a twin with 01 that
// passes the mod-97 test alone; it must still be rejected.
TEST(Iban, RejectsImpossibleCheckDigits) {
  std::string bban_with_98;
  for (int n = 0; n < 10000 && bban_with_98.empty(); ++n) {
    const std::string suffix = std::to_string(n);
    const std::string bban = "37040044053201" + std::string(4 - suffix.size(), '0') + suffix;
    if (normalize_iban("DE98" + bban)) bban_with_98 = bban;
  }
  ASSERT_FALSE(bban_with_98.empty());
  auto twin = normalize_iban("DE01" + bban_with_98);
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::iban_invalid);
  EXPECT_NE(twin.error().detail.find("impossible"), std::string::npos) << twin.error().detail;
  EXPECT_FALSE(normalize_iban("DE00" + bban_with_98));
  EXPECT_FALSE(normalize_iban("DE99" + bban_with_98));
}

TEST(Iban, FormatsInGroupsOfFour) {
  EXPECT_EQ(format_iban("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
  EXPECT_EQ(format_iban("NO9386011117947"), "NO93 8601 1117 947");
  EXPECT_EQ(format_iban("de89 3704 0044 0532 0130 00"), "DE89 3704 0044 0532 0130 00");
  EXPECT_EQ(format_iban(""), "");
}

TEST(Iban, KnowsTheLengthsOfSepaCountries) {
  EXPECT_EQ(iban_length("DE"), 22);
  EXPECT_EQ(iban_length("AT"), 20);
  EXPECT_EQ(iban_length("NO"), 15);
  EXPECT_EQ(iban_length("MT"), 31);
  EXPECT_EQ(iban_length("FR"), 27);
  EXPECT_EQ(iban_length("US"), 0);
}

}  // namespace
}  // namespace kulanz::documents
