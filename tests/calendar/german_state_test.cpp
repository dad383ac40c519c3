#include "calendar/german_state.hpp"

#include <gtest/gtest.h>

namespace kulanz::calendar {
namespace {

TEST(GermanStateCodes, ParseEveryCodeAndRoundTrip) {
  for (GermanState s : all_german_states()) {
    auto parsed = parse_german_state(code(s));
    ASSERT_TRUE(parsed.has_value()) << code(s);
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(all_german_states().size(), 16u);
  EXPECT_EQ(code(GermanState::BY), "BY");
  EXPECT_EQ(german_name(GermanState::TH), "Thüringen");
}

TEST(GermanStateCodes, AcceptsLowerCaseSpacesAndIsoPrefix) {
  EXPECT_EQ(parse_german_state("by").value(), GermanState::BY);
  EXPECT_EQ(parse_german_state(" nw ").value(), GermanState::NW);
  EXPECT_EQ(parse_german_state("DE-SN").value(), GermanState::SN);
  EXPECT_EQ(parse_german_state("de-sh").value(), GermanState::SH);
}

TEST(GermanStateCodes, RejectsUnknownCodesListingTheValidOnes) {
  for (const char* bad : {"", "XX", "Bayern", "B", "BYY", "DE-", "AT"}) {
    auto r = parse_german_state(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, base::ErrorCode::state_invalid);
    EXPECT_NE(r.error().detail.find("BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH"), std::string::npos)
        << r.error().detail;
  }
}

}  // namespace
}  // namespace kulanz::calendar
