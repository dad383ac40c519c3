// API keys, users, memberships and web sessions.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

TEST_P(StoreTest, ApiKeysAreFoundByHashOnly) {
  auto c = creditor("swb");
  ports::ApiKeyRecord k;
  k.creditor_id = c.id;
  k.prefix = "kz_live_ab";
  k.secret_hash = std::string(64, 'a');
  k.label = "ERP-Anbindung Büro";
  k.created_unix = 1780000000;
  auto created = store().create_api_key(k);
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  EXPECT_TRUE(created->id.valid());
  auto found = store().api_key_by_hash(std::string(64, 'a'));
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, created->id);
  EXPECT_EQ((*found)->creditor_id, c.id);
  EXPECT_EQ((*found)->prefix, "kz_live_ab");
  EXPECT_EQ((*found)->label, "ERP-Anbindung Büro");
  EXPECT_EQ((*found)->created_unix, 1780000000);
  EXPECT_FALSE((*found)->revoked);
  auto missing = store().api_key_by_hash(std::string(64, 'b'));
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());
  auto dup = store().create_api_key(k);
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::db_constraint);
  ports::ApiKeyRecord stray = k;
  stray.secret_hash = std::string(64, 'c');
  stray.creditor_id = CreditorId(999999);
  auto orphan = store().create_api_key(stray);
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::db_constraint);
}

TEST_P(StoreTest, ApiKeysAreListedAndRevokedPerCreditorOnly) {
  auto a = creditor("alpha");
  auto b = creditor("beta");
  auto make = [](CreditorId c, std::string prefix, char fill) {
    ports::ApiKeyRecord k;
    k.creditor_id = c;
    k.prefix = std::move(prefix);
    k.secret_hash = std::string(64, fill);
    k.label = "erp";
    k.created_unix = 1780000000;
    return k;
  };
  ASSERT_TRUE(store().create_api_key(make(a.id, "aaaa1111", 'd')).has_value());
  ASSERT_TRUE(store().create_api_key(make(a.id, "aaaa2222", 'e')).has_value());
  ASSERT_TRUE(store().create_api_key(make(b.id, "bbbb1111", 'f')).has_value());
  auto listed = store().list_api_keys(a.id);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].prefix, "aaaa1111");
  EXPECT_EQ((*listed)[1].prefix, "aaaa2222");
  // Another creditor cannot revoke alpha's key.
  auto foreign = store().revoke_api_key(b.id, "aaaa1111");
  ASSERT_TRUE(foreign.has_value());
  EXPECT_FALSE(*foreign);
  EXPECT_FALSE((*store().api_key_by_hash(std::string(64, 'd')))->revoked);
  auto own = store().revoke_api_key(a.id, "aaaa1111");
  ASSERT_TRUE(own.has_value());
  EXPECT_TRUE(*own);
  EXPECT_TRUE((*store().api_key_by_hash(std::string(64, 'd')))->revoked);
  EXPECT_FALSE((*store().api_key_by_hash(std::string(64, 'e')))->revoked);
  EXPECT_FALSE((*store().api_key_by_hash(std::string(64, 'f')))->revoked);
  auto none = store().revoke_api_key(a.id, "nothere0");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(*none);
}

TEST_P(StoreTest, UsersAreListedByAscendingId) {
  for (const char* email : {"b@example.de", "a@example.de", "c@example.de"}) {
    ports::User u;
    u.email = email;
    u.display_name = "Jörg";
    u.password_hash = "$argon2id$x";
    ASSERT_TRUE(store().create_user(u).has_value());
  }
  auto users = store().list_users();
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].email, "b@example.de");
  EXPECT_EQ((*users)[2].email, "c@example.de");
  EXPECT_LT((*users)[0].id.value, (*users)[1].id.value);
  EXPECT_EQ((*users)[1].display_name, "Jörg");
}

TEST_P(StoreTest, UsersMembershipsAndSessions) {
  auto a = creditor("aaa");
  auto b = creditor("bbb");
  ports::User u;
  u.email = "Anna.Schäfer@Example.DE";
  u.display_name = "Anna Schäfer";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  auto created = store().create_user(u);
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->email, "anna.schäfer@example.de");
  auto by_email = store().user_by_email("ANNA.schäfer@example.de");
  ASSERT_TRUE(by_email.has_value() && by_email->has_value());
  EXPECT_EQ((*by_email)->id, created->id);
  EXPECT_EQ((*by_email)->display_name, "Anna Schäfer");
  EXPECT_EQ((*by_email)->password_hash, u.password_hash);
  EXPECT_FALSE((*by_email)->disabled);
  auto by_id = store().user_by_id(created->id);
  ASSERT_TRUE(by_id.has_value() && by_id->has_value());
  EXPECT_EQ((*by_id)->email, "anna.schäfer@example.de");
  EXPECT_FALSE(store().user_by_id(UserId(777))->has_value());
  auto dup = store().create_user(u);
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::db_constraint);
  EXPECT_EQ(dup.error().field, "email");

  ASSERT_TRUE(store().add_membership({b.id, created->id, ports::Role::collector}).has_value());
  ASSERT_TRUE(store().add_membership({a.id, created->id, ports::Role::read_only}).has_value());
  ASSERT_TRUE(store().add_membership({a.id, created->id, ports::Role::admin}).has_value());  // changes the role
  auto ms = store().memberships(created->id);
  ASSERT_TRUE(ms.has_value());
  ASSERT_EQ(ms->size(), 2u);
  EXPECT_EQ((*ms)[0].creditor_id, a.id);
  EXPECT_EQ((*ms)[0].role, ports::Role::admin);
  EXPECT_EQ((*ms)[1].creditor_id, b.id);
  EXPECT_EQ((*ms)[1].role, ports::Role::collector);
  EXPECT_FALSE(store().add_membership({CreditorId(999), created->id, ports::Role::admin}).has_value());

  ports::WebSession s;
  s.token_hash = std::string(64, 'f');
  s.user_id = created->id;
  s.csrf_token = "csrf-123";
  s.created_unix = 1000;
  s.expires_unix = 2000;
  ASSERT_TRUE(store().create_session(s).has_value());
  auto live = store().session_by_hash(s.token_hash, 1999);
  ASSERT_TRUE(live.has_value() && live->has_value());
  EXPECT_EQ((*live)->user_id, created->id);
  EXPECT_EQ((*live)->csrf_token, "csrf-123");
  EXPECT_EQ((*live)->created_unix, 1000);
  EXPECT_EQ((*live)->expires_unix, 2000);
  auto expired = store().session_by_hash(s.token_hash, 2000);
  ASSERT_TRUE(expired.has_value());
  EXPECT_FALSE(expired->has_value());
  ASSERT_TRUE(store().delete_session(s.token_hash).has_value());
  auto gone = store().session_by_hash(s.token_hash, 1500);
  ASSERT_TRUE(gone.has_value());
  EXPECT_FALSE(gone->has_value());
  ports::WebSession orphan = s;
  orphan.token_hash = std::string(64, 'e');
  orphan.user_id = UserId(4242);
  EXPECT_EQ(store().create_session(orphan).error().code, ErrorCode::db_constraint);
}

}  // namespace
}  // namespace kulanz::store_test
