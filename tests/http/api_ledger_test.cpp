// A customer's balance, open items and statement, and the creditor's summary, on a ledger
// whose figures are known (seed_known_ledger).
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

class ApiLedgerTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (!HasFatalFailure()) seed_known_ledger(acme_key_);
  }
};

TEST_F(ApiLedgerTest, Balance) {
  auto r = client().get("/api/v1/customers/C1/balance", acme_key_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = r.json();
  EXPECT_EQ(str(b, "customer_external_id"), "C1");
  EXPECT_EQ(str(b, "as_of"), "2026-03-31");
  EXPECT_EQ(str(b, "currency"), "EUR");
  EXPECT_EQ(str(b, "open_items"), "210.00");
  EXPECT_EQ(str(b, "unapplied"), "0.00");
  EXPECT_EQ(str(b, "balance"), "210.00");
  EXPECT_EQ(num(b, "balance_minor"), 21000);
  EXPECT_EQ(str(b, "overdue"), "160.00");

  auto later = client().get("/api/v1/customers/C1/balance?as_of=2026-05-01", acme_key_);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(str(later.json(), "overdue"), "210.00");
  EXPECT_EQ(str(later.json(), "as_of"), "2026-05-01");

  auto paid = client().get("/api/v1/customers/C2/balance", acme_key_);
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(str(paid.json(), "balance"), "0.00");
}

TEST_F(ApiLedgerTest, OpenItemsInDueOrderWithAging) {
  auto r = client().get("/api/v1/customers/C1/open-items", acme_key_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << r.body;
  EXPECT_EQ(str(items[0], "external_id"), "I3");
  EXPECT_EQ(str(items[0], "open"), "80.00");
  EXPECT_EQ(num(items[0], "days_past_due"), 120);
  EXPECT_EQ(str(items[0], "aging_bucket"), "over_90");
  EXPECT_EQ(str(items[1], "external_id"), "I1");
  EXPECT_EQ(str(items[1], "open"), "80.00");
  EXPECT_EQ(num(items[1], "days_past_due"), 59);
  EXPECT_EQ(str(items[1], "aging_bucket"), "d31_60");
  EXPECT_EQ(str(items[2], "external_id"), "I2");
  EXPECT_EQ(str(items[2], "open"), "50.00");
  EXPECT_EQ(num(items[2], "days_past_due"), -15);
  EXPECT_EQ(str(items[2], "aging_bucket"), "not_due");
  const auto& aging = body.at("aging");
  EXPECT_EQ(str(aging, "total_open"), "210.00");
  EXPECT_EQ(str(aging, "total_overdue"), "160.00");

  auto none = client().get("/api/v1/customers/C2/open-items", acme_key_);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json().at("items").as_array().empty());
  EXPECT_EQ(str(none.json().at("aging"), "total_open"), "0.00");
}

TEST_F(ApiLedgerTest, StatementOfAPeriod) {
  auto r = client().get("/api/v1/customers/C1/statement?from=2026-01-01&to=2026-03-31", acme_key_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json();
  EXPECT_EQ(str(s, "from"), "2026-01-01");
  EXPECT_EQ(str(s, "to"), "2026-03-31");
  EXPECT_EQ(str(s, "opening_balance"), "200.00");
  EXPECT_EQ(str(s, "closing_balance"), "210.00");
  std::vector<std::string> seen;
  for (const auto& e : s.at("entries").as_array()) {
    if (str(e, "kind") == "opening_balance") continue;
    seen.push_back(str(e, "date") + " " + str(e, "kind") + " " + str(e, "external_id") + " +" + str(e, "debit") + " -" +
                   str(e, "credit") + " =" + str(e, "running_balance"));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "2026-01-01 invoice I1 +100.00 -0.00 =300.00",
                      "2026-02-01 credit_note CN1 +0.00 -20.00 =280.00",
                      "2026-02-10 payment P1 +0.00 -120.00 =160.00",
                      "2026-03-01 invoice I2 +50.00 -0.00 =210.00",
                  }))
      << r.body;
}

TEST_F(ApiLedgerTest, StatementParametersAreChecked) {
  expect_problem(client().get("/api/v1/customers/C1/statement?from=2026-04-01&to=2026-03-01", acme_key_), 400, 5013, "to");
  expect_problem(client().get("/api/v1/customers/C1/statement?from=01.01.2026", acme_key_), 400, 5013, "from");
  auto defaults = client().get("/api/v1/customers/C1/statement", acme_key_);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(str(defaults.json(), "to"), "2026-03-31");
  EXPECT_EQ(str(defaults.json(), "closing_balance"), "210.00");
}

TEST_F(ApiLedgerTest, UnknownCustomerIs404) {
  for (const std::string view : {"balance", "open-items", "statement"}) {
    expect_problem(client().get("/api/v1/customers/NOBODY/" + view, acme_key_), 404, 1002);
  }
}

TEST_F(ApiLedgerTest, Summary) {
  auto r = client().get("/api/v1/summary", acme_key_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json();
  EXPECT_EQ(str(s, "as_of"), "2026-03-31");
  EXPECT_EQ(num(s, "customers"), 2);
  EXPECT_EQ(num(s, "invoices"), 4);
  EXPECT_EQ(num(s, "open_items"), 3);
  const auto& aging = s.at("aging");
  EXPECT_EQ(str(aging, "total_open"), "210.00");
  EXPECT_EQ(str(aging, "total_overdue"), "160.00");
  std::vector<std::string> buckets;
  for (const auto& b : aging.at("buckets").as_array()) {
    buckets.push_back(str(b, "bucket") + "=" + str(b, "amount") + "/" + std::to_string(num(b, "count")));
  }
  EXPECT_EQ(buckets, (std::vector<std::string>{"not_due=50.00/1", "d1_30=0.00/0", "d31_60=80.00/1", "d61_90=0.00/0",
                                               "over_90=80.00/1"}));
  auto later = client().get("/api/v1/summary?as_of=2026-05-01", acme_key_);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(str(later.json().at("aging"), "total_overdue"), "210.00");
}

}  // namespace
}  // namespace kulanz::testing
