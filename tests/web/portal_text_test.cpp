// The portal's words: every key in German and English with the same placeholders, no key
// twice, every {{t.key}} of a portal template in the catalog; amounts and dates per language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http/portal_text.hpp"

namespace kulanz::webtest {
namespace {

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  std::string s(text);
  std::regex re("\\{[0-9]\\}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

TEST(PortalText, EveryKeyOnceInBothLanguagesWithTheSamePlaceholders) {
  std::set<std::string_view> seen;
  for (const auto& s : http::portal_strings()) {
    EXPECT_TRUE(seen.insert(s.key).second) << "twice: " << s.key;
    EXPECT_FALSE(s.de.empty()) << s.key;
    EXPECT_FALSE(s.en.empty()) << s.key;
    EXPECT_EQ(placeholders(s.de), placeholders(s.en)) << s.key;
  }
  EXPECT_GT(seen.size(), 100u);
}

TEST(PortalText, EveryKeyATemplateUsesExists) {
  int files = 0, uses = 0;
  std::regex re("\\{\\{t\\.([a-z0-9_]+)\\}\\}");
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(KULANZ_WEB_DIR) / "templates")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("portal_", 0) != 0) continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
      ++uses;
      EXPECT_FALSE(http::portal_text((*it)[1].str(), domain::Language::de).empty()) << name << ": t." << (*it)[1].str();
    }
  }
  EXPECT_GE(files, 8);
  EXPECT_GT(uses, 20);
}

TEST(PortalText, FormatsFillPlaceholdersAndAmountsAndDatesFollowTheLanguage) {
  EXPECT_EQ(http::portal_format("overdue_many", domain::Language::de, {"3", "12,00 €"}),
            "3 Posten sind überfällig: zusammen 12,00 €.");
  EXPECT_EQ(http::portal_format("overdue_many", domain::Language::en, {"3", "€12.00"}), "3 items are overdue: €12.00 in total.");
  EXPECT_EQ(http::portal_money(123456, "EUR", domain::Language::de), "1.234,56\u00a0€");
  EXPECT_EQ(http::portal_money(123456, "EUR", domain::Language::en), "€1,234.56");
  auto d = calendar::Date::from_ymd(2026, 11, 23).value();
  EXPECT_EQ(http::portal_date(d, domain::Language::de), "23.11.2026");
  EXPECT_EQ(http::portal_date(d, domain::Language::en), "23 Nov 2026");
  EXPECT_TRUE(http::portal_text("no such key", domain::Language::de).empty());
}

}  // namespace
}  // namespace kulanz::webtest
