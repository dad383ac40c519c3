#include <gtest/gtest.h>

#include "domain/reference_match.hpp"

namespace kulanz::domain {
namespace {

TEST(ReferenceMentions, FindsWholeNumbersCaseInsensitively) {
  EXPECT_TRUE(reference_mentions("Rechnung RE-2026-0001", "RE-2026-0001"));
  EXPECT_TRUE(reference_mentions("re-2026-0001 danke", "RE-2026-0001"));
  EXPECT_TRUE(reference_mentions("RE-1", "RE-1"));
  EXPECT_TRUE(reference_mentions("RE-1, RE-2", "RE-1"));
  EXPECT_TRUE(reference_mentions("RE-1, RE-2", "RE-2"));
  EXPECT_TRUE(reference_mentions("Rechnung RE-1.", "RE-1"));
  EXPECT_TRUE(reference_mentions("RG:100;101", "100"));
  EXPECT_TRUE(reference_mentions("(4711)", "4711"));
  EXPECT_TRUE(reference_mentions("Zahlung für Rechnung 4711 März", "4711"));  // umlauts are boundaries
}

TEST(ReferenceMentions, DoesNotFindPartsOfLongerTokens) {
  EXPECT_FALSE(reference_mentions("RE-10", "RE-1"));
  EXPECT_FALSE(reference_mentions("XRE-1", "RE-1"));
  EXPECT_FALSE(reference_mentions("RE-100", "100"));
  EXPECT_FALSE(reference_mentions("100/2026", "100"));
  EXPECT_FALSE(reference_mentions("Zahlung vom 01.02.2026", "2026"));
  EXPECT_FALSE(reference_mentions("KD_4711", "4711"));
  EXPECT_FALSE(reference_mentions("47110", "4711"));
  EXPECT_TRUE(reference_mentions("100/2026", "100/2026"));
}

TEST(ReferenceMentions, NeverFindsEmptyOrSymbolOnlyNumbers) {
  EXPECT_FALSE(reference_mentions("anything", ""));
  EXPECT_FALSE(reference_mentions("anything", "   "));
  EXPECT_FALSE(reference_mentions("a - b", "-"));
  EXPECT_FALSE(reference_mentions("", "RE-1"));
  EXPECT_FALSE(reference_mentions("RE", "RE-1"));
}

TEST(ReferenceMentions, IgnoresBlanksAroundTheNumber) {
  EXPECT_TRUE(reference_mentions("Rechnung RE-7", " RE-7 "));
  EXPECT_FALSE(reference_mentions("Rechnung RE-77", " RE-7\t"));
}

}  // namespace
}  // namespace kulanz::domain
