// Tenant isolation: a key of one creditor never reads or writes another creditor's data.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

using ApiTenantTest = ApiServerTest;

TEST_F(ApiTenantTest, OtherCreditorsRecordsAreInvisible) {
  seed_known_ledger(acme_key_);
  auto c = client();
  for (const std::string target : {"/api/v1/customers/C1", "/api/v1/invoices/I1", "/api/v1/credit-notes/CN1",
                                   "/api/v1/payments/P1", "/api/v1/customers/C1/balance", "/api/v1/customers/C1/open-items",
                                   "/api/v1/customers/C1/statement"}) {
    expect_problem(c.get(target, zeta_key_), 404, 1002);
    EXPECT_EQ(c.get(target, acme_key_).status, 200) << target;
  }
  for (const std::string list : {"/api/v1/customers", "/api/v1/invoices", "/api/v1/credit-notes", "/api/v1/payments",
                                 "/api/v1/invoices?customer=C1"}) {
    auto r = c.get(list, zeta_key_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().at("items").as_array().empty()) << list << ": " << r.body;
  }
  auto summary = c.get("/api/v1/summary", zeta_key_);
  ASSERT_EQ(summary.status, 200);
  EXPECT_EQ(num(summary.json(), "customers"), 0);
  EXPECT_EQ(str(summary.json().at("aging"), "total_open"), "0.00");
}

TEST_F(ApiTenantTest, SameExternalIdIsASeparateRecordPerCreditor) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/K-1", acme_key_, R"({"name": "Acme's customer"})").status, 201);
  auto zeta = c.put_json("/api/v1/customers/K-1", zeta_key_, R"({"name": "Zeta's customer"})");
  EXPECT_EQ(zeta.status, 201) << "a different creditor's K-1 is a new record: " << zeta.body;
  EXPECT_EQ(str(c.get("/api/v1/customers/K-1", acme_key_).json(), "name"), "Acme's customer");
  EXPECT_EQ(str(c.get("/api/v1/customers/K-1", zeta_key_).json(), "name"), "Zeta's customer");
}

TEST_F(ApiTenantTest, CannotReferenceAnotherCreditorsCustomer) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/ONLY-ACME", acme_key_, R"({"name": "A"})").status, 201);
  auto r = c.put_json("/api/v1/invoices/Z-1", zeta_key_,
                      R"({"customer_external_id": "ONLY-ACME", "issue_date": "2026-03-01", "due_date": "2026-03-31", "amount": "1.00"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto batch = c.post_json("/api/v1/payments/batch", zeta_key_,
                           R"({"items": [{"external_id": "ZP", "customer_external_id": "ONLY-ACME", "value_date": "2026-03-01", "amount": "1.00"}]})");
  expect_problem(batch, 422, 5008);
  auto acme_invoices = c.get("/api/v1/invoices", acme_key_);
  EXPECT_TRUE(acme_invoices.json().at("items").as_array().empty());
}

TEST_F(ApiTenantTest, CursorOfOneCreditorDoesNotRevealAnother) {
  auto c = client();
  std::string items;
  for (int i = 0; i < 6; ++i) items += std::string(i ? "," : "") + R"({"external_id": "A-)" + std::to_string(i) + R"(", "name": "N"})";
  ASSERT_EQ(c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [)" + items + "]}").status, 200);
  auto page = c.get("/api/v1/customers?limit=2", acme_key_);
  ASSERT_EQ(page.status, 200);
  std::string next = std::string(page.json().at("next").as_string());
  auto other = c.get(next, zeta_key_);
  if (other.status == 200) {
    EXPECT_TRUE(other.json().at("items").as_array().empty()) << other.body;
  } else {
    expect_problem(other, 400, 5007, "cursor");
  }
}

}  // namespace
}  // namespace kulanz::testing
