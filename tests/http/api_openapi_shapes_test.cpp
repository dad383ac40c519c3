// The JSON the running server returns has exactly the shapes the OpenAPI document states:
// every member is a documented property and every required property is present.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {
namespace json = boost::json;

class ApiShapesTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    seed_known_ledger(acme_key_);
    auto doc = client().get("/api/v1/openapi.json", "");
    ASSERT_EQ(doc.status, 200);
    schemas_ = doc.json().at("components").at("schemas").as_object();
  }

  // Checks `value` against the named schema, following $ref and arrays of $ref.
  void check(const json::value& value, const std::string& schema_name, const std::string& where) {
    SCOPED_TRACE(where + " as " + schema_name);
    ASSERT_TRUE(schemas_.contains(schema_name));
    const auto& schema = schemas_.at(schema_name).as_object();
    ASSERT_TRUE(value.is_object()) << json::serialize(value);
    const auto& object = value.as_object();
    const auto& props = schema.at("properties").as_object();
    for (const auto& [key, member] : object) {
      ASSERT_TRUE(props.contains(key)) << "undocumented member '" << key << "'";
      const auto& prop = props.at(key).as_object();
      if (const auto* ref = prop.if_contains("$ref")) {
        std::string target(ref->as_string().subview().substr(std::string_view("#/components/schemas/").size()));
        if (schemas_.at(target).as_object().contains("properties")) check(member, target, where + "." + std::string(key));
      } else if (prop.contains("items") && prop.at("items").as_object().contains("$ref") && member.is_array()) {
        std::string target(
            prop.at("items").at("$ref").as_string().subview().substr(std::string_view("#/components/schemas/").size()));
        for (const auto& element : member.as_array()) check(element, target, where + "." + std::string(key) + "[]");
      }
    }
    if (const auto* required = schema.if_contains("required")) {
      for (const auto& name : required->as_array()) {
        EXPECT_TRUE(object.contains(name.as_string())) << "required member '" << name.as_string() << "' missing";
      }
    }
  }

  json::object schemas_;
};

TEST_F(ApiShapesTest, ResponsesMatchTheirSchemas) {
  auto c = client();
  auto get = [&](const std::string& target) {
    auto r = c.get(target, acme_key_);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.json();
  };
  check(get("/api/v1/customers/C1"), "Customer", "customer");
  check(get("/api/v1/invoices/I1"), "Invoice", "invoice");
  check(get("/api/v1/credit-notes/CN1"), "CreditNote", "credit note");
  check(get("/api/v1/payments/P1"), "Payment", "payment");
  check(get("/api/v1/customers?limit=1"), "CustomerPage", "customer page");
  check(get("/api/v1/invoices"), "InvoicePage", "invoice page");
  check(get("/api/v1/credit-notes"), "CreditNotePage", "credit note page");
  check(get("/api/v1/payments"), "PaymentPage", "payment page");
  check(get("/api/v1/customers/C1/balance"), "Balance", "balance");
  check(get("/api/v1/customers/C1/open-items"), "OpenItems", "open items");
  check(get("/api/v1/customers/C1/statement?from=2026-01-01"), "Statement", "statement");
  check(get("/api/v1/summary"), "Summary", "summary");
  auto batch = c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [{"external_id": "C9", "name": "N"}]})");
  check(batch.json(), "BatchResult", "batch result");
  auto problem = c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [{"external_id": "C9"}]})");
  EXPECT_EQ(problem.status, 422);
  check(problem.json(), "Problem", "batch problem");
  check(c.get("/api/v1/nothing", acme_key_).json(), "Problem", "404 problem");
}

}  // namespace
}  // namespace kulanz::testing
