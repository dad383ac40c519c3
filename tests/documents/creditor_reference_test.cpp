// ISO 11649 creditor references: published examples, check digits computed by MOD 97-10,
// and each way a reference can be wrong.
#include <gtest/gtest.h>

#include <cctype>

#include "documents/creditor_reference.hpp"

namespace kulanz::documents {
namespace {

using base::ErrorCode;

TEST(CreditorReference, MakesThePublishedExamples) {
  EXPECT_EQ(make_rf("539007547034").value(), "RF18539007547034");
  EXPECT_EQ(make_rf("2348231").value(), "RF712348231");
  EXPECT_EQ(make_rf("G72UUR").value(), "RF45G72UUR");
}

TEST(CreditorReference, BodyIsCaseInsensitiveAndMayContainSpaces) {
  EXPECT_EQ(make_rf("g72uur").value(), "RF45G72UUR");
  EXPECT_EQ(make_rf("5390 0754 7034").value(), "RF18539007547034");
}

// The check digits always have two digits: a body whose remainder gives a single-digit
// check value is written with a leading zero.
TEST(CreditorReference, CheckDigitsAreTwoDigitsAndVerify) {
  int with_leading_zero = 0;
  for (int n = 1; n <= 300; ++n) {
    auto rf = make_rf(std::to_string(n));
    ASSERT_TRUE(rf);
    ASSERT_EQ(rf->substr(0, 2), "RF");
    ASSERT_TRUE(std::isdigit(static_cast<unsigned char>((*rf)[2])) && std::isdigit(static_cast<unsigned char>((*rf)[3])));
    if ((*rf)[2] == '0') ++with_leading_zero;
    auto back = normalize_rf(*rf);
    ASSERT_TRUE(back) << *rf << ": " << back.error().to_string();
    EXPECT_EQ(*back, *rf);
  }
  EXPECT_GT(with_leading_zero, 0);
}

TEST(CreditorReference, BodyLimits) {
  EXPECT_TRUE(make_rf("1"));
  EXPECT_TRUE(make_rf("123456789012345678901"));  // 21 characters
  auto too_long = make_rf("1234567890123456789012");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::reference_invalid);
  EXPECT_EQ(too_long.error().field, "reference");
  EXPECT_NE(too_long.error().detail.find("at most 21"), std::string::npos) << too_long.error().detail;
  auto empty = make_rf(" ");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().detail.find("empty"), std::string::npos);
  auto dash = make_rf("RE-2026-0001");
  ASSERT_FALSE(dash);
  EXPECT_NE(dash.error().detail.find("'-' at position 3"), std::string::npos) << dash.error().detail;
}

TEST(CreditorReference, NormalizesPrintedForm) {
  EXPECT_EQ(normalize_rf("RF18 5390 0754 7034").value(), "RF18539007547034");
  EXPECT_EQ(normalize_rf("rf45g72uur").value(), "RF45G72UUR");
  EXPECT_EQ(normalize_rf("RF71 2348 231").value(), "RF712348231");
}

TEST(CreditorReference, RejectsWrongCheckDigits) {
  for (const char* wrong : {"RF19539007547034", "RF18539007547035", "RF18539007547043", "RF81539007547034"}) {
    auto result = normalize_rf(wrong);
    ASSERT_FALSE(result) << wrong;
    EXPECT_EQ(result.error().code, ErrorCode::reference_invalid);
    EXPECT_EQ(result.error().field, "reference");
    EXPECT_NE(result.error().detail.find("check digits"), std::string::npos) << result.error().detail;
  }
}

TEST(CreditorReference, RejectsMalformedReferences) {
  auto no_prefix = normalize_rf("539007547034");
  ASSERT_FALSE(no_prefix);
  EXPECT_NE(no_prefix.error().detail.find("starts with 'RF'"), std::string::npos) << no_prefix.error().detail;
  auto letters_as_check = normalize_rf("RFAB539007547034");
  ASSERT_FALSE(letters_as_check);
  EXPECT_NE(letters_as_check.error().detail.find("must be digits"), std::string::npos);
  auto no_body = normalize_rf("RF18");
  ASSERT_FALSE(no_body);
  EXPECT_NE(no_body.error().detail.find("1 to 21"), std::string::npos) << no_body.error().detail;
  auto too_long = normalize_rf("RF18 1234 5678 9012 3456 7890 12");
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().detail.find("1 to 21"), std::string::npos) << too_long.error().detail;
  auto slash = normalize_rf("RF18/539007547034");
  ASSERT_FALSE(slash);
  EXPECT_NE(slash.error().detail.find("'/' at position 5"), std::string::npos) << slash.error().detail;
}

TEST(CreditorReference, FormatsInGroupsOfFour) {
  EXPECT_EQ(format_rf("RF18539007547034"), "RF18 5390 0754 7034");
  EXPECT_EQ(format_rf("RF712348231"), "RF71 2348 231");
  EXPECT_EQ(format_rf("rf45 g72uur"), "RF45 G72U UR");
}

}  // namespace
}  // namespace kulanz::documents
