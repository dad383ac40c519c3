// The collection engine over the API: collection file (read, load, diagnostics), segments,
// strategies with versions, runs and decisions, explain, holds and overrides, tenants.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

class ApiEngineTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (!HasFatalFailure()) seed_known_ledger(acme_key_);
  }
};

std::string quote(const std::string& s) { return boost::json::serialize(boost::json::value(s)); }

TEST_F(ApiEngineTest, CollectionFileSegmentsAndStrategies) {
  auto file = client().get("/api/v1/collection", acme_key_);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(num(file.json(), "version"), 1) << "the built-in default is stored as version 1";
  const std::string content = str(file.json(), "content");
  EXPECT_NE(content.find("[[segment]]"), std::string::npos);

  auto segments = client().get("/api/v1/segments", acme_key_);
  ASSERT_EQ(segments.status, 200) << segments.body;
  const auto segments_body = segments.json();
  const auto& items = segments_body.at("items").as_array();
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(str(items.front(), "name"), "key_accounts");
  EXPECT_TRUE(items.back().at("default").as_bool());

  // A broken file: every problem with its position, nothing stored.
  std::string broken = content;
  broken.replace(broken.find("key_account = true"), 18, "key_acount = true");
  auto bad = client().put_json("/api/v1/collection", acme_key_, "{\"content\": " + quote(broken) + "}");
  auto problem = expect_problem(bad, 422, 7001, "content");
  ASSERT_TRUE(problem.contains("errors")) << bad.body;
  EXPECT_NE(str(problem.at("errors").as_array().at(0), "detail").find("content:"), std::string::npos) << bad.body;
  EXPECT_EQ(num(client().get("/api/v1/collection", acme_key_).json(), "version"), 1);

  // The same content again: nothing new. A changed strategy: a new version of it only.
  auto same = client().put_json("/api/v1/collection", acme_key_, "{\"content\": " + quote(content) + "}");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_FALSE(same.json().at("changed").as_bool());
  std::string changed = content;
  const auto at = changed.find("template = \"netting_call\"");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, 25, "template = \"netting_call_v2\"");
  auto loaded = client().put_json("/api/v1/collection", acme_key_,
                                  "{\"content\": " + quote(changed) + ", \"note\": \"new call script\"}");
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(num(loaded.json(), "version"), 2);
  const auto loaded_body = loaded.json();
  const auto& fresh = loaded_body.at("new_strategy_versions").as_array();
  ASSERT_EQ(fresh.size(), 1u) << loaded.body;
  EXPECT_EQ(fresh[0].as_string(), "also-suppliers v2");

  auto strategies = client().get("/api/v1/strategies", acme_key_);
  ASSERT_EQ(strategies.status, 200) << strategies.body;
  bool found = false;
  const auto strategies_body = strategies.json();
  for (const auto& s : strategies_body.at("items").as_array()) {
    if (str(s, "name") != "also-suppliers") continue;
    found = true;
    EXPECT_EQ(num(s, "version"), 2);
    EXPECT_EQ(s.at("versions").as_array().size(), 2u);
  }
  EXPECT_TRUE(found);

  auto other = client().get("/api/v1/collection", zeta_key_);
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(num(other.json(), "version"), 1) << "another creditor's versions are its own";
}

TEST_F(ApiEngineTest, RunsDecisionsAndExplain) {
  auto dry = client().post_json("/api/v1/runs", acme_key_, R"({"as_of": "2026-03-31", "dry_run": true})");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.json().at("run_id").is_null());
  EXPECT_FALSE(dry.json().at("decisions").as_array().empty()) << dry.body;
  EXPECT_TRUE(client().get("/api/v1/runs", acme_key_).json().at("items").as_array().empty()) << "a dry run stores nothing";

  auto run = client().post_json("/api/v1/runs", acme_key_, R"({"as_of": "2026-03-31"})");
  ASSERT_EQ(run.status, 201) << run.body;
  const auto run_body = run.json();
  const auto id = num(run_body, "run_id");
  const auto& report = run_body.at("report");
  EXPECT_EQ(num(report, "customers"), 2);
  auto decisions = client().get("/api/v1/runs/" + std::to_string(id) + "/decisions", acme_key_);
  ASSERT_EQ(decisions.status, 200) << decisions.body;
  const auto decisions_body = decisions.json();
  const auto& list = decisions_body.at("items").as_array();
  ASSERT_FALSE(list.empty());
  for (const auto& d : list) {
    EXPECT_FALSE(str(d, "reason").empty());
    EXPECT_EQ(str(d, "customer_external_id"), "C1") << "C2 has nothing open";
  }
  auto again = client().post_json("/api/v1/runs", acme_key_, R"({"as_of": "2026-03-31"})");
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(num(again.json().at("report"), "outbox_new"), 0) << "the same day twice adds nothing";

  auto one = client().get("/api/v1/runs/" + std::to_string(id), acme_key_);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(str(one.json(), "status"), "finished");
  expect_problem(client().get("/api/v1/runs/" + std::to_string(id), zeta_key_), 404, 7005);
  expect_problem(client().get("/api/v1/runs/abc", acme_key_), 422, 2013);

  auto mine = client().get("/api/v1/customers/C1/decisions", acme_key_);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.json().at("items").as_array().size(), list.size());
  expect_problem(client().get("/api/v1/customers/C1/decisions", zeta_key_), 404, 1002);

  auto explain = client().get("/api/v1/customers/C1/explain?as_of=2026-04-20", acme_key_);
  ASSERT_EQ(explain.status, 200) << explain.body;
  auto e = explain.json();
  EXPECT_EQ(str(e.at("segment"), "name"), "businesses");
  EXPECT_EQ(str(e.at("journey"), "strategy"), "businesses");
  EXPECT_FALSE(e.at("items").as_array().empty());
  EXPECT_FALSE(e.at("interest").as_array().empty()) << "an overdue business item shows its §288 interest";
}

