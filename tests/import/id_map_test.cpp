#include "importers/id_map.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace kulanz::importers {
namespace {

TEST(IdMap, InsertFindAndKeepFirstValue) {
  IdMap<std::uint32_t> m;
  EXPECT_TRUE(m.try_emplace("R-1", 2).second);
  auto [v, inserted] = m.try_emplace("R-1", 9);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*v, 2u);
  EXPECT_EQ(m.find("R-2"), nullptr);
  EXPECT_TRUE(m.try_emplace("", 5).second);  // the empty id is a key like any other
  EXPECT_EQ(*m.find(""), 5u);
  EXPECT_EQ(m.size(), 2u);
}

TEST(IdMap, AgreesWithUnorderedMapAcrossRehashes) {
  IdMap<std::uint32_t> m;
  std::unordered_map<std::string, std::uint32_t> reference;
  for (std::uint32_t i = 0; i < 50000; ++i) {
    // Ids that share long prefixes and differ only in their last bytes.
    std::string id = "RE-2026-" + std::to_string(i % 37000) + (i % 3 ? "" : "-Ü");
    auto [v, inserted] = m.try_emplace(id, i);
    auto [it, ref_inserted] = reference.try_emplace(id, i);
    ASSERT_EQ(inserted, ref_inserted) << id;
    ASSERT_EQ(*v, it->second) << id;
  }
  EXPECT_EQ(m.size(), reference.size());
  for (const auto& [id, value] : reference) {
    const auto* found = m.find(id);
    ASSERT_NE(found, nullptr) << id;
    EXPECT_EQ(*found, value);
  }
  EXPECT_EQ(m.find("RE-2026-37001"), nullptr);
}

TEST(HashId, DependsOnEveryByte) {
  EXPECT_NE(hash_id("K0000001"), hash_id("K0000002"));
  EXPECT_NE(hash_id("K00000010"), hash_id("K00000011"));
  EXPECT_NE(hash_id("a"), hash_id(std::string_view("a\0", 2)));
  EXPECT_EQ(hash_id("Müller"), hash_id(std::string("Müller")));
}

}  // namespace
}  // namespace kulanz::importers
