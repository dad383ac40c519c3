// The module's dependency rule (src/portal/README.md), checked on the sources.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace kulanz::portal {
namespace {

TEST(Dependencies, OnlyPureModules) {
  int files = 0;
  const auto violations = test_support::include_violations(
      KULANZ_PORTAL_SOURCE_DIR, {"base", "money", "calendar", "domain", "engine", "portal"}, &files);
  for (const auto& v : violations) ADD_FAILURE() << v;
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace kulanz::portal
