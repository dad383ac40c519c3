// The module's dependency rule (src/channels/README.md), checked on the sources: project
// headers come only from base and channels itself.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace kulanz::channels {
namespace {

TEST(Dependencies, OnlyBaseSecurityAndItself) {
  int files = 0;
  const auto violations = test_support::include_violations(KULANZ_CHANNELS_SOURCE_DIR, {"base", "channels", "security"}, &files);
  for (const auto& v : violations) ADD_FAILURE() << v;
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace kulanz::channels
