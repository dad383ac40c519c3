// SMS length: characters, the GSM-7 alphabet and segments.
#include <gtest/gtest.h>

#include <string>

#include "comms/sms.hpp"

namespace kulanz::comms {
namespace {

TEST(Sms, GermanUmlautsAreGsm7AndTheEuroSignCountsTwice) {
  auto info = measure_sms("Grüße: 12,50 € für Müßig");
  EXPECT_TRUE(info.gsm7);
  EXPECT_EQ(info.characters, 24U);
  EXPECT_EQ(info.units, 25U);
  EXPECT_EQ(info.segments, 1U);
}

TEST(Sms, SegmentsOfGsm7) {
  EXPECT_EQ(measure_sms(std::string(160, 'a')).segments, 1U);
  EXPECT_EQ(measure_sms(std::string(161, 'a')).segments, 2U);
  EXPECT_EQ(measure_sms(std::string(306, 'a')).segments, 2U);
  EXPECT_EQ(measure_sms(std::string(307, 'a')).segments, 3U);
  EXPECT_EQ(measure_sms(std::string(159, 'a') + "€").segments, 2U);  // 161 septets
  EXPECT_EQ(measure_sms("").segments, 0U);
}

TEST(Sms, CharactersOutsideGsm7NeedUcs2) {
  auto info = measure_sms("Bitte zahlen – danke");  // en dash
  EXPECT_FALSE(info.gsm7);
  EXPECT_EQ(info.characters, 20U);
  EXPECT_EQ(info.units, 20U);
  EXPECT_EQ(info.segments, 1U);
  std::string long_text(70, 'a');
  EXPECT_EQ(measure_sms(long_text + "–").segments, 2U);  // 71 UTF-16 units
  EXPECT_EQ(measure_sms("😊").units, 2U);                // a surrogate pair
  EXPECT_FALSE(measure_sms("`").gsm7);
}

}  // namespace
}  // namespace kulanz::comms
