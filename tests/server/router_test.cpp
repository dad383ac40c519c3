#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "http/router.hpp"

namespace kulanz::http {
namespace {

Request get(std::string target, std::string method = "GET") {
  Request r;
  r.method = std::move(method);
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  return r;
}

Response echo(Request& r) {
  std::string out;
  for (const auto& [k, v] : r.path_params) out += k + "=" + v + ";";
  return Response::text(200, out);
}

TEST(Router, MatchesParametersAndDecodesEachSegment) {
  Router router;
  router.add("GET", "/api/v1/customers/{external_id}/balance", echo);
  auto req = get("/api/v1/customers/K%2F100%20a/balance?as_of=2026-01-01");
  auto resp = router.dispatch(req);
  EXPECT_EQ(resp.status, 200);
  // An encoded slash stays inside its segment; spaces are decoded.
  EXPECT_EQ(resp.body, "external_id=K/100 a;");
}

TEST(Router, LiteralSegmentBeatsParameter) {
  Router router;
  router.add("POST", "/api/v1/invoices/{external_id}", [](Request&) { return Response::text(200, "param"); });
  router.add("POST", "/api/v1/invoices/batch", [](Request&) { return Response::text(200, "literal"); });
  auto req = get("/api/v1/invoices/batch", "POST");
  EXPECT_EQ(router.dispatch(req).body, "literal");
  auto other = get("/api/v1/invoices/R-1", "POST");
  EXPECT_EQ(router.dispatch(other).body, "param");
}

TEST(Router, UnknownPathIs404Problem) {
  Router router;
  router.add("GET", "/a", echo);
  auto req = get("/b");
  auto resp = router.dispatch(req);
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.header("Content-Type"), "application/problem+json");
  auto doc = boost::json::parse(resp.body).as_object();
  EXPECT_EQ(doc.at("code").as_int64(), 5003);
  EXPECT_EQ(doc.at("status").as_int64(), 404);
  EXPECT_EQ(doc.at("instance").as_string(), "/b");
}

TEST(Router, WrongMethodIs405WithAllow) {
  Router router;
  router.add("GET", "/things/{id}", echo);
  router.add("PUT", "/things/{id}", echo);
  auto req = get("/things/1", "DELETE");
  auto resp = router.dispatch(req);
  EXPECT_EQ(resp.status, 405);
  EXPECT_EQ(resp.header("Allow"), "GET, PUT");
}

TEST(Router, HeadIsServedByGet) {
  Router router;
  router.add("GET", "/healthz", [](Request&) { return Response::text(200, "ok"); });
  auto req = get("/healthz", "HEAD");
  EXPECT_EQ(router.dispatch(req).status, 200);
}

TEST(Router, EmptyParameterSegmentDoesNotMatch) {
  Router router;
  router.add("GET", "/things/{id}", echo);
  auto req = get("/things/");
  EXPECT_EQ(router.dispatch(req).status, 404);
}

TEST(Router, HandlerExceptionBecomes500ProblemWithoutDetailLeak) {
  Router router;
  router.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret internals"); });
  auto req = get("/boom");
  auto resp = router.dispatch(req);
  EXPECT_EQ(resp.status, 500);
  EXPECT_EQ(resp.body.find("secret internals"), std::string::npos);
  EXPECT_EQ(boost::json::parse(resp.body).as_object().at("code").as_int64(), 1000);
}

TEST(Router, RoutesListsEveryRouteWithOpenApiFlag) {
  Router router;
  router.add("GET", "/api/v1/x", echo);
  router.add("GET", "/", echo, false);
  auto routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].pattern, "/api/v1/x");
  EXPECT_TRUE(routes[0].in_openapi);
  EXPECT_FALSE(routes[1].in_openapi);
}

}  // namespace
}  // namespace kulanz::http
