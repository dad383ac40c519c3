// The module's dependency rule (src/documents/README.md), checked on the sources: project
// headers come only from base, money, calendar and documents itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace kulanz::documents {
namespace {

TEST(Dependencies, OnlyBaseMoneyCalendarAndItself) {
  const std::set<std::string> allowed{"base", "money", "calendar", "documents"};
  const std::filesystem::path dir = KULANZ_DOCUMENTS_SOURCE_DIR;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".hpp" && ext != ".cpp") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.rfind("#include \"", 0) != 0) continue;
      const std::string target = line.substr(10, line.find('"', 10) - 10);
      const std::string module = target.substr(0, target.find('/'));
      EXPECT_TRUE(target.find('/') != std::string::npos && allowed.count(module))
          << entry.path().filename().string() << ":" << number << " includes \"" << target << "\"";
    }
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace kulanz::documents
