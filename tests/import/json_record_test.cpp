#include "importers/json_record.hpp"

#include <gtest/gtest.h>

namespace kulanz::importers {
namespace {

TEST(ParseJsonExact, NumbersKeepTheirSourceText) {
  auto v = parse_json_exact(R"({"amount": 12.30, "big": 90071992547409931.01, "n": 7, "e": 1e2})");
  ASSERT_TRUE(v.has_value());
  const auto& o = v->as_object();
  EXPECT_EQ(o.at("amount").as_string(), "12.30");
  EXPECT_EQ(o.at("big").as_string(), "90071992547409931.01");
  EXPECT_EQ(o.at("n").as_string(), "7");
  EXPECT_EQ(o.at("e").as_string(), "1e2");
}

TEST(ParseJsonExact, RejectsTrailingGarbageAndBadJson) {
  EXPECT_FALSE(parse_json_exact(R"({"a":1} x)").has_value());
  auto r = parse_json_exact(R"({"a":)");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, base::ErrorCode::import_json_invalid);
}

TEST(RawRecordFromJson, CanonicalKeysNumbersAndStrings) {
  auto v = parse_json_exact(R"({"external_id":"R-1","amount":1234.5,"currency":"EUR","skonto_days":14,"x":1,"due_date":null})");
  ASSERT_TRUE(v.has_value());
  std::vector<std::string> ignored;
  auto r = raw_record_from_json(v->as_object(), "f.jsonl:3", RecordKind::invoice, &ignored);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->location, "f.jsonl:3");
  EXPECT_EQ(r->get("amount"), "1234.5");
  EXPECT_EQ(r->get("skonto_days"), "14");
  EXPECT_FALSE(r->get("due_date").has_value());
  ASSERT_EQ(ignored.size(), 1u);
  EXPECT_EQ(ignored[0], "x");
}

TEST(RawRecordFromJson, NestedValueIsAnError) {
  auto v = parse_json_exact(R"({"amount":{"value":1}})");
  ASSERT_TRUE(v.has_value());
  auto r = raw_record_from_json(v->as_object(), "f.jsonl:1", RecordKind::invoice);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "amount");
  EXPECT_EQ(r.error().location, "f.jsonl:1");
}

}  // namespace
}  // namespace kulanz::importers
