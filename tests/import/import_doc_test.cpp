// docs/IMPORT.md must list every canonical column and alias the importer accepts.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "importers/column_aliases.hpp"
#include "importers/fields.hpp"

namespace kulanz::importers {
namespace {

std::string read_doc() {
  std::ifstream in(KULANZ_IMPORT_DOC);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ImportDoc, ListsEveryColumnAndAlias) {
  const std::string doc = read_doc();
  ASSERT_FALSE(doc.empty()) << "cannot read " << KULANZ_IMPORT_DOC;
  for (auto kind : {RecordKind::customer, RecordKind::invoice, RecordKind::credit_note, RecordKind::payment}) {
    const std::string section = "### " + std::string(to_string(kind));
    auto at = doc.find(section);
    ASSERT_NE(at, std::string::npos) << section;
    auto end = doc.find("\n### ", at + section.size());
    const std::string table = doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
    for (const auto& f : fields_of(kind)) {
      EXPECT_NE(table.find("`" + std::string(f.name) + "`"), std::string::npos) << section << ": " << f.name;
      for (auto alias : column_aliases(kind, f.name)) {
        EXPECT_NE(table.find(std::string(alias)), std::string::npos) << section << ": " << f.name << " alias " << alias;
      }
    }
  }
}

}  // namespace
}  // namespace kulanz::importers
