// Authentication of the REST API with per-creditor API keys.
#include "api_test_server.hpp"
#include "http/api_keys.hpp"
#include "security/security.hpp"

namespace kulanz::testing {
namespace {

using ApiAuthTest = ApiServerTest;

TEST_F(ApiAuthTest, MissingKeyIs401WithBearerChallenge) {
  auto r = client().get("/api/v1/customers", "");
  auto problem = expect_problem(r, 401, 5001, "Authorization");
  EXPECT_EQ(r.header("www-authenticate"), "Bearer realm=\"kulanz\"");
  EXPECT_NE(str(problem, "detail").find("kulanz apikey create"), std::string::npos) << r.body;
}

TEST_F(ApiAuthTest, OtherSchemeIs401) {
  auto r = client().send("GET", "/api/v1/customers", {}, {{"Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"}});
  expect_problem(r, 401, 5001, "Authorization");
  EXPECT_NE(r.header("www-authenticate").find("Bearer"), std::string::npos);
}

TEST_F(ApiAuthTest, MalformedAndUnknownKeysAre401InvalidToken) {
  for (const std::string key : {"not-a-key", "kz_zzzzzzzz_abc", "kz_0123abcd_thisKeyWasNeverCreated"}) {
    auto r = client().get("/api/v1/customers", key);
    expect_problem(r, 401, 5001, "Authorization");
    EXPECT_EQ(r.header("www-authenticate"), "Bearer realm=\"kulanz\", error=\"invalid_token\"") << key;
  }
}

TEST_F(ApiAuthTest, KeyWithAlteredSecretIs401) {
  std::string key = acme_key_;
  key.back() = key.back() == 'A' ? 'B' : 'A';
  expect_problem(client().get("/api/v1/customers", key), 401, 5001);
  EXPECT_EQ(client().get("/api/v1/customers", acme_key_).status, 200);
}

TEST_F(ApiAuthTest, RevokedKeyIs401) {
  // A key stored as revoked (what revocation leaves in the store).
  ASSERT_TRUE(security::init());
  std::string key = "kz_0badc0de_" + security::random_token(32);
  ports::ApiKeyRecord record;
  record.creditor_id = acme_.id;
  record.prefix = "0badc0de";
  record.secret_hash = security::sha256_hex(key);
  record.label = "revoked";
  record.revoked = true;
  ASSERT_TRUE(store().create_api_key(record));
  auto r = client().get("/api/v1/customers", key);
  auto problem = expect_problem(r, 401, 5001, "Authorization");
  EXPECT_NE(str(problem, "detail").find("revoked"), std::string::npos) << r.body;
  EXPECT_NE(r.header("www-authenticate").find("invalid_token"), std::string::npos);
}

TEST_F(ApiAuthTest, BearerSchemeIsCaseInsensitive) {
  auto r = client().send("GET", "/api/v1/summary", {}, {{"Authorization", "bearer " + acme_key_}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiAuthTest, CreatedKeysHaveTheDocumentedShapeAndAreStoredHashed) {
  auto parts = http::parse_api_key(acme_key_);
  ASSERT_TRUE(parts.has_value()) << acme_key_;
  EXPECT_EQ(parts->prefix.size(), http::kApiKeyPrefixLength);
  auto stored = store().api_key_by_hash(security::sha256_hex(acme_key_));
  ASSERT_TRUE(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->creditor_id, acme_.id);
  EXPECT_EQ((*stored)->prefix, std::string(parts->prefix));
  EXPECT_EQ((*stored)->secret_hash.find(std::string(parts->secret)), std::string::npos);
  EXPECT_FALSE((*stored)->revoked);
}

TEST_F(ApiAuthTest, OpenApiDocumentNeedsNoKey) {
  auto r = client().get("/api/v1/openapi.json", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(str(r.json(), "openapi"), "3.1.0");
}

TEST_F(ApiAuthTest, EveryAuthenticatedRouteRejectsRequestsWithoutKey) {
  for (const auto& route : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/customers"}, {"GET", "/api/v1/customers/k1"}, {"PUT", "/api/v1/customers/k1"},
           {"POST", "/api/v1/invoices/batch"}, {"GET", "/api/v1/customers/k1/balance"},
           {"GET", "/api/v1/customers/k1/open-items"}, {"GET", "/api/v1/customers/k1/statement"},
           {"GET", "/api/v1/summary"}, {"GET", "/api/v1/payments"}, {"GET", "/api/v1/credit-notes/x"}}) {
    auto r = client().send(route.first, route.second, "{}", {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 401) << route.first << " " << route.second << ": " << r.body;
  }
}

}  // namespace
}  // namespace kulanz::testing
