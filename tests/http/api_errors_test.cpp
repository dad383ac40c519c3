// Problem details for routing, content type, body size and malformed JSON.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

using ApiErrorsTest = ApiServerTest;

TEST_F(ApiErrorsTest, UnknownRouteIs404Problem) {
  auto r = client().get("/api/v1/debtors", acme_key_);
  auto problem = expect_problem(r, 404, 5003);
  EXPECT_EQ(str(problem, "instance"), "/api/v1/debtors");
}

TEST_F(ApiErrorsTest, WrongMethodIs405WithAllow) {
  auto r = client().send("DELETE", "/api/v1/customers/K-1", {}, {{"Authorization", "Bearer " + acme_key_}});
  expect_problem(r, 405, 5004);
  EXPECT_NE(r.header("allow").find("GET"), std::string::npos) << r.header("allow");
  EXPECT_NE(r.header("allow").find("PUT"), std::string::npos) << r.header("allow");
  auto post = client().send("POST", "/api/v1/summary", "{}", {{"Content-Type", "application/json"}});
  expect_problem(post, 405, 5004);
  EXPECT_EQ(post.header("allow"), "GET");
}

TEST_F(ApiErrorsTest, WrongContentTypeIs415) {
  auto r = client().send("PUT", "/api/v1/customers/K-1", R"({"name": "A"})",
                         {{"Authorization", "Bearer " + acme_key_}, {"Content-Type", "text/plain"}});
  auto problem = expect_problem(r, 415, 5011, "Content-Type");
  EXPECT_NE(str(problem, "detail").find("text/plain"), std::string::npos);
  auto none = client().send("POST", "/api/v1/customers/batch", R"({"items": []})", {{"Authorization", "Bearer " + acme_key_}});
  expect_problem(none, 415, 5011);
  auto with_charset = client().send("PUT", "/api/v1/customers/K-1", R"({"name": "A"})",
                                    {{"Authorization", "Bearer " + acme_key_}, {"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(with_charset.status, 201) << with_charset.body;
}

TEST_F(ApiErrorsTest, OversizedBodyIs413) {
  std::string big = R"({"name": ")" + std::string(api_options().max_body_bytes, 'x') + "\"}";
  auto r = client().put_json("/api/v1/customers/K-1", acme_key_, big);
  expect_problem(r, 413, 5006);
  expect_problem(client().get("/api/v1/customers/K-1", acme_key_), 404, 1002);
}

TEST_F(ApiErrorsTest, MalformedJsonIs400WithPosition) {
  auto r = client().put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A",})");
  auto problem = expect_problem(r, 400, 5005);
  EXPECT_NE(str(problem, "detail").find("at byte"), std::string::npos) << r.body;
  expect_problem(client().put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "A"} trailing)"), 400, 5005);
  expect_problem(client().put_json("/api/v1/customers/K-1", acme_key_, ""), 400, 5005);
  expect_problem(client().put_json("/api/v1/customers/K-1", acme_key_, R"("a string")"), 400, 5005);
  std::string deep(100, '[');
  expect_problem(client().put_json("/api/v1/customers/K-1", acme_key_, deep + std::string(100, ']')), 400, 5005);
}

TEST_F(ApiErrorsTest, UnknownQueryParameterIs400) {
  auto r = client().get("/api/v1/summary?when=today", acme_key_);
  auto problem = expect_problem(r, 400, 5013, "when");
  EXPECT_NE(str(problem, "detail").find("as_of"), std::string::npos) << "the detail lists the allowed parameters";
}

TEST_F(ApiErrorsTest, MissingRecordIs404NamingIt) {
  auto r = client().get("/api/v1/payments/P-404", acme_key_);
  auto problem = expect_problem(r, 404, 1002);
  EXPECT_NE(str(problem, "detail").find("P-404"), std::string::npos);
}

TEST_F(ApiErrorsTest, ResponsesAreNotCached) {
  auto r = client().get("/api/v1/summary", acme_key_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace kulanz::testing
