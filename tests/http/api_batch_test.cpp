// Batch upserts: all or nothing, with every invalid item reported by index and field.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

using ApiBatchTest = ApiServerTest;

struct ItemErrorSeen {
  std::int64_t index;
  std::string field;
  std::int64_t code;
};

std::vector<ItemErrorSeen> item_errors(const boost::json::object& problem) {
  std::vector<ItemErrorSeen> out;
  if (!problem.contains("errors")) {
    ADD_FAILURE() << "problem has no errors: " << boost::json::serialize(problem);
    return out;
  }
  for (const auto& e : problem.at("errors").as_array()) {
    EXPECT_FALSE(str(e, "detail").empty());
    EXPECT_EQ(str(e, "location"), "items[" + std::to_string(num(e, "index")) + "]");
    out.push_back({num(e, "index"), str(e, "field"), num(e, "code")});
  }
  return out;
}

bool has_error(const std::vector<ItemErrorSeen>& errors, std::int64_t index, const std::string& field) {
  for (const auto& e : errors) {
    if (e.index == index && e.field == field) return true;
  }
  return false;
}

TEST_F(ApiBatchTest, InvalidItemsAreAllReportedAndNothingIsWritten) {
  auto c = client();
  ASSERT_EQ(c.put_json("/api/v1/customers/C1", acme_key_, R"({"name": "A"})").status, 201);
  auto r = c.post_json("/api/v1/invoices/batch", acme_key_, R"({"items": [
      {"external_id": "B-0", "customer_external_id": "C1", "issue_date": "2026-03-01", "due_date": "2026-03-31", "amount": "10.00"},
      {"external_id": "B-1", "customer_external_id": "C1", "issue_date": "2026-03-01", "due_date": "2026-02-30", "amount": "10.00"},
      {"external_id": "B-2", "customer_external_id": "NOBODY", "issue_date": "2026-03-01", "due_date": "2026-03-31", "amount": "10.00"},
      {"external_id": "B-3", "customer_external_id": "C1", "issue_date": "2026-03-01", "due_date": "2026-03-31", "amount": "-5"},
      {"external_id": "B-4", "customer_external_id": "C1", "issue_date": "2026-03-01", "due_date": "2026-03-31", "amount": "7.00"}
  ]})");
  auto problem = expect_problem(r, 422, 5008);
  EXPECT_NE(str(problem, "detail").find("3 of 5"), std::string::npos) << r.body;
  auto errors = item_errors(problem);
  EXPECT_TRUE(has_error(errors, 1, "due_date")) << r.body;
  EXPECT_TRUE(has_error(errors, 2, "customer_external_id")) << r.body;
  EXPECT_TRUE(has_error(errors, 3, "amount")) << r.body;
  for (const auto& e : errors) {
    EXPECT_NE(e.index, 0);
    EXPECT_NE(e.index, 4);
  }
  // Nothing was written, not even the valid items.
  for (const std::string id : {"B-0", "B-4"}) expect_problem(c.get("/api/v1/invoices/" + id, acme_key_), 404, 1002);
  auto list = c.get("/api/v1/invoices", acme_key_);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.json().at("items").as_array().empty()) << list.body;
}

TEST_F(ApiBatchTest, ShapeErrorsAndValueErrorsAreReportedTogether) {
  auto c = client();
  auto r = c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [
      "just a string",
      {"external_id": "K-1", "colour": "blue"},
      {"external_id": "K-2", "name": "B", "type": "alien"},
      {"external_id": "K-3", "name": "C"}
  ]})");
  auto errors = item_errors(expect_problem(r, 422, 5008));
  EXPECT_TRUE(has_error(errors, 0, "")) << r.body;
  EXPECT_TRUE(has_error(errors, 1, "colour")) << r.body;
  EXPECT_TRUE(has_error(errors, 1, "name")) << "an unknown member does not hide the item's other problems: " << r.body;
  EXPECT_TRUE(has_error(errors, 2, "type")) << r.body;
  expect_problem(c.get("/api/v1/customers/K-3", acme_key_), 404, 1002);
}

TEST_F(ApiBatchTest, DuplicateExternalIdsInOneBatchAreRejected) {
  auto c = client();
  auto r = c.post_json("/api/v1/customers/batch", acme_key_,
                       R"({"items": [{"external_id": "K-1", "name": "A"}, {"external_id": "K-1", "name": "B"}]})");
  auto errors = item_errors(expect_problem(r, 422, 5008));
  EXPECT_FALSE(errors.empty());
  expect_problem(c.get("/api/v1/customers/K-1", acme_key_), 404, 1002);
}

TEST_F(ApiBatchTest, ValidBatchReportsCountsAndIsIdempotent) {
  auto c = client();
  std::string body = R"({"items": [{"external_id": "K-1", "name": "A"}, {"external_id": "K-2", "name": "B", "type": "business"}]})";
  auto first = c.post_json("/api/v1/customers/batch", acme_key_, body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(num(first.json(), "records"), 2);
  EXPECT_EQ(num(first.json(), "inserted"), 2);
  EXPECT_EQ(num(first.json(), "updated"), 0);
  auto again = c.post_json("/api/v1/customers/batch", acme_key_, body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(num(again.json(), "inserted"), 0);
  EXPECT_EQ(num(again.json(), "unchanged"), 2);
  auto changed = c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": [{"external_id": "K-2", "name": "B2"}]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(num(changed.json(), "updated"), 1);
  EXPECT_EQ(str(c.get("/api/v1/customers/K-2", acme_key_).json(), "name"), "B2");
}

TEST_F(ApiBatchTest, BodyMustBeAnObjectWithItems) {
  auto c = client();
  expect_problem(c.post_json("/api/v1/customers/batch", acme_key_, R"([{"external_id": "K-1", "name": "A"}])"), 400, 5005);
  expect_problem(c.post_json("/api/v1/customers/batch", acme_key_, R"({"records": []})"), 422, 5014, "records");
  expect_problem(c.post_json("/api/v1/customers/batch", acme_key_, R"({"items": {"external_id": "K-1"}})"), 422, 5015, "items");
  expect_problem(c.post_json("/api/v1/customers/batch", acme_key_, R"({})"), 422, 5015, "items");
}

TEST_F(ApiBatchTest, TooManyItemsIs413) {
  std::string items;
  for (int i = 0; i <= api_options().max_batch_items; ++i) {
    items += std::string(i ? "," : "") + R"({"external_id": "K-)" + std::to_string(i) + R"(", "name": "N"})";
  }
  auto r = client().post_json("/api/v1/customers/batch", acme_key_, R"({"items": [)" + items + "]}");
  expect_problem(r, 413, 5017, "items");
}

}  // namespace
}  // namespace kulanz::testing
