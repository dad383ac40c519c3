#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/message.hpp"

namespace kulanz::http {
namespace {

TEST(Request, FormDecodesPlusPercentAndUtf8) {
  Request r;
  r.body = "email=anna%40example.de&name=J%C3%BCrgen+M%C3%BCller&empty=&flag&pct=100%25&bad=%zz";
  auto f = r.form();
  EXPECT_EQ(f.find("email")->second, "anna@example.de");
  EXPECT_EQ(f.find("name")->second, "J\xC3\xBCrgen M\xC3\xBCller");
  EXPECT_EQ(f.find("empty")->second, "");
  EXPECT_EQ(f.count("flag"), 1u);
  EXPECT_EQ(f.find("pct")->second, "100%");
  EXPECT_EQ(f.find("bad")->second, "%zz");
}

TEST(Request, FormKeepsRepeatedKeys) {
  Request r;
  r.body = "a=1&a=2";
  auto f = r.form();
  EXPECT_EQ(f.count("a"), 2u);
}

TEST(Request, CookieFindsByExactName) {
  Request r;
  r.headers["cookie"] = "other_session=x; session=abc123; theme=\"dark\"";
  EXPECT_EQ(r.cookie("session").value(), "abc123");
  EXPECT_EQ(r.cookie("theme").value(), "dark");
  EXPECT_FALSE(r.cookie("sess").has_value());
}

TEST(Response, SetHeaderReplacesCaseInsensitively) {
  auto resp = Response::text(200, "x");
  resp.set_header("content-type", "text/csv");
  EXPECT_EQ(resp.headers.size(), 1u);
  EXPECT_EQ(resp.header("Content-Type"), "text/csv");
}

TEST(Response, ProblemCarriesRegistryCodeFieldAndItemErrors) {
  base::Error top(base::ErrorCode::batch_invalid, "2 of 3 items are invalid");
  base::Error item(base::ErrorCode::amount_invalid, "'12,3x' is not an amount", "amount");
  item.location = "items[1]";
  auto resp = Response::problem(top, "/api/v1/invoices/batch", {item});
  EXPECT_EQ(resp.status, 422);
  EXPECT_EQ(resp.header("Content-Type"), "application/problem+json");
  auto o = boost::json::parse(resp.body).as_object();
  EXPECT_EQ(o.at("type").as_string(), "urn:kulanz:error:E5008");
  EXPECT_EQ(o.at("code").as_int64(), 5008);
  EXPECT_EQ(o.at("detail").as_string(), "2 of 3 items are invalid");
  const auto& errs = o.at("errors").as_array();
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].as_object().at("location").as_string(), "items[1]");
  EXPECT_EQ(errs[0].as_object().at("field").as_string(), "amount");
  EXPECT_EQ(errs[0].as_object().at("code").as_int64(), 2004);
}

TEST(Response, RedirectIsSeeOtherByDefault) {
  auto r = Response::redirect("/login");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/login");
}

}  // namespace
}  // namespace kulanz::http

namespace kulanz::http {
namespace {
TEST(Response, AddHeaderKeepsEarlierOnesOfTheSameName) {
  Response r;
  r.add_header("Set-Cookie", "a=1");
  r.add_header("Set-Cookie", "b=2");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].second, "a=1");
  EXPECT_EQ(r.headers[1].second, "b=2");
}
}  // namespace
}  // namespace kulanz::http
