// BIC (ISO 9362): shape checks with the error naming the part that is wrong.
#include <gtest/gtest.h>

#include "documents/bic.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

TEST(Bic, AcceptsEightAndElevenCharacters) {
  EXPECT_EQ(normalize_bic("COBADEFFXXX").value(), "COBADEFFXXX");
  EXPECT_EQ(normalize_bic("COBADEFF").value(), "COBADEFF");
  EXPECT_EQ(normalize_bic("DEUTDEDB110").value(), "DEUTDEDB110");
  EXPECT_EQ(normalize_bic("BFSWDE33BER").value(), "BFSWDE33BER");
}

TEST(Bic, StripsSpacesAndUpperCases) {
  EXPECT_EQ(normalize_bic(" coba de ff xxx ").value(), "COBADEFFXXX");
}

TEST(Bic, RejectsWrongLengths) {
  for (const char* bic : {"COBADEF", "COBADEFFX", "COBADEFFXX", "COBADEFFXXXX"}) {
    auto result = normalize_bic(bic);
    ASSERT_FALSE(result) << bic;
    EXPECT_EQ(result.error().code, ErrorCode::bic_invalid);
    EXPECT_EQ(result.error().field, "bic");
    EXPECT_NE(result.error().detail.find("8 or 11 characters"), std::string::npos) << result.error().detail;
  }
}

TEST(Bic, BankCodeMustBeLetters) {
  auto result = normalize_bic("C0BADEFFXXX");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::bic_invalid);
  EXPECT_NE(result.error().detail.find("bank code"), std::string::npos) << result.error().detail;
  EXPECT_NE(result.error().detail.find("position 2"), std::string::npos) << result.error().detail;
}

TEST(Bic, CountryCodeMustBeLetters) {
  auto result = normalize_bic("COBAD3FFXXX");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().detail.find("country code"), std::string::npos) << result.error().detail;
  EXPECT_NE(result.error().detail.find("position 6"), std::string::npos) << result.error().detail;
}

TEST(Bic, RejectsEmptyAndPunctuation) {
  auto empty = normalize_bic("");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().detail.find("empty"), std::string::npos);
  auto dash = normalize_bic("COBA-DEFF");
  ASSERT_FALSE(dash);
  EXPECT_NE(dash.error().detail.find("'-' at position 5"), std::string::npos) << dash.error().detail;
}

}  // namespace
}  // namespace kulanz::documents
