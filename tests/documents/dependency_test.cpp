// The module's dependency rule (src/documents/README.md), checked on the sources: project
// headers come only from base, money, calendar and documents itself.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace kulanz::documents {
namespace {

TEST(Dependencies, OnlyBaseMoneyCalendarAndItself) {
  int files = 0;
  const auto violations = test_support::include_violations(KULANZ_DOCUMENTS_SOURCE_DIR, {"base", "money", "calendar", "documents"}, &files);
  for (const auto& v : violations) ADD_FAILURE() << v;
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace kulanz::documents
