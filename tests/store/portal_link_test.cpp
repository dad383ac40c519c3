// Portal links on both databases: one stable link per customer, found again by its token,
// another per customer and creditor, revocation ends the old link, the database keeps only
// hashes, the secret is generated once and shared, a configured secret is used instead.
#include <set>
#include <string>

#include "services/portal_links.hpp"
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

TEST_P(StoreTest, PortalLinksAreStableFoundByTokenAndRevocable) {
  auto a = creditor("swb");
  auto b = creditor("other");
  auto k1 = customer(a.id, "K-1");
  auto k2 = customer(a.id, "K-2");
  auto x1 = customer(b.id, "K-1");
  services::PortalLinkSettings s;
  s.public_url = "https://forderungen.example.de/";

  auto first = services::portal_link(store(), s, a.id, k1.id, 1000);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  EXPECT_EQ(first->token.size(), 22u);
  EXPECT_EQ(first->url, "https://forderungen.example.de/p/" + first->token);
  EXPECT_EQ(first->generation, 1);
  auto again = services::portal_link(store(), s, a.id, k1.id, 2000);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->token, first->token) << "the link stays the same until revoked";

  std::set<std::string> tokens{first->token};
  for (auto c : {k2, x1}) {
    auto other = services::portal_link(store(), s, c.creditor_id, c.id, 1000);
    ASSERT_TRUE(other.has_value()) << other.error().to_string();
    EXPECT_TRUE(tokens.insert(other->token).second) << "every customer of every creditor has a link of its own";
  }

  auto found = services::resolve_portal_token(store(), first->token);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->creditor_id, a.id);
  EXPECT_EQ((*found)->customer_id, k1.id);
  EXPECT_NE((*found)->token_sha256, first->token) << "only a hash is stored";
  EXPECT_EQ((*found)->token_sha256.size(), 64u);
  for (const char* bad : {"", "short", "AAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd////////"}) {
    auto none = services::resolve_portal_token(store(), bad);
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->has_value()) << bad;
  }

  auto renewed = services::revoke_portal_link(store(), s, a.id, k1.id, 3000);
  ASSERT_TRUE(renewed.has_value()) << renewed.error().to_string();
  EXPECT_EQ(renewed->generation, 2);
  EXPECT_NE(renewed->token, first->token);
  EXPECT_FALSE(services::resolve_portal_token(store(), first->token)->has_value()) << "a revoked link stops working";
  auto now = services::resolve_portal_token(store(), renewed->token);
  ASSERT_TRUE(now.has_value() && now->has_value());
  EXPECT_EQ((*now)->customer_id, k1.id);
  EXPECT_EQ(services::portal_link(store(), s, a.id, k1.id, 4000)->token, renewed->token);

  // Another secret derives other tokens; the stored link then refuses instead of printing a
  // link that would not open.
  services::PortalLinkSettings configured = s;
  configured.secret = "a configured secret of at least some length";
  auto mismatch = services::portal_link(store(), configured, a.id, k1.id, 5000);
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().code, base::ErrorCode::conflict);
  auto fresh = services::revoke_portal_link(store(), configured, a.id, k1.id, 5000);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(services::portal_link(store(), configured, a.id, k1.id, 6000)->token, fresh->token);
}

TEST_P(StoreTest, InstanceSecretIsCreatedOnceAndShared) {
  auto first = store().instance_secret("portal_link", "candidate-1", 100);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  EXPECT_EQ(*first, "candidate-1");
  auto second = store().instance_secret("portal_link", "candidate-2", 200);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, "candidate-1") << "the first writer wins";
  EXPECT_EQ(*store().instance_secret("other", "x", 300), "x");
}

}  // namespace
}  // namespace kulanz::store_test