// The server's base-rate table (from `[law] base_rates`) reaches explain and the run: a
// period past the built-in table is refused there and computed with the operator's table.
class ApiEngineRatesTest : public ApiEngineTest {
 protected:
  void SetUp() override {
    auto table = law::parse_base_rates("valid_from,rate_percent\n2025-01-01,2.27\n2025-07-01,1.27\n2026-07-01,2.00\n", "rates.csv");
    ASSERT_TRUE(table) << table.error().to_string();
    base_rates_ = std::make_shared<const law::BaseRateTable>(std::move(*table));
    ApiEngineTest::SetUp();
  }
};

TEST_F(ApiEngineTest, InterestPastTheBuiltInBaseRatesIsRefusedWithANote) {
  auto explain = client().get("/api/v1/customers/C1/explain?as_of=2026-08-20", acme_key_);
  ASSERT_EQ(explain.status, 200) << explain.body;
  const auto e = explain.json();
  const auto& interest = e.at("interest").as_array();
  ASSERT_FALSE(interest.empty()) << explain.body;
  const auto& note = interest.at(0).at("note");
  ASSERT_TRUE(note.is_string()) << explain.body;
  EXPECT_NE(std::string(note.as_string()).find("no confirmed base rate"), std::string::npos) << explain.body;
}

TEST_F(ApiEngineRatesTest, TheServersBaseRateTableIsUsedByExplain) {
  auto explain = client().get("/api/v1/customers/C1/explain?as_of=2026-08-20", acme_key_);
  ASSERT_EQ(explain.status, 200) << explain.body;
  const auto e = explain.json();
  const auto& interest = e.at("interest").as_array();
  ASSERT_FALSE(interest.empty()) << explain.body;
  EXPECT_TRUE(interest.at(0).at("note").is_null()) << explain.body;
  bool july = false;
  for (const auto& p : interest.at(0).at("periods").as_array()) {
    if (str(p, "from") == "2026-07-01") {
      july = true;
      EXPECT_EQ(str(p, "base_rate"), "2.00");
      EXPECT_EQ(str(p, "rate"), "11.00") << "business debtor: base rate + 9 points";
    }
  }
  EXPECT_TRUE(july) << explain.body;
}

TEST_F(ApiEngineTest, HoldsAndOverrides) {
  auto created = client().post_json("/api/v1/holds", acme_key_,
                                    R"({"customer_external_id": "C1", "kind": "dispute", "items": ["I1"], "from": "2026-03-20", "reason": "Lieferung unvollständig"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = num(created.json(), "id");
  EXPECT_EQ(created.json().at("items").as_array().at(0).as_string(), "I1");
  expect_problem(client().post_json("/api/v1/holds", acme_key_,
                                    R"({"customer_external_id": "C1", "kind": "promise_to_pay", "reason": "x"})"),
                 422, 2009, "until");
  expect_problem(client().post_json("/api/v1/holds", acme_key_,
                                    R"({"customer_external_id": "C1", "kind": "holiday", "reason": "x"})"),
                 422, 2008, "kind");
  expect_problem(client().post_json("/api/v1/holds", acme_key_,
                                    R"({"customer_external_id": "C1", "kind": "manual", "items": ["J1"], "reason": "x"})"),
                 404, 6005, "items");
  expect_problem(client().post_json("/api/v1/holds", zeta_key_,
                                    R"({"customer_external_id": "C1", "kind": "manual", "reason": "x"})"),
                 404, 1002);
  auto list = client().get("/api/v1/holds?customer=C1", acme_key_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_TRUE(client().get("/api/v1/holds", zeta_key_).json().at("items").as_array().empty());
  expect_problem(client().post_json("/api/v1/holds/" + std::to_string(id) + "/end", zeta_key_, "{}"), 404, 7002);
  auto ended = client().post_json("/api/v1/holds/" + std::to_string(id) + "/end", acme_key_, R"({"on": "2026-03-30"})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(str(ended.json(), "end"), "ended");
  expect_problem(client().post_json("/api/v1/holds/" + std::to_string(id) + "/end", acme_key_, "{}"), 409, 7003);
  EXPECT_TRUE(client().get("/api/v1/holds", acme_key_).json().at("items").as_array().empty());
  EXPECT_EQ(client().get("/api/v1/holds?active=false", acme_key_).json().at("items").as_array().size(), 1u);

  auto ov = client().put_json("/api/v1/customers/C1/segment-override", acme_key_,
                              R"({"segment": "key_accounts", "until": "2026-12-31", "reason": "Großkunde"})");
  ASSERT_EQ(ov.status, 201) << ov.body;
  expect_problem(client().put_json("/api/v1/customers/C1/segment-override", acme_key_,
                                   R"({"segment": "vip", "until": "2026-12-31", "reason": "x"})"),
                 422, 7004, "segment");
  auto explain = client().get("/api/v1/customers/C1/explain", acme_key_);
  ASSERT_EQ(explain.status, 200);
  EXPECT_EQ(str(explain.json().at("segment"), "name"), "key_accounts");
  EXPECT_EQ(explain.json().at("segment").at("rule").as_string(), "override");
}

}  // namespace
}  // namespace kulanz::testing
